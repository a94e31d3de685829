package org.pathway.projections.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * rolled back) stops sealing until the gap is known to be a rollback: every transaction that was in
 * progress when the gap was first seen has ended (PostgreSQL's snapshot {@code xmin} has passed the
 * {@code xmax} of that moment, and a short settle time has passed), or, at the latest, the grace
 * period is over. All gaps of a batch are noted at once, so after a burst they age together and a
 * gap waits at most once. An event that commits into a gap after that would show up as UNSEALED in
 * verification: after the grace period, a late arrival is indistinguishable from an insertion.
 */
@Component
public class EventSealer {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventSealer.class);
  private static final long LOCK_KEY = 0x7061746877617931L; // "pathway1"
  private static final int BATCH = 2000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Duration gapGrace;
  private final Clock clock;

  /**
   * When each gap was first seen and which transactions could still fill it, by the index before
   * it.
   */
  private final Map<Long, Gap> gapsSeen = new ConcurrentHashMap<>();

  /** Transactions with ids at or above {@code xmax} had not started when the gap was seen. */
  private record Gap(Instant firstSeen, long xmax) {}

  /** The shortest wait before a gap whose transactions have all ended counts as a rollback. */
  private static final Duration SETTLE = Duration.ofMillis(500);

  public EventSealer(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      @Value("${pathway.audit.gap-grace:PT10S}") Duration gapGrace) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.gapGrace = gapGrace;
    this.clock = Clock.systemUTC();
  }

  private final org.pathway.projections.jobs.OutageLog outage =
      new org.pathway.projections.jobs.OutageLog(log, "Sealing paused", "Sealing resumed");

  private volatile boolean paused;

  /** Stops sealing until resumed (a benchmark's measurement of what sealing costs). */
  public void pause(boolean pause) {
    this.paused = pause;
  }

  @Scheduled(fixedDelayString = "${pathway.audit.seal-interval:PT0.2S}")
  public void sealPending() {
    if (paused) {
      return;
    }
    outage.run(
        () -> {
          while (Boolean.TRUE.equals(transactions.execute(tx -> sealBatch()))) {
            // keep going while full batches are sealed
          }
          return null;
        },
        null);
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
    long[] snapshot = snapshot();
    List<Object[]> seals = new ArrayList<>();
    jdbc.query(
        "SELECT "
            + EventHash.COLUMNS
            + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT "
            + BATCH,
        rs -> {
          long index = rs.getLong("global_index");
          if (state.stopped) {
            if (index != state.expected) {
              noteGap(state.expected - 1, snapshot); // later gaps start ageing now, not in turn
            }
            state.expected = index + 1;
            return;
          }
          if (index != state.expected && !gapResolved(state.lastIndex, snapshot)) {
            state.stopped = true; // wait: the missing numbers may still commit
            state.expected = index + 1;
            return;
          }
          gapsSeen.remove(state.lastIndex);
          byte[] hash = EventHash.of(state.previous, rs);
          seals.add(new Object[] {state.seq + 1, index, hash, state.previous});
          state.seq++;
          state.lastIndex = index;
          state.previous = hash;
          state.expected = index + 1;
          state.sealed++;
        },
        lastIndex);
    // one batched statement for the run's seals (one insert per event was a round trip each)
    if (!seals.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO event_seal (seal_seq, global_index, hash, previous_hash) VALUES (?, ?, ?, ?)",
          seals);
    }
    return state.sealed == BATCH;
  }

  /** {@code [xmin, xmax]} of the current PostgreSQL snapshot. */
  private long[] snapshot() {
    return jdbc.queryForObject(
        "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
            + " FROM pg_current_snapshot() s",
        (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
  }

  private Gap noteGap(long before, long[] snapshot) {
    return gapsSeen.computeIfAbsent(before, k -> new Gap(clock.instant(), snapshot[1]));
  }

  /**
   * Whether the numbers after {@code before} will never commit: every transaction that was running
   * when the gap was first seen has ended since, or the grace period is over.
   */
  private boolean gapResolved(long before, long[] snapshot) {
    Gap gap = noteGap(before, snapshot);
    Duration age = Duration.between(gap.firstSeen(), clock.instant());
    boolean allEnded = snapshot[0] >= gap.xmax() && age.compareTo(SETTLE) >= 0;
    return allEnded || age.compareTo(gapGrace) >= 0;
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
