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
 */
public final class TimeInCommunity implements MetricFamily {
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

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of();
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
