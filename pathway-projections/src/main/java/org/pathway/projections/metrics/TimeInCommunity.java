package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §7, time in community: for each person's first discharge in the period that is
 * eligible as in §6, the days until their next admission if it starts within 365 days, otherwise
 * 365. Windows not yet complete at the as-at date count 365 and are reported.
 *
 * <p>Aggregated: every eligible discharge contributes whether the person was readmitted within 365
 * days ({@code v1}: {@link #READMITTED} or {@link #NOT_READMITTED}), its days in the community
 * ({@code s}, 365 when not readmitted), and the date of the same person's eligible discharge before
 * it ({@code v2}, as an epoch day; {@link #NONE} for a first one). A discharge in the period is the
 * person's first there exactly when the one before it is before the period's first day, so the
 * answer is counts and sums over the period's cells of those with {@code v2} before it; the windows
 * not complete at the as-at date are those not readmitted and discharged in the last 365 days to it
 * (a second range of the period). The days are summed, not kept as a value of the cell: the figures
 * are counts and means only, and a month's discharges then share a cell wherever their previous
 * discharges fell on one date.
 */
public final class TimeInCommunity implements Composite {
  static final int CAP = 365;
  private final FollowUp72h eligibility;

  public TimeInCommunity(Settings settings) {
    this.eligibility = new FollowUp72h(settings);
  }

  @Override
  public String name() {
    return "time-in-community";
  }

  @Override
  public DataNeeds needs() {
    return new DataNeeds(true, 366, 0, false, false, true, false);
  }

  @Override
  public String definition() {
    return "pathway.time-in-community/1 (metrics.md §7; capped at 365 days)";
  }

  /** {@code v2} of a person's first eligible discharge of all. */
  static final int NONE = Integer.MIN_VALUE;

  /** {@code v1} of a discharge followed by an admission within 365 days, and of one not. */
  static final int READMITTED = 1;

  static final int NOT_READMITTED = 0;

  /**
   * The discharges not followed by an admission within 365 days, kept per discharge day with their
   * previous eligible discharge (V23): the range of the windows not yet complete starts 364 days
   * before the as-at date, seldom on a month's first day, and its days are read from these cells
   * instead of from the contributions (at 10 M events, 64 ms at the p99 when they were).
   */
  static final String NOT_READMITTED_DAYS = "time-in-community-open";

  @Override
  public List<String> cellFamilies() {
    return List.of(name(), NOT_READMITTED_DAYS);
  }

  @Override
  public Optional<Derived> derived(String cellFamily) {
    return NOT_READMITTED_DAYS.equals(cellFamily)
        ? Optional.of(new Derived(name(), NOT_READMITTED, NOT_READMITTED, true))
        : Optional.empty();
  }

  @Override
  public boolean daily(String cellFamily) {
    return NOT_READMITTED_DAYS.equals(cellFamily);
  }

  @Override
  public String cellFamily(int range, MetricQuery query) {
    return range == 1 ? NOT_READMITTED_DAYS : name();
  }

  @Override
  public List<Breakdown> keyed() {
    return List.of();
  }

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of();
  }

  /** Eligibility reads deaths. */
  @Override
  public boolean readsFacts() {
    return true;
  }

  /**
   * The period, and the part of it in the 365 days up to the as-at date (the day itself included;
   * now's when there is none), when it has one: where the windows not yet complete are.
   */
  @Override
  public List<Period> ranges(MetricQuery query) {
    LocalDate today =
        org.pathway.domain.time.ClinicalTime.localDate(
            query.asAt() == null ? java.time.Instant.now() : query.asAt());
    Period p = query.period();
    LocalDate recent = today.minusDays(CAP - 1);
    LocalDate from = recent.isAfter(p.from()) ? recent : p.from();
    return from.isAfter(p.to()) ? List.of(p) : List.of(p, new Period(from, p.to()));
  }

  /**
   * Each eligible discharge of the person (in the order the calculator takes them): its days in the
   * community, and the date of the eligible discharge before it.
   */
  @Override
  public List<Contribution> contributions(MetricData person) {
    Map<UUID, LocalDate> deaths = FollowUp72h.deaths(person);
    Map<UUID, List<Spell>> byUser = person.spellsByServiceUser();
    List<Spell> discharges =
        person.spells().stream()
            .filter(s -> eligibility.eligible(s, deaths))
            .sorted(Comparator.comparing(Spell::dischargedAt))
            .toList();
    Map<UUID, LocalDate> before = new java.util.HashMap<>();
    List<Contribution> all = new ArrayList<>();
    for (Spell s : discharges) {
      LocalDate previous = before.put(s.serviceUserId(), s.dischargedOn());
      long days = daysInCommunity(s, byUser);
      all.add(
          new Contribution(
              name(),
              s.spellId(),
              s.dischargedOn(),
              List.of(),
              days < CAP ? READMITTED : NOT_READMITTED,
              previous == null ? NONE : Math.toIntExact(previous.toEpochDay()),
              days));
    }
    return all;
  }

  /** The days to the next admission when it is within 365, else 365. */
  private static long daysInCommunity(Spell s, Map<UUID, List<Spell>> byUser) {
    Long toNext =
        NextAdmission.after(s, byUser)
            .map(n -> Nights.between(s.dischargedOn(), n.admittedOn()))
            .orElse(null);
    return toNext != null && toNext < CAP ? toNext : CAP;
  }

  /** Whether a contribution is of a person's first eligible discharge in the period. */
  private static Cells.Values first(MetricQuery query) {
    long from = query.period().from().toEpochDay();
    return (days, previous) -> previous < from;
  }

  @Override
  public long records(List<Cells> ranges, MetricQuery query) {
    return ranges.get(0).count(first(query));
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells.Values first = first(query);
    Cells.Values readmitted =
        (within, previous) -> first.test(within, previous) && within == READMITTED;
    Cells in = ranges.get(0);
    long people = in.count(first);
    long readmissions = in.count(readmitted);
    return List.of(
        Figure.count("people", people),
        Figure.mean("meanDaysInCommunity", in.sumS(first), people, 1),
        Figure.count("readmittedWithin365", readmissions),
        Figure.mean("meanDaysOfReadmitted", in.sumS(readmitted), readmissions, 1),
        Figure.count(
            "windowsNotYetComplete",
            ranges.size() < 2
                ? 0
                : ranges
                    .get(1)
                    .count(
                        (within, previous) ->
                            first.test(within, previous) && within == NOT_READMITTED)));
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Map<UUID, LocalDate> deaths = FollowUp72h.deaths(data);
    Map<UUID, List<Spell>> byUser = data.spellsByServiceUser();
    List<Spell> discharges =
        data.spells().stream()
            .filter(
                s -> query.period().contains(s.dischargedOn()) && eligibility.eligible(s, deaths))
            .sorted(Comparator.comparing(Spell::dischargedAt))
            .toList();
    Set<UUID> seen = new HashSet<>();
    List<Row> rows = new ArrayList<>();
    for (Spell s : discharges) {
      if (!seen.add(s.serviceUserId())) {
        continue;
      }
      Optional<Spell> next = NextAdmission.after(s, byUser);
      Long toNext = next.map(n -> Nights.between(s.dischargedOn(), n.admittedOn())).orElse(null);
      boolean readmitted = toNext != null && toNext < CAP;
      boolean incomplete = !readmitted && Nights.between(s.dischargedOn(), data.today()) < CAP;
      rows.add(
          new Row()
              .with("spellId", s.spellId())
              .with("serviceUserId", s.serviceUserId())
              .with("dischargedOn", s.dischargedOn())
              .with("nextAdmittedOn", next.map(Spell::admittedOn).orElse(null))
              .with("daysInCommunity", readmitted ? toNext : (long) CAP)
              .with("readmittedWithin365", readmitted)
              .with("windowIncomplete", incomplete));
    }
    return rows;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    List<Row> readmitted = rows.stream().filter(r -> r.flag("readmittedWithin365")).toList();
    return List.of(
        Figure.count("people", rows.size()),
        Figure.mean(
            "meanDaysInCommunity",
            rows.stream().mapToLong(r -> r.num("daysInCommunity")).sum(),
            rows.size(),
            1),
        Figure.count("readmittedWithin365", readmitted.size()),
        Figure.mean(
            "meanDaysOfReadmitted",
            readmitted.stream().mapToLong(r -> r.num("daysInCommunity")).sum(),
            readmitted.size(),
            1),
        Figure.count(
            "windowsNotYetComplete",
            rows.stream().filter(r -> r.flag("windowIncomplete")).count()));
  }
}
