package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §4. An OAP starts at the admission or transfer into an out-of-area unit and ends at
 * discharge or at the transfer back into a local unit (a repatriation); consecutive out-of-area
 * ward stays are one OAP (whatever their settings), with the setting, reason, receiving provider
 * and distance of its first. Scope {@code adult-acute} (national: the setting at start is adult
 * acute) or {@code all}.
 */
public final class OutOfAreaPlacements implements Intervals {
  private final Settings settings;
  private final BedDays bedDays;

  public OutOfAreaPlacements(Settings settings) {
    this.settings = settings;
    this.bedDays = new BedDays(settings);
  }

  @Override
  public MetricsRepository.Source recordsFrom() {
    return MetricsRepository.Source.SPELLS_OUT_OF_AREA;
  }

  @Override
  public String name() {
    return "out-of-area";
  }

  @Override
  public String definition() {
    return "pathway.oap/2 (metrics.md §4; setting, reason, provider and distance at start; inappropriate = OAP reason 10)";
  }

  private static final List<Breakdown> KEYED =
      List.of(
          Breakdown.INAPPROPRIATE,
          Breakdown.REASON,
          Breakdown.RECEIVING_PROVIDER,
          Breakdown.SETTING_GROUP,
          Breakdown.SETTING);

  @Override
  public List<Breakdown> keyed() {
    return KEYED;
  }

  /**
   * The kinds of contribution (v1) of an OAP (v2 its day): its start, and its end — repatriated or
   * not —, each of an inappropriate OAP or another; and, on its start day, its distance from home
   * (v2) when one was recorded.
   */
  static final int STARTS = 1;

  static final int ENDS = 2;
  static final int REPATRIATED = 3;
  static final int INAPPROPRIATE = 3; // added to the three kinds above for an inappropriate OAP
  static final int DISTANCE = 7;

  /** The names kept: every setting's OAPs, the adult acute ones, each with its undated kinds. */
  static final String ADULT_ACUTE = "out-of-area-adult-acute";

  private static String before(String name) {
    return name + "-before";
  }

  @Override
  public List<String> cellFamilies() {
    return List.of(name(), before(name()), ADULT_ACUTE, before(ADULT_ACUTE));
  }

  @Override
  public java.util.Optional<Derived> derived(String cellFamily) {
    for (String name : List.of(name(), ADULT_ACUTE)) {
      if (before(name).equals(cellFamily)) {
        return java.util.Optional.of(new Derived(name, STARTS, REPATRIATED + INAPPROPRIATE));
      }
    }
    return bedDays.derived(cellFamily);
  }

  @Override
  public BedDays bedDays() {
    return bedDays;
  }

  /** Before the period (starts and ends without their day) and the period, of the scope asked. */
  @Override
  public List<String> own(MetricQuery query) {
    String name = "all".equals(query.scope()) ? name() : ADULT_ACUTE;
    return List.of(before(name), name);
  }

  /**
   * Each OAP of every setting (and again under {@link #ADULT_ACUTE} when it began in an adult acute
   * one): its start, its end when it has one, its distance when recorded; keyed as its row is.
   */
  @Override
  public List<Contribution> contributions(MetricData person) {
    List<Contribution> all = new ArrayList<>();
    for (Spell s : person.spells()) {
      for (Oap o : episodes(s, "all")) {
        Spell.WardStay first = o.first();
        List<String> keys =
            List.of(
                settings.isInappropriateOap(first.oapReason()) ? "inappropriate" : "other",
                Contribution.key(first.oapReason()),
                Contribution.key(first.provider()),
                Contribution.key(settings.group(first.bedType())),
                Contribution.key(first.bedType()));
        int offset = settings.isInappropriateOap(first.oapReason()) ? INAPPROPRIATE : 0;
        List<String> names =
            settings.isAdultAcute(first.bedType()) ? List.of(name(), ADULT_ACUTE) : List.of(name());
        for (String name : names) {
          all.add(dated(name, s, keys, o.startOn(), STARTS + offset));
          if (o.endOn() != null) {
            all.add(
                dated(name, s, keys, o.endOn(), (o.repatriated() ? REPATRIATED : ENDS) + offset));
          }
          if (first.distanceFromHomeKm() != null) {
            all.add(
                new Contribution(
                    name, s.spellId(), o.startOn(), keys, DISTANCE, first.distanceFromHomeKm(), 0));
          }
        }
      }
    }
    return all;
  }

