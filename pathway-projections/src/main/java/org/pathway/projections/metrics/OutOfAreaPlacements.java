package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §4. An OAP starts at the admission or transfer into an out-of-area unit and ends at
 * discharge or at the transfer back into a local unit (a repatriation); consecutive out-of-area
 * ward stays are one OAP (whatever their settings), with the setting, reason, receiving provider
 * and distance of its first. Scope {@code adult-acute} (national: the setting at start is adult
 * acute) or {@code all}.
 */
public final class OutOfAreaPlacements implements MetricFamily {
  private final Settings settings;
  private final BedDays bedDays;

  public OutOfAreaPlacements(Settings settings) {
    this.settings = settings;
    this.bedDays = new BedDays(settings);
  }

  @Override
  public String name() {
    return "out-of-area";
  }

  @Override
  public String definition() {
    return "pathway.oap/2 (metrics.md §4; setting, reason, provider and distance at start; inappropriate = OAP reason 10)";
  }

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of(
        Breakdown.INAPPROPRIATE,
        Breakdown.REASON,
        Breakdown.RECEIVING_PROVIDER,
        Breakdown.SETTING_GROUP,
        Breakdown.SETTING);
  }

  /** One OAP episode inside a spell. */
  private record Oap(
      Spell spell, Spell.WardStay first, LocalDate startOn, LocalDate endOn, boolean repatriated) {}

  private List<Oap> episodes(Spell s, String scope) {
    List<Oap> oaps = new ArrayList<>();
    Spell.WardStay first = null;
    for (Spell.WardStay stay : s.wardStays()) {
      if (stay.outOfArea() && first == null) {
        first = stay;
      } else if (!stay.outOfArea() && first != null) {
        oaps.add(new Oap(s, first, first.startOn(), stay.startOn(), true));
        first = null;
      }
    }
    if (first != null) {
      oaps.add(new Oap(s, first, first.startOn(), s.dischargedOn(), false));
    }
    // metrics.md §4: the scope is judged on the setting at the OAP's start
    oaps.removeIf(o -> !"all".equals(scope) && !settings.isAdultAcute(o.first().bedType()));
    return oaps;
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Period p = query.period();
    List<Row> rows = new ArrayList<>();
    for (Spell s : data.spells()) {
      for (Oap o : episodes(s, query.scope())) {
        boolean overlaps =
            !o.startOn().isAfter(p.to()) && (o.endOn() == null || !o.endOn().isBefore(p.from()));
        if (!overlaps) {
          continue;
        }
        boolean inappropriate = settings.isInappropriateOap(o.first().oapReason());
        rows.add(
            new Row()
                .with("spellId", s.spellId())
                .with("serviceUserId", s.serviceUserId())
                .with("wardStayId", o.first().wardStayId())
                .with("startOn", o.startOn())
                .with("endOn", o.endOn())
                .with("started", p.contains(o.startOn()))
                .with("ended", p.contains(o.endOn()))
                .with("repatriated", o.repatriated() && p.contains(o.endOn()))
                .with("activeAtPeriodEnd", o.endOn() == null || o.endOn().isAfter(p.to()))
                .with("oapBedDays", Nights.inPeriod(o.startOn(), o.endOn(), p))
                .with("inappropriate", inappropriate ? "inappropriate" : "other")
                .with("reason", o.first().oapReason())
                .with("receivingProvider", o.first().provider())
                .with("distanceFromHomeKm", o.first().distanceFromHomeKm())
                .with("setting", o.first().bedType())
                .with("settingGroup", settings.group(o.first().bedType())));
      }
    }
    return rows;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    List<Long> distances =
        rows.stream()
            .filter(r -> r.flag("started") && r.get("distanceFromHomeKm") != null)
            .map(r -> r.num("distanceFromHomeKm"))
            .toList();
    long sumDistance = distances.stream().mapToLong(Long::longValue).sum();
    return List.of(
        Figure.count("started", rows.stream().filter(r -> r.flag("started")).count()),
        Figure.count(
            "activeAtPeriodEnd", rows.stream().filter(r -> r.flag("activeAtPeriodEnd")).count()),
        Figure.count("ended", rows.stream().filter(r -> r.flag("ended")).count()),
        Figure.count("repatriations", rows.stream().filter(r -> r.flag("repatriated")).count()),
        Figure.count("oapBedDays", rows.stream().mapToLong(r -> r.num("oapBedDays")).sum()),
        Figure.count(
            "inappropriateOapBedDays",
            rows.stream()
                .filter(r -> r.is("inappropriate", "inappropriate"))
                .mapToLong(r -> r.num("oapBedDays"))
                .sum()),
        Figure.mean("meanDistanceKmOfStarted", sumDistance, distances.size(), 1),
        Figure.value("medianDistanceKmOfStarted", Stats.median(distances)),
        Figure.count("distance0to19", distances.stream().filter(d -> d < 20).count()),
        Figure.count("distance20to49", distances.stream().filter(d -> d >= 20 && d < 50).count()),
        Figure.count("distance50to99", distances.stream().filter(d -> d >= 50 && d < 100).count()),
        Figure.count("distance100plus", distances.stream().filter(d -> d >= 100).count()));
  }

  @Override
  public List<Figure> totalOnlyFigures(MetricData data, MetricQuery query, List<Row> rows) {
    return List.of(inappropriateShareOfBedDays(data, query, rows));
  }

  /**
   * Inappropriate OAP bed days as a share of all occupied bed days in the period (not broken down).
   */
  Figure inappropriateShareOfBedDays(MetricData data, MetricQuery query, List<Row> rows) {
    long inappropriate =
        rows.stream()
            .filter(r -> r.is("inappropriate", "inappropriate"))
            .mapToLong(r -> r.num("oapBedDays"))
            .sum();
    long occupied =
        bedDays.rows(data, query).stream()
            .filter(r -> r.is("kind", "wardStay"))
            .mapToLong(r -> r.num("bedDays"))
            .sum();
    return Figure.ratio("inappropriateOapBedDaysShareOfOccupiedBedDays", inappropriate, occupied);
  }
}
