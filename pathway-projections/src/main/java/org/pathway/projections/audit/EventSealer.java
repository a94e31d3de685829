package org.pathway.projections.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one sequencer of the hash chain. Writers never compute hashes, so concurrent writers cannot
 * fork the chain: this job seals committed events strictly in global-index order, in one
 * transaction per run, holding a PostgreSQL advisory lock so that only one node of several seals at
 * a time. A gap in the global index (a transaction that took a number and has not committed, or
 * rolled back) stops sealing until the gap is older than the grace period; then it is taken to be a
 * rollback and skipped. An event that commits into a gap after that would show up as UNSEALED in
 * verification: after the grace period, a late arrival is indistinguishable from an insertion.
 */
@Component
public class EventSealer {
  private static final long LOCK_KEY = 0x7061746877617931L; // "pathway1"
  private static final int BATCH = 2000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Duration gapGrace;
  private final Clock clock;

  /** When each gap was first seen, by the index just before it. */
  private final Map<Long, Instant> gapsSeen = new ConcurrentHashMap<>();

  public EventSealer(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      @Value("${pathway.audit.gap-grace:PT10S}") Duration gapGrace) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.gapGrace = gapGrace;
    this.clock = Clock.systemUTC();
  }

  @Scheduled(fixedDelayString = "${pathway.audit.seal-interval:PT0.2S}")
  public void sealPending() {
    while (Boolean.TRUE.equals(transactions.execute(tx -> sealBatch()))) {
      // keep going while full batches are sealed
    }
  }

  /** Seals up to one batch; returns whether there may be more. */
  private boolean sealBatch() {
    Boolean locked =
        jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
    if (!Boolean.TRUE.equals(locked)) {
      return false; // another node is sealing
    }
    List<Map<String, Object>> last =
        jdbc.queryForList(
            "SELECT seal_seq, global_index, hash FROM event_seal ORDER BY seal_seq DESC LIMIT 1");
    long seq = last.isEmpty() ? 0 : ((Number) last.get(0).get("seal_seq")).longValue();
    long lastIndex = last.isEmpty() ? 0 : ((Number) last.get(0).get("global_index")).longValue();
    byte[] previous = last.isEmpty() ? EventHash.GENESIS : (byte[]) last.get(0).get("hash");
    State state = new State(seq, lastIndex, previous, lastIndex + 1);
    jdbc.query(
        "SELECT "
            + EventHash.COLUMNS
            + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT "
            + BATCH,
        rs -> {
          if (state.stopped) {
            return;
          }
          long index = rs.getLong("global_index");
          if (index != state.expected && !gapExpired(state.lastIndex)) {
            state.stopped = true; // wait: the missing numbers may still commit
            return;
          }
          gapsSeen.remove(state.lastIndex);
          byte[] hash = EventHash.of(state.previous, rs);
          jdbc.update(
              "INSERT INTO event_seal (seal_seq, global_index, hash, previous_hash) VALUES (?, ?, ?, ?)",
              state.seq + 1,
              index,
              hash,
              state.previous);
          state.seq++;
          state.lastIndex = index;
          state.previous = hash;
          state.expected = index + 1;
          state.sealed++;
        },
        lastIndex);
    return state.sealed == BATCH;
  }

  private boolean gapExpired(long before) {
    Instant first = gapsSeen.computeIfAbsent(before, k -> clock.instant());
    return Duration.between(first, clock.instant()).compareTo(gapGrace) >= 0;
  }

  private static final class State {
    long seq;
    long lastIndex;
    byte[] previous;
    long expected;
    boolean stopped;
    int sealed;

    State(long seq, long lastIndex, byte[] previous, long expected) {
      this.seq = seq;
      this.lastIndex = lastIndex;
      this.previous = previous;
      this.expected = expected;
    }
  }
}
