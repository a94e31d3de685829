package org.pathway.projections.history;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.pathway.projections.metrics.Contribution;
import org.pathway.projections.metrics.MetricAggregates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the sums the live projection appends to {@code metric_cell_pending} into the metric cells
 * ({@code metric_cell_day}, {@code metric_cell}, {@code metric_cell_total}): every second, a chunk
 * at a time, each chunk deleted from the pending table and added to the cells in one transaction,
 * so that a snapshot sees every sum exactly once — in the pending table or in the cells — and an
 * answer adds the pending ones to the cells it reads ({@code AggregateRepository}). Sums of a
 * second's batches fold into fewer cells than each batch's alone, and the upserts, half of
 * PostgreSQL's time under load when each batch made them, leave the projection's commit path
 * (docs/performance.md). One node folds at a time (an advisory lock); the sums wait for the next
 * run while the database is away, and nothing is lost.
 */
@Component
public class CellFolder {
  private static final Logger log = LoggerFactory.getLogger(CellFolder.class);

  private static final long LOCK_KEY = 0x7061746877617933L; // "pathway3"

  /** The most pending sums folded in one transaction. */
  static final int CHUNK = 50_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final MetricAggregates aggregates;

  private volatile boolean paused;
  private final org.pathway.projections.jobs.OutageLog outage =
      new org.pathway.projections.jobs.OutageLog(
          log, "Folding the metric cells paused", "Folding the metric cells resumed");

