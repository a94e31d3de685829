package org.pathway.projections.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the cells of an aggregated family for a period, as known at a recorded time (V11, V14): the
 * period's whole months from {@code metric_cell}; as at T only its cells of recorded months before
 * T's, those of the days of T's month before T's from {@code metric_cell_day}, and T's own day up
 * to T from {@code metric_contribution}; any days of the period that are not a whole month from
 * {@code metric_contribution}. All in one snapshot.
 */
@Repository
public class AggregateRepository {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate snapshot;

  public AggregateRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.snapshot = new TransactionTemplate(transactions);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  /**
   * For each of the family's {@link Aggregated#ranges} of the period, the cells of each group of
   * {@code by} (of the whole population under {@code ""}); or empty when the live aggregates do not
   * hold the whole store yet (a database from before V11 that has not been rebuilt since): then the
   * family answers from its records.
   */
  public java.util.Optional<List<Map<String, Cells>>> cells(
      Aggregated family, Breakdown by, MetricQuery query) {
    return snapshot.execute(
        status -> {
          Boolean ready =
              jdbc.queryForObject(
                  "SELECT metric_aggregates FROM read_model_generation"
                      + " WHERE read_model = 'journey-history'",
                  Boolean.class);
          if (!Boolean.TRUE.equals(ready)) {
            return java.util.Optional.empty();
          }
          List<Map<String, Cells>> ranges = new ArrayList<>();
          List<Period> periods = family.ranges(query);
          for (int i = 0; i < periods.size(); i++) {
            ranges.add(
                read(
                    family,
                    family.cellFamily(i, query),
                    family.wholePopulation(i) ? null : by,
                    periods.get(i),
                    query.asAt()));
          }
          return java.util.Optional.of(ranges);
        });
  }

  /**
   * The cells of {@link #cells} and, in the same snapshot, the first {@code limit} records after
   * {@code after} (from the first when {@code null}) of the answer, of one group of {@code by} when
   * {@code group} is given: the spells whose contributions anchored in {@link Aggregated#recordsOn}
   * (and of that group) add up to a record as known at the query's time, by (anchor date, spell).
   * Empty where the family's records are not single contributions or the aggregates are not ready.
   * Read from index entries in their order and stopped at the page's end: its cost follows the
   * page, not the period.
   */
  public java.util.Optional<Page> page(
      Aggregated family, Breakdown by, String group, MetricQuery query, Keyset after, int limit) {
    java.util.Optional<Period> on = family.recordsOn(query);
    if (on.isEmpty()) {
      return java.util.Optional.empty();
    }
    return snapshot.execute(
        status -> {
          java.util.Optional<List<Map<String, Cells>>> ranges = cells(family, by, query);
          if (ranges.isEmpty()) {
            return java.util.Optional.empty();
          }
          List<Keyset> records = new ArrayList<>();
          for (Period piece : withRecords(family, by, group, on.get(), query.asAt())) {
            if (after != null && after.anchorOn().isAfter(piece.to())) {
              continue;
            }
            records.addAll(
                keysets(family, by, group, piece, query.asAt(), after, limit - records.size()));
            if (records.size() == limit) {
              break;
            }
          }
          return java.util.Optional.of(new Page(ranges.get(), records));
        });
  }

