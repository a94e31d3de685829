package org.pathway.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/** The journeys a transaction touched are evicted when it does not commit, and only then. */
class JourneyCacheTest {
  private final JourneyCache cache = new JourneyCache(100);
  private final UUID a = UUID.randomUUID();
  private final UUID b = UUID.randomUUID();
  private final UUID untouched = UUID.randomUUID();

  @AfterEach
  void clear() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
    TransactionSynchronizationManager.unbindResourceIfPossible(cache);
  }

  private void touchInATransaction() {
    for (UUID id : new UUID[] {a, b, untouched}) {
      cache.put(id.toString(), "journey " + id);
    }
    TransactionSynchronizationManager.initSynchronization();
    for (int i = 0; i < 100; i++) { // an import batch: many commands, few journeys
      cache.evictUnlessCommitted(i % 2 == 0 ? a : b);
    }
  }

  private void end(int status) {
    var synchronizations = TransactionSynchronizationManager.getSynchronizations();
    TransactionSynchronizationManager.clearSynchronization();
    TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, status);
  }

  @Test
  void a_transaction_that_rolls_back_evicts_every_journey_it_touched_with_one_synchronization() {
    touchInATransaction();
    assertThat(TransactionSynchronizationManager.getSynchronizations()).hasSize(1);
    end(TransactionSynchronization.STATUS_ROLLED_BACK);
    assertThat(cache.holds(a)).isFalse();
    assertThat(cache.holds(b)).isFalse();
    assertThat(cache.holds(untouched)).isTrue();
    assertThat(TransactionSynchronizationManager.hasResource(cache)).isFalse();
  }

  @Test
  void a_transaction_that_commits_keeps_them_and_the_next_transaction_starts_afresh() {
    touchInATransaction();
    end(TransactionSynchronization.STATUS_COMMITTED);
    assertThat(cache.holds(a)).isTrue();
    assertThat(cache.holds(b)).isTrue();
    assertThat(TransactionSynchronizationManager.hasResource(cache)).isFalse();

    TransactionSynchronizationManager.initSynchronization();
    cache.evictUnlessCommitted(b);
    end(TransactionSynchronization.STATUS_UNKNOWN);
    assertThat(cache.holds(a)).isTrue();
    assertThat(cache.holds(b)).isFalse();
  }

  @Test
  void outside_a_transaction_nothing_is_registered() {
    cache.put(a.toString(), "journey");
    cache.evictUnlessCommitted(a);
    assertThat(cache.holds(a)).isTrue();
    assertThat(TransactionSynchronizationManager.hasResource(cache)).isFalse();
  }
}