  public CellFolder(
      JdbcTemplate jdbc, TransactionTemplate transactions, MetricAggregates aggregates) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.aggregates = aggregates;
  }

  /**
   * Stops the scheduled folding until resumed (a test of answers with sums still pending, a
   * benchmark's measurement); {@link #foldAll} still folds when called.
   */
  public void pause(boolean pause) {
    this.paused = pause;
  }

  @Scheduled(fixedDelayString = "${pathway.metrics.fold-interval:PT1S}")
  public void scheduled() {
    if (paused) {
      return;
    }
    outage.run(
        () -> {
          if (fold(false) > 0) {
            // the deleted rows' space made free at once, and the emptied pages cut off the table's
            // end: answers read the whole table, and autovacuum comes by only once a minute
            jdbc.execute("VACUUM " + ReadModelTables.LIVE.pendingCells());
          }
          // the days that are over rolled up into the per-month and all-time cells
          LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
          LocalDate through = rolledThrough();
          if (through == null || through.isBefore(yesterday)) {
            transactions.executeWithoutResult(tx -> rollUp(yesterday, false));
          }
          return null;
        },
        null);
  }

  /**
   * The last recorded day whose day cells {@code metric_cell} and {@code metric_cell_total} hold
   * (V27); {@code null} when they hold none.
   */
  public LocalDate rolledThrough() {
    List<LocalDate> through =
        jdbc.query(
            "SELECT through FROM " + ReadModelTables.LIVE.rollup(),
            (rs, i) -> rs.getObject(1, LocalDate.class));
    return through.isEmpty() ? null : through.get(0);
  }

  /**
   * Makes {@code metric_cell} and {@code metric_cell_total} hold exactly the day cells recorded on
   * or before {@code through}: the day cells between it and where they stood added to them (or,
   * where {@code through} is earlier, taken away: a test's way to answer with days not rolled up),
   * in one transaction, waiting for another node's folding to end.
   */
  public void rollTo(LocalDate through) {
    transactions.executeWithoutResult(tx -> rollUp(through, true));
  }

  private void rollUp(LocalDate through, boolean wait) {
    if (!lock(wait)) {
      return;
    }
    ReadModelTables t = ReadModelTables.LIVE;
    LocalDate from = rolledThrough();
    if (through.equals(from) || (!wait && from != null && from.isAfter(through))) {
      return; // as asked already (or, scheduled, further on: it never rolls back of itself)
    }
    boolean back = from != null && from.isAfter(through);
    String sign = back ? "-" : "";
    List<Object> days = new ArrayList<>();
    String range;
    if (back) {
      range = "recorded_on > ? AND recorded_on <= ?";
      days.add(through);
      days.add(from);
    } else if (from == null) {
      range = "recorded_on <= ?";
      days.add(through);
    } else {
      range = "recorded_on > ? AND recorded_on <= ?";
      days.add(from);
      days.add(through);
    }
    Object[] args = days.toArray();
    addDays(
        t.cells(),
        CellSums.COLUMNS,
        "family, breakdown, group_key, anchor_month, date_trunc('month', recorded_on)::date, v1, v2",
        "1, 2, 3, 4, 5, 6, 7",
        "1, 2, 4, 5, 3, 6, 7",
        "family, breakdown, anchor_month, recorded_month, group_key, v1, v2",
        sign,
        range,
        args);
    addDays(
        t.totalCells(),
        CellSums.TOTAL_COLUMNS,
        "family, breakdown, group_key, anchor_month, v1, v2",
        "1, 2, 3, 4, 5, 6",
        "1, 2, 4, 3, 5, 6",
        "family, breakdown, anchor_month, group_key, v1, v2",
        sign,
        range,
        args);
    jdbc.update("DELETE FROM " + t.rollup());
    jdbc.update("INSERT INTO " + t.rollup() + " (through) VALUES (?)", through);
  }

  /**
   * Folds every sum pending now, waiting for another node's folding to end first; returns how many
   * were folded.
   */
  public long foldAll() {
    return fold(true);
  }

  /** The sums not folded yet. */
  public long pending() {
    Long n =
        jdbc.queryForObject(
            "SELECT count(*) FROM " + ReadModelTables.LIVE.pendingCells(), Long.class);
    return n == null ? 0 : n;
  }

  private long fold(boolean wait) {
    long folded = 0;
    while (true) {
      Integer chunk = transactions.execute(tx -> foldChunk(wait));
      folded += chunk == null ? 0 : chunk;
      if (chunk == null || chunk < CHUNK) {
        return folded;
      }
    }
  }

  /** Moves up to a chunk of pending sums into the cells; returns how many. */
  /**
   * Adds (or with {@code sign} "-" takes away) the day cells of the days in {@code range}, summed
   * by {@code cell}'s columns, to {@code table}, in its key's order ({@code orderBy}).
   */
  private void addDays(
      String table,
      String columns,
      String cell,
      String groupBy,
      String orderBy,
      String key,
      String sign,
      String range,
      Object[] days) {
    jdbc.update(
        "INSERT INTO "
            + table
            + " AS c ("
            + columns
            + ") SELECT "
            + cell
            + ", "
            + sign
            + "sum(n), "
            + sign
            + "sum(s) FROM "
            + ReadModelTables.LIVE.dayCells()
            + " WHERE "
            + range
            + " GROUP BY "
            + groupBy
            + " ORDER BY "
            + orderBy
            + " ON CONFLICT ("
            + key
            + ") DO UPDATE SET n = c.n + excluded.n, s = c.s + excluded.s",
        days);
  }

  /**
   * This node's turn to fold (an advisory lock until the transaction ends), waited for or tried,
   * and the tables' locks in the order a reset's TRUNCATE and a rebuild's switch take them ({@link
   * ReadModelTables#all}): the pending sums' first, then the cells'; false when not this node's
   * turn, or paused while it waited.
   */
  private boolean lock(boolean wait) {
    if (wait) {
      jdbc.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
    } else if (!Boolean.TRUE.equals(
        jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY))) {
      return false; // another node is folding
    }
    if (paused && !wait) {
      return false; // paused while this run waited
    }
    ReadModelTables t = ReadModelTables.LIVE;
    jdbc.execute(
        "LOCK TABLE "
            + String.join(
                ", ", t.pendingCells(), t.cells(), t.dayCells(), t.totalCells(), t.rollup())
            + " IN ROW EXCLUSIVE MODE");
    return true;
  }

  private int foldChunk(boolean wait) {
    if (!lock(wait)) {
      return 0;
    }
    String pending = ReadModelTables.LIVE.pendingCells();
    LocalDate rolledThrough = rolledThrough();
    CellSums sums = new CellSums();
    int k = Contribution.MAX_KEYS;
    List<Integer> counted =
        jdbc.query(
            "DELETE FROM "
                + pending
                + " WHERE ctid = ANY (ARRAY (SELECT ctid FROM "
                + pending
                + " LIMIT "
                + CHUNK
                + ")) RETURNING "
                + CellSums.PENDING_COLUMNS,
            (rs, i) -> {
              Object[] row = new Object[7 + k];
              row[0] = rs.getString(1);
              row[1] = rs.getObject(2, LocalDate.class);
              for (int c = 0; c < k; c++) {
                row[2 + c] = rs.getString(3 + c);
              }
              row[2 + k] = rs.getInt(3 + k);
              row[3 + k] = rs.getInt(4 + k);
              row[4 + k] = rs.getObject(5 + k, LocalDate.class);
              row[5 + k] = rs.getLong(6 + k);
              row[6 + k] = rs.getLong(7 + k);
              sums.addPending(row, aggregates);
              return 1;
            });
    sums.addToCells(jdbc, ReadModelTables.LIVE, rolledThrough);
    return counted.size();
  }
}