  private static Contribution dated(
      String name, Spell s, List<String> keys, LocalDate on, int kind) {
    return new Contribution(name, s.spellId(), on, keys, kind, (int) on.toEpochDay(), 0);
  }

  private static boolean starts(int kind) {
    return kind == STARTS || kind == STARTS + INAPPROPRIATE;
  }

  private static boolean ends(int kind) {
    return kind != DISTANCE && !starts(kind);
  }

  private static boolean inappropriate(int kind) {
    return kind > REPATRIATED && kind != DISTANCE;
  }

  /** The OAPs that overlap the period: started by its end, not ended before its first day. */
  @Override
  public long records(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    return before.count((kind, x) -> starts(kind))
        + in.count((kind, x) -> starts(kind))
        - before.count((kind, x) -> ends(kind));
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    long distances = in.count((kind, x) -> kind == DISTANCE);
    long sumDistance = in.sum((kind, km) -> kind == DISTANCE ? km : 0);
    return List.of(
        Figure.count("started", in.count((kind, x) -> starts(kind))),
        Figure.count(
            "activeAtPeriodEnd",
            before.count((kind, x) -> starts(kind))
                + in.count((kind, x) -> starts(kind))
                - before.count((kind, x) -> ends(kind))
                - in.count((kind, x) -> ends(kind))),
        Figure.count("ended", in.count((kind, x) -> ends(kind))),
        Figure.count(
            "repatriations",
            in.count((kind, x) -> kind == REPATRIATED || kind == REPATRIATED + INAPPROPRIATE)),
        Figure.count("oapBedDays", nights(before, in, query, k -> true)),
        Figure.count("inappropriateOapBedDays", nights(before, in, query, k -> inappropriate(k))),
        Figure.mean("meanDistanceKmOfStarted", sumDistance, distances, 1),
        Figure.value("medianDistanceKmOfStarted", in.percentileOfV2(0.5, DISTANCE)),
        Figure.count("distance0to19", in.count((kind, km) -> kind == DISTANCE && km < 20)),
        Figure.count(
            "distance20to49", in.count((kind, km) -> kind == DISTANCE && km >= 20 && km < 50)),
        Figure.count(
            "distance50to99", in.count((kind, km) -> kind == DISTANCE && km >= 50 && km < 100)),
        Figure.count("distance100plus", in.count((kind, km) -> kind == DISTANCE && km >= 100)));
  }

  /**
   * An OAP's nights in the period: from its start (or the period's first day) to the period's end,
   * less those from its end (or the first day) to the period's end, as {@link Nights#inPeriod}.
   */
  private static long nights(
      Cells before, Cells in, MetricQuery query, java.util.function.IntPredicate which) {
    long last = query.period().to().toEpochDay();
    long days = last - query.period().from().toEpochDay() + 1;
    long open =
        before.count((kind, x) -> which.test(kind) && starts(kind))
            - before.count((kind, x) -> which.test(kind) && ends(kind));
    return open * days
        + in.sum(
            (kind, on) ->
                !which.test(kind) || kind == DISTANCE
                    ? 0
                    : starts(kind) ? last - on + 1 : on - last - 1);
  }

  @Override
  public List<Figure> totalOnlyFromCells(List<Cells> ranges, MetricQuery query) {
    long inappropriate = nights(ranges.get(0), ranges.get(1), query, k -> inappropriate(k));
    long occupied = occupiedBedDays(ranges, query);
    return List.of(
        Figure.ratio("inappropriateOapBedDaysShareOfOccupiedBedDays", inappropriate, occupied));
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
