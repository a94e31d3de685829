package org.pathway.api.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Journeys kept in memory between commands, so that a command does not read and replay its whole
 * journey from the event store (Axon's caching repository over a bounded Caffeine cache).
 *
 * <p>It stays correct with several nodes on one database, and when a transaction fails after the
 * journey was changed in memory:
 *
 * <ul>
 *   <li>A journey changed by another node is stale here. A command accepted on the stale journey
 *       appends at a sequence number the other node already used; the unique constraint refuses it,
 *       the transaction rolls back, the entry is evicted, and the command is judged again on the
 *       journey read from the store ({@code CommandExecutor}). A command <em>refused</em> on a
 *       cached journey is judged once more on the journey read from the store before the refusal is
 *       answered, so no one is refused because of what this node had not yet seen.
 *   <li>An entry touched by a transaction that does not commit (a failed idempotency write, a lost
 *       connection at commit) is evicted when the transaction ends ({@link #evictUnlessCommitted}),
 *       so the cache never holds events the store does not.
 * </ul>
 */
public final class JourneyCache implements Cache {
  private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
  private final boolean enabled;

  /**
   * @param maximumJourneys how many journeys are kept (least recently used go first); 0 for none
   */
  public JourneyCache(long maximumJourneys) {
    this.enabled = maximumJourneys > 0;
    this.entries = Caffeine.newBuilder().maximumSize(maximumJourneys).build();
  }

  /** Whether journeys are cached at all. */
  public boolean enabled() {
    return enabled;
  }

  /** Whether the journey is in memory now (its next command will not read the store). */
  public boolean holds(UUID journey) {
    return enabled && entries.asMap().containsKey(journey.toString());
  }

  /**
   * Evicts the journey when the current database transaction ends without committing. One
   * synchronization per transaction holds every journey it touched: an import's transaction runs
   * hundreds of commands, each in a savepoint, and Spring copies and sorts the transaction's
   * synchronizations at every savepoint (a tenth of an import thread's time with one per command).
   */
  public void evictUnlessCommitted(UUID journey) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    @SuppressWarnings("unchecked")
    Set<UUID> touched = (Set<UUID>) TransactionSynchronizationManager.getResource(this);
    if (touched == null) {
      Set<UUID> journeys = new HashSet<>();
      TransactionSynchronizationManager.bindResource(this, journeys);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void suspend() {
              TransactionSynchronizationManager.unbindResource(JourneyCache.this);
            }

            @Override
            public void resume() {
              TransactionSynchronizationManager.bindResource(JourneyCache.this, journeys);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(JourneyCache.this);
              if (status != STATUS_COMMITTED) {
                journeys.forEach(JourneyCache.this::evict);
              }
            }
          });
      touched = journeys;
    }
    touched.add(journey);
  }

  public void evict(UUID journey) {
    entries.invalidate(journey.toString());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> V get(K key) {
    return (V) entries.getIfPresent(key);
  }

  @Override
  public void put(Object key, Object value) {
    entries.put(key, value);
  }

  @Override
  public boolean putIfAbsent(Object key, Object value) {
    return entries.asMap().putIfAbsent(key, value) == null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
    return (T) entries.get(key, k -> valueSupplier.get());
  }

  @Override
  public boolean remove(Object key) {
    return entries.asMap().remove(key) != null;
  }

  @Override
  public void removeAll() {
    entries.invalidateAll();
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.asMap().containsKey(key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
    entries.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
  }

  /** Axon's caching repository registers no listeners; refusing them keeps that assumption loud. */
  @Override
  public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
    throw new UnsupportedOperationException("the journey cache has no entry listeners");
  }
}
