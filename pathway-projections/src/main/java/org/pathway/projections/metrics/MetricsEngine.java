package org.pathway.projections.metrics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.pathway.domain.codes.CodeCatalogue;

/**
 * The metric families and how a report, a drill-down and a monthly series are made from the data.
 */
public final class MetricsEngine {
  /** The breakdown group of records without the breakdown's value. */
  public static final String NOT_STATED = "not stated";

  private final Map<String, MetricFamily> families = new LinkedHashMap<>();

  public MetricsEngine(CodeCatalogue codes) {
    Settings settings = new Settings(codes);
    List.of(
            new LengthOfStay(settings),
            new BedDays(settings),
            new DelayedDischarge(settings),
            new OutOfAreaPlacements(settings),
            new Readmission(settings),
            new FollowUp72h(settings),
            new TimeInCommunity(settings),
            new StepDown(),
            new SettledAccommodation())
        .forEach(f -> families.put(f.name(), f));
  }

  public Map<String, MetricFamily> families() {
    return families;
  }

  public Optional<MetricFamily> family(String name) {
    return Optional.ofNullable(families.get(name));
  }

  public MetricReport report(MetricFamily family, MetricData data, MetricQuery query) {
    List<Row> rows = family.rows(data, query);
    List<Figure> totalFigures = new ArrayList<>(family.figures(rows, query));
    totalFigures.addAll(family.totalOnlyFigures(data, query, rows));
    List<MetricReport.Group> groups = new ArrayList<>();
    if (query.by() != null) {
      Map<String, List<Row>> byKey = new TreeMap<>();
      for (Row row : rows) {
        byKey
            .computeIfAbsent(
                Objects.toString(row.get(query.by().column()), NOT_STATED), k -> new ArrayList<>())
            .add(row);
      }
      byKey.forEach(
          (key, groupRows) ->
              groups.add(new MetricReport.Group(key, family.figures(groupRows, query))));
    }
    return answer(family, query, totalFigures, groups, rows.size());
  }

  /**
   * The same answer from the family's aggregates: for each of its {@link Aggregated#ranges} in
   * order, the cells of each group of the query's breakdown, or of the whole population under
   * {@code ""} when there is none.
   */
  public MetricReport report(
      Aggregated family, List<Map<String, Cells>> ranges, MetricQuery query) {
    List<Cells> totals = new ArrayList<>();
    for (Map<String, Cells> range : ranges) {
      Cells total = new Cells();
      range.values().forEach(total::addAll);
      totals.add(total);
    }
    List<MetricReport.Group> groups = new ArrayList<>();
    if (query.by() != null) {
      java.util.SortedSet<String> keys = new java.util.TreeSet<>();
      for (int i = 0; i < ranges.size(); i++) {
        if (!family.wholePopulation(i)) {
          keys.addAll(ranges.get(i).keySet());
        }
      }
      for (String key : keys) {
        List<Cells> own = new ArrayList<>();
        ranges.forEach(r -> own.add(r.getOrDefault(key, new Cells())));
        if (family.records(own, query) != 0) {
          groups.add(new MetricReport.Group(key, family.fromCells(own, query)));
        }
      }
    }
    List<Figure> totalFigures = new ArrayList<>(family.fromCells(totals, query));
    totalFigures.addAll(family.totalOnlyFromCells(totals, query));
    return answer(
        family, query, totalFigures, groups, Math.toIntExact(family.records(totals, query)));
  }

  private static MetricReport answer(
      MetricFamily family,
      MetricQuery query,
      List<Figure> totalFigures,
      List<MetricReport.Group> groups,
      int records) {
    return new MetricReport(
        family.name(),
        family.definition(),
        query.period(),
        query.asAt(),
        query.by() == null ? null : query.by().column(),
        "readmission".equals(family.name()) ? query.window() : null,
        "out-of-area".equals(family.name()) ? query.scope() : null,
        new MetricReport.Group("all", totalFigures),
        groups,
        records);
  }

  /** The contributing records, optionally only those of one breakdown group. */
  public List<Row> records(MetricFamily family, MetricData data, MetricQuery query, String group) {
    List<Row> rows = family.rows(data, query);
    if (query.by() == null || group == null) {
      return rows;
    }
    return rows.stream()
        .filter(r -> group.equals(Objects.toString(r.get(query.by().column()), NOT_STATED)))
        .toList();
  }

  /** One report per calendar month, for charts; {@code data} must cover the whole range. */
  public List<MetricReport> series(
      MetricFamily family, MetricData data, MetricQuery query, YearMonth first, YearMonth last) {
    List<MetricReport> months = new ArrayList<>();
    for (Period month : Period.months(first, last)) {
      months.add(
          report(
              family,
              data,
              new MetricQuery(month, query.by(), query.window(), query.scope(), query.asAt())));
    }
    return months;
  }
}
