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

  /**
   * A page of the contributing records (optionally of one breakdown group), by keyset, at a cost
   * that follows the page and not the period: where each record is one contribution ({@link
   * Aggregated#recordsOn}), the page's spells read from the contributions in (anchor date, spell)
   * order, then only their service users' data loaded and the family's rows computed from it — the
   * records the calculator gives, in that order; for the other aggregated families ({@link
   * Composite}), by service user ({@link #byPerson}). Empty where the aggregates are not ready or
   * {@code after} is a key of the other kind: then {@link #records} gives every record.
   *
   * @param total every record of the request, as the answer counts them
   * @param next the key to give as {@code after} for the following page, or {@code null}
   */
  public record Page(List<Row> records, long total, PageKey next) {}

  public Optional<Page> page(Request r, String group, PageKey after, int limit) {
    if (aggregates == null || !(r.family() instanceof Aggregated family)) {
      return Optional.empty();
    }
    if (family instanceof Composite composite) {
      return after == null || after instanceof PersonKeyset
          ? byPerson(composite, r, group, (PersonKeyset) after, limit)
          : Optional.empty();
    }
    if (after != null && !(after instanceof Keyset)) {
      return Optional.empty();
    }
    Optional<AggregateRepository.Page> found =
        aggregates.page(family, r.by(), group, r.query(), (Keyset) after, limit + 1);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<Keyset> keysets = found.get().records();
    List<Keyset> shown = keysets.subList(0, Math.min(limit, keysets.size()));
    java.util.Map<java.util.UUID, Integer> order = new java.util.HashMap<>();
    shown.forEach(k -> order.put(k.spellId(), order.size()));
    List<Row> rows = new java.util.ArrayList<>();
    if (!shown.isEmpty()) {
      try (QueryBudget.Share share = repository.budget().share()) {
        MetricData data =
            repository.loadPeopleOf(order.keySet(), r.period(), r.asAt(), family.needs(), share);
        for (Row row : engine.records(family, data, r.query(), group)) {
          if (order.containsKey((java.util.UUID) row.get("spellId"))) {
            rows.add(row);
          }
        }
      }
      rows.sort(
          java.util.Comparator.comparing(row -> order.get((java.util.UUID) row.get("spellId"))));
    }
    return Optional.of(
        new Page(
            rows,
            total(family, found.get().ranges(), group, r.query()),
            keysets.size() > limit ? shown.get(shown.size() - 1) : null));
  }

  /**
   * A page of a {@link Composite} family's records, by service user ({@link PersonPages}): the
   * people who have versions of what its records are made from in the period, as known at the
   * request's time, in PostgreSQL's order of uuids; each batch's data loaded and the family's rows
   * computed from it, exactly as for the whole population (a person's records depend on their own
   * data only), each batch within the node's query budget.
   */
  private Optional<Page> byPerson(
      Composite family, Request r, String group, PersonKeyset after, int limit) {
    Optional<List<java.util.Map<String, Cells>>> cells =
        aggregates.cells(family, r.by(), r.query());
    if (cells.isEmpty()) {
      return Optional.empty();
    }
    PersonPages.Result page =
        PersonPages.page(
            (from, n) ->
                repository.peopleAfter(family.recordsFrom(), r.period(), r.asAt(), from, n),
            people -> {
              try (QueryBudget.Share share = repository.budget().share()) {
                return engine.records(
                    family,
                    repository.loadPeople(people, r.period(), r.asAt(), family.needs(), share),
                    r.query(),
                    group);
              }
            },
            after,
            limit,
            PersonPages.PEOPLE_PER_PAGE);
    return Optional.of(
        new Page(page.records(), total(family, cells.get(), group, r.query()), page.next()));
  }

  /** How many records the answer (or its group) counts, from its cells. */
  private static long total(
      Aggregated family, List<java.util.Map<String, Cells>> ranges, String group, MetricQuery q) {
    List<Cells> own = new java.util.ArrayList<>();
    for (java.util.Map<String, Cells> range : ranges) {
      Cells cells = new Cells();
      range.forEach(
          (key, c) -> {
            if (group == null || group.equals(key)) {
              cells.addAll(c);
            }
          });
      own.add(cells);
    }
    return family.records(own, q);
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
