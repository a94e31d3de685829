package org.pathway.api.config;

import com.github.benmanes.caffeine.cache.Caffeine;
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

  /** Evicts the journey when the current database transaction ends without committing. */
  public void evictUnlessCommitted(UUID journey) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
              evict(journey);
            }
          }
        });
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
