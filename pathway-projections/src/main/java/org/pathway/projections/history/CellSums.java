package org.pathway.projections.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pathway.projections.metrics.Contribution;
import org.pathway.projections.metrics.MetricAggregates;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sums of {@code metric_cell_day} (and of {@code metric_cell}, its recorded days summed per month)
 * not written yet: each delta fanned out to the cells its contribution counts in ({@link
 * MetricAggregates#cells}), per cell and recorded day (UTC), with the count ({@code n}) and the
 * summed value ({@code s}). The live sink adds a batch's sums to both tables before it commits; a
 * bulk rebuild's workers keep them while they scan and write them as COPY text (a few cells per
 * recorded day and breakdown group of a family, however many contributions).
 */
final class CellSums {
  /** A cell of one recorded day, or of one recorded month (its first day). */
  record Key(MetricAggregates.Cell cell, LocalDate recorded) {}

  /**
   * The order rows of {@code metric_cell} are written in: that of its key, so that two transactions
   * adding to the same cells take their row locks in the same order.
   */
  static final Comparator<Key> ORDER =
      Comparator.<Key, String>comparing(k -> k.cell().family())
          .thenComparing(k -> k.cell().breakdown())
          .thenComparing(k -> k.cell().anchorMonth())
          .thenComparing(Key::recorded)
          .thenComparing(k -> k.cell().groupKey())
          .thenComparingInt(k -> k.cell().v1())
          .thenComparingInt(k -> k.cell().v2());

  /** The order of {@code metric_cell_day}'s key: the recorded day before the anchor. */
  static final Comparator<Key> DAY_ORDER =
      Comparator.<Key, String>comparing(k -> k.cell().family())
          .thenComparing(k -> k.cell().breakdown())
          .thenComparing(Key::recorded)
          .thenComparing(k -> k.cell().anchorMonth())
          .thenComparing(k -> k.cell().groupKey())
          .thenComparingInt(k -> k.cell().v1())
          .thenComparingInt(k -> k.cell().v2());

  static final String COLUMNS =
      "family, breakdown, group_key, anchor_month, recorded_month, v1, v2, n, s";

  static final String DAY_COLUMNS =
      "family, breakdown, group_key, anchor_month, recorded_on, v1, v2, n, s";

  /** The columns of {@code metric_cell_total}: a cell over every recorded time. */
  static final String TOTAL_COLUMNS = "family, breakdown, group_key, anchor_month, v1, v2, n, s";

  /** The order of {@code metric_cell_total}'s key. */
  private static final Comparator<Key> TOTAL_ORDER =
      Comparator.<Key, String>comparing(k -> k.cell().family())
          .thenComparing(k -> k.cell().breakdown())
          .thenComparing(k -> k.cell().anchorMonth())
          .thenComparing(k -> k.cell().groupKey())
          .thenComparingInt(k -> k.cell().v1())
          .thenComparingInt(k -> k.cell().v2());

  /**
   * The sums per contribution without its spell and with its anchor date as its cell has it (the
   * month, or the day of a daily family), and recorded day: one look-up per delta; each is fanned
   * out to the cells it counts in only when the sums are drained (a fan-out per delta was as costly
   * as the rest of a rebuild worker's summing).
   */
  private record Unspelled(Contribution contribution, LocalDate recordedOn) {}

  private final Map<Unspelled, long[]> sums = new HashMap<>();
  private MetricAggregates aggregates;

  void add(List<MetricAggregates.Delta> deltas, MetricAggregates aggregates, Instant recordedAt) {
    this.aggregates = aggregates;
    LocalDate recordedOn = recordedOn(recordedAt);
    for (MetricAggregates.Delta d : deltas) {
      Contribution c = d.contribution();
      LocalDate anchor = aggregates.summedOn(c.family(), c.anchorOn());
      Contribution unspelled =
          new Contribution(c.family(), null, anchor, c.keys(), c.v1(), c.v2(), 0);
      long[] sum = sums.computeIfAbsent(new Unspelled(unspelled, recordedOn), k -> new long[2]);
      sum[0] += d.n();
      sum[1] += d.n() * c.s();
    }
  }

  /**
   * Adds a row of {@link #PENDING_COLUMNS} (a sum the live projection wrote to {@code
   * metric_cell_pending}) to the sums, as if its deltas had been given here.
   */
  void addPending(Object[] row, MetricAggregates aggregates) {
    this.aggregates = aggregates;
    List<String> keys = new ArrayList<>(Contribution.MAX_KEYS);
    for (int i = 0; i < Contribution.MAX_KEYS; i++) {
      keys.add((String) row[2 + i]);
    }
    int v = 2 + Contribution.MAX_KEYS;
    Contribution unspelled =
        new Contribution(
            (String) row[0],
            null,
            (LocalDate) row[1],
            keys,
            (Integer) row[v],
            (Integer) row[v + 1],
            0);
    long[] sum =
        sums.computeIfAbsent(new Unspelled(unspelled, (LocalDate) row[v + 2]), k -> new long[2]);
    sum[0] += (Long) row[v + 3];
    sum[1] += (Long) row[v + 4];
  }

  /** The columns of {@code metric_cell_pending}: a sum before it is fanned out to its cells. */
  static final String PENDING_COLUMNS =
      "family, anchor_on, k1, k2, k3, k4, k5, v1, v2, recorded_on, n, s";

  private static final String[] PENDING_TYPES = {
    "text", "date", "text", "text", "text", "text", "text", "int4", "int4", "date", "int8", "int8"
  };

  /**
   * Appends the sums to {@code table} (a {@code metric_cell_pending}) in one statement, unfanned,
   * then forgets them: what a projection batch writes instead of adding to every cell.
   */
  void appendPending(JdbcTemplate jdbc, String table) {
    if (sums.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>(sums.size());
    sums.forEach(
        (u, sum) -> {
          Contribution c = u.contribution();
          Object[] row = new Object[PENDING_TYPES.length];
          row[0] = c.family();
          row[1] = c.anchorOn();
          for (int i = 0; i < Contribution.MAX_KEYS; i++) {
            row[2 + i] = i < c.keys().size() ? c.keys().get(i) : "";
          }
          int v = 2 + Contribution.MAX_KEYS;
          row[v] = c.v1();
          row[v + 1] = c.v2();
          row[v + 2] = u.recordedOn();
          row[v + 3] = sum[0];
          row[v + 4] = sum[1];
          rows.add(row);
        });
    sums.clear();
    unnest(jdbc, "INSERT INTO " + table + " (" + PENDING_COLUMNS + ")", PENDING_TYPES, rows, "");
  }

  /**
   * Adds the sums to the cell tables of {@code t} — {@code metric_cell_day}, then those recorded on
   * or before {@code rolledThrough} (V27: none when it is null) summed per recorded month to {@code
   * metric_cell} and over every recorded time to {@code metric_cell_total} — each in one statement
   * and in its key's order (so that two transactions that touch the same cells take their row locks
   * in the same order), then forgets them.
   */
  void addToCells(JdbcTemplate jdbc, ReadModelTables t, LocalDate rolledThrough) {
    if (sums.isEmpty()) {
      return;
    }
    List<Object[]> days = drain();
    String[] recorded = {"text", "text", "text", "date", "date", "int4", "int4", "int8", "int8"};
    addCells(jdbc, t.dayCells(), DAY_COLUMNS, "recorded_on, anchor_month", recorded, days);
    List<Object[]> rolled = new ArrayList<>();
    if (rolledThrough != null) {
      for (Object[] d : days) {
        if (!((LocalDate) d[4]).isAfter(rolledThrough)) {
          rolled.add(d);
        }
      }
    }
    if (rolled.isEmpty()) {
      return;
    }
    List<Object[]> months = months(rolled);
    addCells(jdbc, t.cells(), COLUMNS, "anchor_month, recorded_month", recorded, months);
    addCells(
        jdbc,
        t.totalCells(),
        TOTAL_COLUMNS,
        "anchor_month",
        new String[] {"text", "text", "text", "date", "int4", "int4", "int8", "int8"},
        totals(months));
  }

  private static void addCells(
      JdbcTemplate jdbc,
      String table,
      String columnNames,
      String months,
      String[] types,
      List<Object[]> cells) {
    unnest(
        jdbc,
        "INSERT INTO " + table + " AS c (" + columnNames + ")",
        types,
        cells,
        " ON CONFLICT (family, breakdown, "
            + months
            + ", group_key, v1, v2) DO UPDATE SET n = c.n + excluded.n, s = c.s + excluded.s");
  }

  /** {@code insert} of the rows, bound as one array per column, then {@code conflict}. */
  private static void unnest(
      JdbcTemplate jdbc, String insert, String[] types, List<Object[]> rows, String conflict) {
    int size = rows.size();
    Object[][] columns = new Object[types.length][];
    StringBuilder arrays = new StringBuilder();
    for (int c = 0; c < types.length; c++) {
      columns[c] = new Object[size];
      arrays.append(c == 0 ? "" : ", ").append("?::").append(types[c]).append("[]");
    }
    for (int i = 0; i < size; i++) {
      for (int c = 0; c < types.length; c++) {
        columns[c][i] = rows.get(i)[c];
      }
    }
    jdbc.execute(
        (java.sql.Connection con) -> {
          try (java.sql.PreparedStatement ps =
              con.prepareStatement(insert + " SELECT * FROM unnest(" + arrays + ")" + conflict)) {
            for (int c = 0; c < types.length; c++) {
              ps.setArray(c + 1, con.createArrayOf(types[c], columns[c]));
            }
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * The UTC day of a recorded time as PostgreSQL stores it (to the microsecond, rounded half up as
   * the JDBC driver sends it and {@link CopyVersionSink} writes it).
   */
  static LocalDate recordedOn(Instant recordedAt) {
    Instant stored = recordedAt.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    return LocalDate.ofInstant(stored, ZoneOffset.UTC);
  }

  /** How many sums are kept (an upper bound of the cells they are drained into). */
  int size() {
    return sums.size();
  }

  boolean isEmpty() {
    return sums.isEmpty();
  }

  /**
   * The sums of each cell per recorded day in {@link #DAY_ORDER}, as rows of {@link #DAY_COLUMNS};
   * then forgets them.
   */
  List<Object[]> drain() {
    return drain(true);
  }

  /**
   * The same, in {@link #DAY_ORDER} when {@code ordered} (where rows are locked as they are added
   * to), else in any order (partial sums COPYed into a table of their own).
   */
  List<Object[]> drain(boolean ordered) {
    Map<Key, long[]> cells = new HashMap<>();
    sums.forEach(
        (u, sum) -> {
          for (MetricAggregates.Cell cell : aggregates.cells(u.contribution())) {
            long[] total = cells.computeIfAbsent(new Key(cell, u.recordedOn()), k -> new long[2]);
            total[0] += sum[0];
            total[1] += sum[1];
          }
        });
    sums.clear();
    return rows(cells, ordered ? DAY_ORDER : null);
  }

  /**
   * Rows of {@link #DAY_COLUMNS} summed per recorded month, in {@link #ORDER}, as rows of {@link
   * #COLUMNS}.
   */
  static List<Object[]> months(List<Object[]> days) {
    Map<Key, long[]> cells = new HashMap<>();
    for (Object[] d : days) {
      add(cells, new Key(cell(d), ((LocalDate) d[4]).withDayOfMonth(1)), d);
    }
    return rows(cells, ORDER);
  }

  /** The cell of a row of {@link #COLUMNS} or {@link #DAY_COLUMNS}. */
  private static MetricAggregates.Cell cell(Object[] d) {
    return new MetricAggregates.Cell(
        (String) d[0],
        (String) d[1],
        (String) d[2],
        (LocalDate) d[3],
        (Integer) d[5],
        (Integer) d[6]);
  }

  /** Adds a row's {@code n} and {@code s} to the sums of {@code key}. */
  private static void add(Map<Key, long[]> cells, Key key, Object[] d) {
    long[] total = cells.computeIfAbsent(key, k -> new long[2]);
    total[0] += (Long) d[7];
    total[1] += (Long) d[8];
  }

  /**
   * Rows of {@link #COLUMNS} (or of {@link #DAY_COLUMNS}) summed over their recorded times, in
   * {@code metric_cell_total}'s key order, as rows of {@link #TOTAL_COLUMNS}.
   */
  static List<Object[]> totals(List<Object[]> recorded) {
    Map<Key, long[]> cells = new HashMap<>();
    for (Object[] d : recorded) {
      add(cells, new Key(cell(d), null), d);
    }
    List<Object[]> rows = new ArrayList<>(cells.size());
    for (Object[] r : rows(cells, TOTAL_ORDER)) {
      rows.add(new Object[] {r[0], r[1], r[2], r[3], r[5], r[6], r[7], r[8]});
    }
    return rows;
  }

  private static List<Object[]> rows(Map<Key, long[]> cells, Comparator<Key> order) {
    List<Map.Entry<Key, long[]>> entries = new ArrayList<>(cells.entrySet());
    if (order != null) {
      entries.sort(Map.Entry.comparingByKey(order));
    }
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (Map.Entry<Key, long[]> e : entries) {
      MetricAggregates.Cell c = e.getKey().cell();
      rows.add(
          new Object[] {
            c.family(),
            c.breakdown(),
            c.groupKey(),
            c.anchorMonth(),
            e.getKey().recorded(),
            c.v1(),
            c.v2(),
            e.getValue()[0],
            e.getValue()[1]
          });
    }
    return rows;
  }
}
