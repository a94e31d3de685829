package org.pathway.projections.metrics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one place a metric question is answered: what the family needs is loaded from the read models
 * as known at the request's recorded time, then the family computes. Used by the API for figures,
 * drill-downs and series alike.
 */
public final class MetricQueries {
  private final MetricsEngine engine;
  private final MetricsRepository repository;
  private final AggregateRepository aggregates;

  /**
   * @param aggregates where the aggregated families' cells are read; {@code null}: every family
   *     answers from its records
   */
  public MetricQueries(
      MetricsEngine engine, MetricsRepository repository, AggregateRepository aggregates) {
    this.engine = engine;
    this.repository = repository;
    this.aggregates = aggregates;
  }

  /** The OAP scope (metrics.md §4): the national adult acute one, or every setting. */
  public enum Scope {
    ADULT_ACUTE("adult-acute"),
    ALL("all");

    private final String code;

    Scope(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Optional<Scope> of(String code) {
      return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
  }

  /**
   * What an analyst asks of one family.
   *
   * @param by a breakdown column of the family, or {@code null}
   * @param window the readmission window in days
   * @param asAt the recorded time the answer is as at; {@code null} is now
   */
  public record Request(
      MetricFamily family, Period period, Breakdown by, int window, Scope scope, Instant asAt) {
    public Request {
      if (by != null && !family.breakdowns().contains(by)) {
        throw new IllegalArgumentException(
            "unknown breakdown " + by.column() + " for " + family.name());
      }
    }

    public MetricQuery query() {
      return new MetricQuery(period, by, window, scope.code(), asAt);
    }
  }

  /**
   * The answer: from the family's aggregates where it has them (a few cells per month of the
   * period, whatever the size of the history), else computed from its records.
   */
  public MetricReport report(Request r) {
    if (aggregates != null && r.family() instanceof Aggregated family) {
      Optional<List<java.util.Map<String, Cells>>> cells =
          aggregates.cells(family, r.by(), r.query());
      if (cells.isPresent()) {
        return engine.report(family, cells.get(), r.query());
      }
    }
    return reportFromRecords(r);
  }

  /**
   * The answer computed from the records, as the drill-down shows them (the aggregates' oracle).
   */
  public MetricReport reportFromRecords(Request r) {
    try (QueryBudget.Share share = repository.budget().share()) {
      return engine.report(r.family(), load(r, share), r.query());
    }
  }

  /** The contributing records, optionally only those of one breakdown group. */
  public List<Row> records(Request r, String group) {
    try (QueryBudget.Share share = repository.budget().share()) {
      return engine.records(r.family(), load(r, share), r.query(), group);
    }
  }

  /** One report per calendar month of the request's period. */
  public List<MetricReport> series(Request r, YearMonth first, YearMonth last) {
    if (aggregates != null && r.family() instanceof Aggregated) {
      List<MetricReport> months = new java.util.ArrayList<>();
      for (Period month : Period.months(first, last)) {
        months.add(report(new Request(r.family(), month, r.by(), r.window(), r.scope(), r.asAt())));
      }
      return months;
    }
    try (QueryBudget.Share share = repository.budget().share()) {
      return engine.series(r.family(), load(r, share), r.query(), first, last);
    }
  }

  private MetricData load(Request r, QueryBudget.Share share) {
    return repository.load(r.period(), r.asAt(), r.family().needs(), share);
  }
}