  /**
   * The months of {@code range} (clipped to it) that hold records as known at {@code asAt}, of the
   * group when one is given: all of them now; as at a past time, those whose cells (of the recorded
   * months and days before T's day, and the changes recorded on T's day up to T) count any, so that
   * a page is not looked for among the contributions of months learnt only later.
   */
  private List<Period> withRecords(
      Aggregated family, Breakdown by, String group, Period range, Instant asAt) {
    List<Period> months = new ArrayList<>();
    for (YearMonth m = YearMonth.from(range.from());
        !m.isAfter(YearMonth.from(range.to()));
        m = m.plusMonths(1)) {
      LocalDate from = m.atDay(1).isBefore(range.from()) ? range.from() : m.atDay(1);
      LocalDate to = m.atEndOfMonth().isAfter(range.to()) ? range.to() : m.atEndOfMonth();
      months.add(new Period(from, to));
    }
    if (asAt == null) {
      return months;
    }
    String breakdown = by == null || group == null ? "" : by.column();
    String groupKey = by == null || group == null ? "" : group;
    String key =
        by == null || group == null ? "" : " AND k" + (family.keyed().indexOf(by) + 1) + " = ?";
    Map<YearMonth, Long> known = new HashMap<>();
    AsAt t = new AsAt(asAt);
    jdbc.query(
        "SELECT anchor_month, sum(n) FROM metric_cell WHERE family = ? AND breakdown = ?"
            + " AND group_key = ? AND anchor_month BETWEEN ? AND ? AND recorded_month < ?"
            + " GROUP BY 1",
        rs -> {
          known.merge(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2), Long::sum);
        },
        family.name(),
        breakdown,
        groupKey,
        range.from().withDayOfMonth(1),
        range.to(),
        t.month());
    jdbc.query(
        "SELECT anchor_month, sum(n) FROM metric_cell_day WHERE family = ? AND breakdown = ?"
            + " AND recorded_on >= ? AND recorded_on < ? AND anchor_month BETWEEN ? AND ?"
            + " AND group_key = ? GROUP BY 1",
        rs -> {
          known.merge(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2), Long::sum);
        },
        family.name(),
        breakdown,
        t.firstDayNotInMonths(rolledThrough()),
        t.day(),
        range.from().withDayOfMonth(1),
        range.to(),
        groupKey);
    List<Object> pendingArgs =
        new ArrayList<>(
            List.of(family.name(), t.day(), range.from().withDayOfMonth(1), range.to()));
    if (!key.isEmpty()) {
      pendingArgs.add(group);
    }
    jdbc.query(
        "SELECT date_trunc('month', anchor_on)::date, sum(n) FROM "
            + PENDING
            + " WHERE family = ? AND recorded_on < ? AND "
            + cellAnchor(family.daily(family.name()))
            + " BETWEEN ? AND ?"
            + key
            + " GROUP BY 1",
        rs -> {
          known.merge(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2), Long::sum);
        },
        pendingArgs.toArray());
    List<Object> args =
        new ArrayList<>(List.of(family.name(), t.dayStart(), t.at(), range.from(), range.to()));
    if (!key.isEmpty()) {
      args.add(group);
    }
    jdbc.query(
        "SELECT date_trunc('month', anchor_on)::date, sum(n) FROM metric_contribution"
            + " WHERE family = ? AND recorded_at >= ? AND recorded_at <= ?"
            + " AND anchor_on BETWEEN ? AND ?"
            + key
            + " GROUP BY 1",
        rs -> {
          known.merge(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2), Long::sum);
        },
        args.toArray());
    months.removeIf(p -> known.getOrDefault(YearMonth.from(p.from()), 0L) <= 0);
    return months;
  }

  /**
   * Up to {@code limit} records anchored in {@code piece} after {@code after}, by (anchor date,
   * spell), read from index entries in their order and stopped at the limit.
   */
  private List<Keyset> keysets(
      Aggregated family,
      Breakdown by,
      String group,
      Period piece,
      Instant asAt,
      Keyset after,
      int limit) {
    List<Object> args = new ArrayList<>(List.of(family.name(), piece.from(), piece.to()));
    StringBuilder where = new StringBuilder();
    if (asAt != null) {
      where.append(" AND recorded_at <= ?");
      args.add(Timestamp.from(asAt));
    }
    if (by != null && group != null) {
      where.append(" AND k").append(family.keyed().indexOf(by) + 1).append(" = ?");
      args.add(group);
    }
    if (after != null) {
      where.append(" AND anchor_on >= ? AND (anchor_on > ? OR spell_id > ?)");
      args.addAll(List.of(after.anchorOn(), after.anchorOn(), after.spellId()));
    }
    args.add(limit);
    return jdbc.query(
        "SELECT anchor_on, spell_id FROM metric_contribution"
            + " WHERE family = ? AND anchor_on BETWEEN ? AND ?"
            + where
            + " GROUP BY anchor_on, spell_id HAVING sum(n) > 0"
            + " ORDER BY anchor_on, spell_id LIMIT ?",
        (rs, i) ->
            new Keyset(rs.getObject(1, LocalDate.class), rs.getObject(2, java.util.UUID.class)),
        args.toArray());
  }

  /** The cells of an answer's ranges, and a page of its records. */
  public record Page(List<Map<String, Cells>> ranges, List<Keyset> records) {}

  private Map<String, Cells> read(
      Aggregated family, String cellFamily, Breakdown by, Period period, Instant asAt) {
    Map<String, Cells> cells = new HashMap<>();
    String breakdown = by == null ? "" : by.column();
    String key = by == null ? "''" : "k" + (family.keyed().indexOf(by) + 1);
    // the contributions a name kept only as cells is summed from (Aggregated.Derived)
    java.util.Optional<Aggregated.Derived> derived = family.derived(cellFamily);
    Contributions from =
        derived
            .map(
                d ->
                    new Contributions(
                        d.from(),
                        key + ", v1, " + (d.keepsV2() ? "v2" : "0"),
                        " AND v1 BETWEEN " + d.fromKind() + " AND " + d.toKind()))
            .orElse(new Contributions(cellFamily, key + ", v1, v2", ""));
    YearMonth first = YearMonth.from(period.from());
    if (period.from().getDayOfMonth() != 1) {
      first = first.plusMonths(1);
    }
    YearMonth last = YearMonth.from(period.to());
    if (!period.to().equals(last.atEndOfMonth())) {
      last = last.minusMonths(1);
    }
    List<Period> edges = new ArrayList<>();
    if (family.daily(cellFamily)) { // cells per day: every day of the period is whole
      wholeMonths(cells, cellFamily, from, breakdown, true, period.from(), period.to(), asAt);
    } else if (first.isAfter(last)) {
      edges.add(period);
    } else {
      LocalDate start = first.atDay(1);
      LocalDate end = last.atEndOfMonth();
      if (period.from().isBefore(start)) {
        edges.add(new Period(period.from(), start.minusDays(1)));
      }
      if (period.to().isAfter(end)) {
        edges.add(new Period(end.plusDays(1), period.to()));
      }
      wholeMonths(cells, cellFamily, from, breakdown, false, start, end, asAt);
    }
    for (Period edge : edges) {
      jdbc.query(
          "SELECT "
              + from.columns()
              + ", sum(n), sum(n * s) FROM metric_contribution"
              + " WHERE family = ? AND anchor_on BETWEEN ? AND ?"
              + from.kinds()
              + (asAt == null ? "" : " AND recorded_at <= ?")
              + " GROUP BY 1, 2, 3",
          rs -> {
            add(cells, rs);
          },
          args(asAt, from.family(), edge.from(), edge.to()));
    }
    return cells;
  }

  /**
   * The last recorded day whose day cells metric_cell and metric_cell_total hold, in this snapshot;
   * {@code null} when they hold none (V27).
   */
  private LocalDate rolledThrough() {
    List<LocalDate> through =
        jdbc.query(
            "SELECT through FROM metric_cell_rollup", (rs, i) -> rs.getObject(1, LocalDate.class));
    return through.isEmpty() ? null : through.get(0);
  }

  /** The sums the cells do not hold yet (V26). */
  private static final String PENDING = "metric_cell_pending";

  /**
   * A pending sum's anchor as a name's cells hold it: the day where they are per day, else its
   * month (a sum of a family with any name per day is kept by day).
   */
  private static String cellAnchor(boolean daily) {
    return daily ? "anchor_on" : "date_trunc('month', anchor_on)::date";
  }

  /** Where in metric_contribution a name's changes are, and how they are read. */
  private record Contributions(String family, String columns, String kinds) {}

  private void wholeMonths(
      Map<String, Cells> cells,
      String family,
      Contributions from,
      String breakdown,
      boolean daily,
      LocalDate start,
      LocalDate end,
      Instant asAt) {
    AsAt t = asAt == null ? null : new AsAt(asAt);
    LocalDate rolledThrough = rolledThrough();
    // now: the cells over every recorded time; as at T: those of the recorded months before T's;
    // either holds only the days rolled up into it (V27)
    jdbc.query(
        "SELECT group_key, v1, v2, sum(n), sum(s) FROM "
            + (t == null ? "metric_cell_total" : "metric_cell")
            + " WHERE family = ? AND breakdown = ? AND anchor_month BETWEEN ? AND ?"
            + (t == null ? "" : " AND recorded_month < ?")
            + " GROUP BY 1, 2, 3",
        rs -> {
          add(cells, rs);
        },
        t == null
            ? new Object[] {family, breakdown, start, end}
            : new Object[] {family, breakdown, start, end, t.month()});
    // the sums the live projection wrote that the cells do not hold yet (CellFolder): all of them
    // now, as at T those recorded before T's day
    List<Object> pendingArgs = new ArrayList<>(List.of(from.family(), start, end));
    if (t != null) {
      pendingArgs.add(t.day());
    }
    jdbc.query(
        "SELECT "
            + from.columns()
            + ", sum(n), sum(s) FROM "
            + PENDING
            + " WHERE family = ? AND "
            + cellAnchor(daily)
            + " BETWEEN ? AND ?"
            + from.kinds()
            + (t == null ? "" : " AND recorded_on < ?")
            + " GROUP BY 1, 2, 3",
        rs -> {
          add(cells, rs);
        },
        pendingArgs.toArray());
    if (t == null) {
      // the day cells not rolled up yet
      List<Object> dayArgs = new ArrayList<>(List.of(family, breakdown, start, end));
      if (rolledThrough != null) {
        dayArgs.add(rolledThrough);
      }
      jdbc.query(
          "SELECT group_key, v1, v2, sum(n), sum(s) FROM metric_cell_day"
              + " WHERE family = ? AND breakdown = ? AND anchor_month BETWEEN ? AND ?"
              + (rolledThrough == null ? "" : " AND recorded_on > ?")
              + " GROUP BY 1, 2, 3",
          rs -> {
            add(cells, rs);
          },
          dayArgs.toArray());
    } else {
      // the day cells of T's month's days before T's and of any earlier days not rolled up, then
      // the changes recorded on T's day up to T
      jdbc.query(
          "SELECT group_key, v1, v2, sum(n), sum(s) FROM metric_cell_day"
              + " WHERE family = ? AND breakdown = ? AND recorded_on >= ? AND recorded_on < ?"
              + " AND anchor_month BETWEEN ? AND ? GROUP BY 1, 2, 3",
          rs -> {
            add(cells, rs);
          },
          family,
          breakdown,
          t.firstDayNotInMonths(rolledThrough),
          t.day(),
          start,
          end);
      jdbc.query(
          "SELECT "
              + from.columns()
              + ", sum(n), sum(n * s) FROM metric_contribution"
              + " WHERE family = ? AND recorded_at >= ? AND recorded_at <= ?"
              + " AND anchor_on BETWEEN ? AND ?"
              + from.kinds()
              + " GROUP BY 1, 2, 3",
          rs -> {
            add(cells, rs);
          },
          from.family(),
          t.dayStart(),
          t.at(),
          start,
          end);
    }
  }

  /**
   * An as-at time as the tables split recorded time: its UTC month (metric_cell's recorded months
   * before it), its UTC day (metric_cell_day's days of the month before it), the start of that day
   * and the time itself (metric_contribution's changes between them).
   */
  private record AsAt(LocalDate day, Timestamp at) {
    AsAt(Instant at) {
      this(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), Timestamp.from(at));
    }

    LocalDate month() {
      return day.withDayOfMonth(1);
    }

    /**
     * The first recorded day that metric_cell's months before T's do not hold: T's month's first,
     * or the day after the last rolled up when that is earlier (V27).
     */
    LocalDate firstDayNotInMonths(LocalDate rolledThrough) {
      if (rolledThrough == null) {
        return LocalDate.of(1, 1, 1);
      }
      LocalDate next = rolledThrough.plusDays(1);
      return next.isBefore(month()) ? next : month();
    }

    Timestamp dayStart() {
      return Timestamp.from(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }
  }

  private static void add(Map<String, Cells> cells, java.sql.ResultSet rs)
      throws java.sql.SQLException {
    cells
        .computeIfAbsent(rs.getString(1), k -> new Cells())
        .add(rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5));
  }

  private static Object[] args(Instant asAt, Object... leading) {
    List<Object> all = new ArrayList<>(List.of(leading));
    if (asAt != null) {
      all.add(Timestamp.from(asAt));
    }
    return all.toArray();
  }
}
