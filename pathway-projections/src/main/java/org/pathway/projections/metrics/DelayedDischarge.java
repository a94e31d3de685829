package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §3. Delay days in the period by the MHSDS method ({@link DelayDays}), per delay period
 * with its reason, agency and setting; delay periods open at the end of the period with the days
 * delayed so far; and delay days as a share of occupied bed days.
 */
public final class DelayedDischarge implements MetricFamily {
  private static final Set<String> HOUSING_REASONS =
      Set.of("14", "15", "16", "17", "18", "19", "32");
  private final Settings settings;
  private final BedDays bedDays;

  public DelayedDischarge(Settings settings) {
    this.settings = settings;
    this.bedDays = new BedDays(settings);
  }

  @Override
  public String name() {
    return "delayed-discharge";
  }

  @Override
  public String definition() {
    return "pathway.delayed-discharge/2 (metrics.md §3; MHSDS MHS26 delay-day method, same-date periods dropped before ranking)";
  }

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of(
        Breakdown.REASON,
        Breakdown.AGENCY,
        Breakdown.HOUSING,
        Breakdown.SETTING_GROUP,
        Breakdown.SETTING);
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Period p = query.period();
    List<Row> rows = new ArrayList<>();
    for (Spell s : data.spells()) {
      if (s.delays().isEmpty()) {
        continue;
      }
      List<Long> days = DelayDays.perDelay(s.delays(), p);
      for (int i = 0; i < s.delays().size(); i++) {
        Spell.DelayPeriod d = s.delays().get(i);
        boolean openAtEnd =
            !d.startOn().isAfter(p.to()) && (d.endOn() == null || d.endOn().isAfter(p.to()));
        if (days.get(i) == 0 && !openAtEnd) {
          continue;
        }
        String bedType = s.wardStayAt(d.startOn().isAfter(p.to()) ? p.to() : d.startOn()).bedType();
        rows.add(
            new Row()
                .with("kind", "delay")
                .with("delayId", d.delayId())
                .with("spellId", s.spellId())
                .with("serviceUserId", s.serviceUserId())
                .with("startOn", d.startOn())
                .with("endOn", d.endOn())
                .with("delayDays", days.get(i))
                .with("openAtPeriodEnd", openAtEnd)
                .with(
                    "daysDelayedSoFar",
                    openAtEnd ? DelayDays.total(List.of(d), new Period(d.startOn(), p.to())) : 0L)
                .with("reason", d.reason())
                .with("agency", d.attributableTo())
                .with(
                    "housing",
                    HOUSING_REASONS.contains(d.reason()) || "07".equals(d.attributableTo())
                        ? "yes"
                        : "no")
                .with("setting", bedType)
                .with("settingGroup", settings.group(bedType)));
      }
    }
    return rows;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    long delayDays = rows.stream().mapToLong(r -> r.num("delayDays")).sum();
    List<Row> open = rows.stream().filter(r -> r.flag("openAtPeriodEnd")).toList();
    return List.of(
        Figure.count("delayDays", delayDays),
        Figure.count("delayPeriodsOpenAtPeriodEnd", open.size()),
        Figure.count(
            "daysDelayedSoFarOfOpenPeriods",
            open.stream().mapToLong(r -> r.num("daysDelayedSoFar")).sum()));
  }

  @Override
  public List<Figure> totalOnlyFigures(MetricData data, MetricQuery query, List<Row> rows) {
    return List.of(
        shareOfBedDays(data, query, rows.stream().mapToLong(r -> r.num("delayDays")).sum()));
  }

  /** Delay days as a share of all occupied bed days in the period (not broken down). */
  Figure shareOfBedDays(MetricData data, MetricQuery query, long delayDays) {
    long occupied =
        bedDays.rows(data, query).stream()
            .filter(r -> r.is("kind", "wardStay"))
            .mapToLong(r -> r.num("bedDays"))
            .sum();
    return Figure.ratio("delayDaysShareOfOccupiedBedDays", delayDays, occupied);
  }
}
