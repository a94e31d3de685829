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
public final class DelayedDischarge implements Intervals {
  private static final Set<String> HOUSING_REASONS =
      Set.of("14", "15", "16", "17", "18", "19", "32");
  private final Settings settings;
  private final BedDays bedDays;

  public DelayedDischarge(Settings settings) {
    this.settings = settings;
    this.bedDays = new BedDays(settings);
  }

  @Override
  public MetricsRepository.Source recordsFrom() {
    return MetricsRepository.Source.SPELLS_WITH_DELAYS;
  }

  @Override
  public String name() {
    return "delayed-discharge";
  }

  @Override
  public String definition() {
    return "pathway.delayed-discharge/2 (metrics.md §3; MHSDS MHS26 delay-day method, same-date periods dropped before ranking)";
  }

  private static final List<Breakdown> KEYED =
      List.of(
          Breakdown.REASON,
          Breakdown.AGENCY,
          Breakdown.HOUSING,
          Breakdown.SETTING_GROUP,
          Breakdown.SETTING);

  @Override
  public List<Breakdown> keyed() {
    return KEYED;
  }

  /**
   * The kinds of contribution (v1) of a delay period (v2 its day, s its start's day): its start
   * (separate from the one before, or not) and its end; and the first day and the day after the
   * last that its days can count between ({@link DelayDays#firstCountedDays}), when there is one.
   */
  static final int STARTS = 1;

  static final int SEPARATE_STARTS = 2;
  static final int ENDS = 3;
  static final int COUNTED_FROM = 4;
  static final int COUNTED_TO = 5;

  static final String BEFORE = "delayed-discharge-before";

  @Override
  public List<String> cellFamilies() {
    return List.of(name(), BEFORE);
  }

  @Override
  public java.util.Optional<Derived> derived(String cellFamily) {
    return BEFORE.equals(cellFamily)
        ? java.util.Optional.of(new Derived(name(), STARTS, COUNTED_TO))
        : bedDays.derived(cellFamily);
  }

  @Override
  public BedDays bedDays() {
    return bedDays;
  }

  /** Before the period (starts and ends without their day) and the period. */
  @Override
  public List<String> own(MetricQuery query) {
    return List.of(BEFORE, name());
  }

  /** Each delay period but a same-date one, keyed as its row is. */
  @Override
  public List<Contribution> contributions(MetricData person) {
    List<Contribution> all = new ArrayList<>();
    for (Spell s : person.spells()) {
      List<java.time.LocalDate> counted = DelayDays.firstCountedDays(s.delays());
      for (int i = 0; i < s.delays().size(); i++) {
        Spell.DelayPeriod d = s.delays().get(i);
        java.time.LocalDate from = counted.get(i);
        if (from == null) {
          continue; // a same-date period: never a record
        }
        String bedType = s.wardStayAt(d.startOn()).bedType();
        List<String> keys =
            List.of(
                Contribution.key(d.reason()),
                Contribution.key(d.attributableTo()),
                housing(d),
                Contribution.key(settings.group(bedType)),
                Contribution.key(bedType));
        long start = d.startOn().toEpochDay();
        boolean separate = from.isAfter(d.startOn());
        all.add(dated(s, keys, d.startOn(), separate ? SEPARATE_STARTS : STARTS, start));
        if (d.endOn() != null) {
          all.add(dated(s, keys, d.endOn(), ENDS, start));
        }
        if (d.endOn() == null || from.isBefore(d.endOn())) {
          all.add(dated(s, keys, from, COUNTED_FROM, 0));
          if (d.endOn() != null) {
            all.add(dated(s, keys, d.endOn(), COUNTED_TO, 0));
          }
        }
      }
    }
    return all;
  }

  private Contribution dated(
      Spell s, List<String> keys, java.time.LocalDate on, int kind, long startDay) {
    return new Contribution(name(), s.spellId(), on, keys, kind, (int) on.toEpochDay(), startDay);
  }

  private static String housing(Spell.DelayPeriod d) {
    return HOUSING_REASONS.contains(d.reason()) || "07".equals(d.attributableTo()) ? "yes" : "no";
  }

  private static boolean starts(int kind) {
    return kind == STARTS || kind == SEPARATE_STARTS;
  }

  /**
   * The delays with a day counted in the period (counted from by its end, to after its first day)
   * and those open at its end with none: begun, separate, on its last day.
   */
  @Override
  public long records(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    int first = (int) query.period().from().toEpochDay();
    int last = (int) query.period().to().toEpochDay();
    return before.count((kind, x) -> kind == COUNTED_FROM)
        + in.count((kind, x) -> kind == COUNTED_FROM)
        - before.count((kind, x) -> kind == COUNTED_TO)
        - in.count((kind, on) -> kind == COUNTED_TO && on == first)
        + in.count((kind, on) -> kind == SEPARATE_STARTS && on == last);
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    long last = query.period().to().toEpochDay();
    long open =
        before.count((kind, x) -> starts(kind))
            + in.count((kind, x) -> starts(kind))
            - before.count((kind, x) -> kind == ENDS)
            - in.count((kind, x) -> kind == ENDS);
    long startDays =
        before.sumS((kind, x) -> starts(kind))
            + in.sumS((kind, x) -> starts(kind))
            - before.sumS((kind, x) -> kind == ENDS)
            - in.sumS((kind, x) -> kind == ENDS);
    return List.of(
        Figure.count("delayDays", delayDays(before, in, query)),
        Figure.count("delayPeriodsOpenAtPeriodEnd", open),
        Figure.count("daysDelayedSoFarOfOpenPeriods", last * open - startDays));
  }

  /** The nights from each delay's first counted day to the period's end, less from its end. */
  private static long delayDays(Cells before, Cells in, MetricQuery query) {
    long last = query.period().to().toEpochDay();
    long days = last - query.period().from().toEpochDay() + 1;
    long open =
        before.count((kind, x) -> kind == COUNTED_FROM)
            - before.count((kind, x) -> kind == COUNTED_TO);
    return open * days
        + in.sum(
            (kind, on) ->
                kind == COUNTED_FROM ? last - on + 1 : kind == COUNTED_TO ? on - last - 1 : 0);
  }

  @Override
  public List<Figure> totalOnlyFromCells(List<Cells> ranges, MetricQuery query) {
    long delayDays = delayDays(ranges.get(0), ranges.get(1), query);
    return List.of(
        Figure.ratio("delayDaysShareOfOccupiedBedDays", delayDays, occupiedBedDays(ranges, query)));
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
                .with("housing", housing(d))
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
