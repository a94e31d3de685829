package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §2. Occupied bed days (nights of every ward stay in the period), bed days less leave,
 * census of spells open at the end of the period (setting of the ward stay in progress), admissions
 * and discharges in the period.
 */
public final class BedDays implements Composite {
  private final Settings settings;

  public BedDays(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "bed-days";
  }

  @Override
  public String definition() {
    return "pathway.bed-days/1 (metrics.md §2; MHSDS MHS24/MHS25 nights method)";
  }

  private static final List<Breakdown> KEYED = List.of(Breakdown.SETTING_GROUP, Breakdown.SETTING);

  /**
   * The kinds of contribution (v1): a ward stay's first night and the day after its last, the same
   * of the leave inside it, an admission and a discharge. A stay's nights in a period are then the
   * nights from its start to the period end less those from its end to the period end.
   */
  static final int STAY_STARTS = 1;

  static final int STAY_ENDS = 2;
  static final int LEAVE_STARTS = 3;
  static final int LEAVE_ENDS = 4;
  static final int ADMITTED = 5;
  static final int DISCHARGED = 6;

  /**
   * The starts and ends again without their day (v2 = 0), under a name of their own: what began and
   * ended before a period, read as a few cells per month rather than one per day.
   */
  static final String BEFORE = "bed-days-before";

  @Override
  public List<Breakdown> keyed() {
    return KEYED;
  }

  @Override
  public List<String> cellFamilies() {
    return List.of(name(), BEFORE);
  }

  /** Before the period (the starts and ends without their day), and the period (with it). */
  @Override
  public List<Period> ranges(MetricQuery query) {
    return List.of(new Period(ALL_TIME.from(), query.period().from().minusDays(1)), query.period());
  }

  @Override
  public java.util.Optional<Derived> derived(String cellFamily) {
    return BEFORE.equals(cellFamily)
        ? java.util.Optional.of(new Derived(name(), STAY_STARTS, LEAVE_ENDS))
        : java.util.Optional.empty();
  }

  @Override
  public String cellFamily(int range, MetricQuery query) {
    return range == 0 ? BEFORE : name();
  }

  /**
   * Each ward stay with a night (its start, and its end when it has one), each stretch of leave
   * with a night inside a stay (the same), each spell's admission and discharge; keyed by the
   * setting the drill-down row has (the stay's, the first stay's, the last stay's).
   */
  @Override
  public List<Contribution> contributions(MetricData person) {
    List<Contribution> all = new ArrayList<>();
    for (Spell s : person.spells()) {
      for (Spell.WardStay stay : s.wardStays()) {
        List<String> keys = keys(stay.bedType());
        interval(all, s, keys, stay.startOn(), stay.endOn(), STAY_STARTS, STAY_ENDS);
        for (Spell.LeavePeriod leave : s.leaves()) {
          LocalDate start = later(leave.startOn(), stay.startOn());
          LocalDate end = earlier(leave.endOn(), stay.endOn());
          if (end == null || end.isAfter(start)) {
            interval(all, s, keys, start, end, LEAVE_STARTS, LEAVE_ENDS);
          }
        }
      }
      all.add(dated(s, keys(s.wardStays().get(0).bedType()), s.admittedOn(), ADMITTED));
      if (s.dischargedOn() != null) {
        all.add(dated(s, keys(s.lastWardStay().bedType()), s.dischargedOn(), DISCHARGED));
      }
    }
    return all;
  }

  private void interval(
      List<Contribution> all,
      Spell s,
      List<String> keys,
      LocalDate start,
      LocalDate end,
      int starts,
      int ends) {
    if (end != null && !end.isAfter(start)) {
      return; // no night: never a record of any period
    }
    all.add(dated(s, keys, start, starts));
    if (end != null) {
      all.add(dated(s, keys, end, ends));
    }
  }

  private Contribution dated(Spell s, List<String> keys, LocalDate on, int kind) {
    return new Contribution(name(), s.spellId(), on, keys, kind, (int) on.toEpochDay(), 0);
  }

  private List<String> keys(String bedType) {
    return List.of(Contribution.key(settings.group(bedType)), Contribution.key(bedType));
  }

  /** Each start or end before the period adds its nights over the whole period. */
  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    long last = query.period().to().toEpochDay();
    long days = last - query.period().from().toEpochDay() + 1;
    long occupied = nights(before, in, STAY_STARTS, STAY_ENDS, days, last);
    long leave = nights(before, in, LEAVE_STARTS, LEAVE_ENDS, days, last);
    return List.of(
        Figure.count("occupiedBedDays", occupied),
        Figure.count("bedDaysLessLeave", occupied - leave),
        Figure.count("censusAtPeriodEnd", census(ranges)),
        Figure.count("admissions", in.count((kind, on) -> kind == ADMITTED)),
        Figure.count("discharges", in.count((kind, on) -> kind == DISCHARGED)));
  }

  /** The occupied bed days of the period, from its two ranges (before it, and it). */
  long occupied(List<Cells> ranges, MetricQuery query) {
    long last = query.period().to().toEpochDay();
    long days = last - query.period().from().toEpochDay() + 1;
    return nights(ranges.get(0), ranges.get(1), STAY_STARTS, STAY_ENDS, days, last);
  }

  private static long nights(Cells before, Cells in, int starts, int ends, long days, long last) {
    long open = before.count((kind, x) -> kind == starts) - before.count((kind, x) -> kind == ends);
    return open * days
        + in.sum((kind, on) -> kind == starts ? last - on + 1 : kind == ends ? on - last - 1 : 0);
  }

  /** The stays open after the period's last night: started by then, not ended by then. */
  private static long census(List<Cells> ranges) {
    long n = 0;
    for (Cells c : ranges) {
      n += c.count((kind, x) -> kind == STAY_STARTS) - c.count((kind, x) -> kind == STAY_ENDS);
    }
    return n;
  }

  /**
   * The rows of the drill-down: each stay with a night in the period (started by its end, not ended
   * by its first day), the census, the admissions and the discharges.
   */
  @Override
  public long records(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    int first = (int) query.period().from().toEpochDay();
    long started =
        before.count((kind, x) -> kind == STAY_STARTS) + in.count((kind, x) -> kind == STAY_STARTS);
    long endedByFirstDay =
        before.count((kind, x) -> kind == STAY_ENDS)
            + in.count((kind, on) -> kind == STAY_ENDS && on == first);
    return started
        - endedByFirstDay
        + census(ranges)
        + in.count((kind, on) -> kind == ADMITTED || kind == DISCHARGED);
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Period p = query.period();
    List<Row> rows = new ArrayList<>();
    for (Spell s : data.spells()) {
      if (s.admittedOn().isAfter(p.to())
          || (s.dischargedOn() != null && s.dischargedOn().isBefore(p.from()))) {
        continue;
      }
      for (Spell.WardStay stay : s.wardStays()) {
        long nights = Nights.inPeriod(stay.startOn(), stay.endOn(), p);
        long leave = leaveNights(s, stay, p);
        if (nights > 0 || leave > 0) {
          rows.add(
              base(s, "wardStay", stay.bedType())
                  .with("wardStayId", stay.wardStayId())
                  .with("startOn", stay.startOn())
                  .with("endOn", stay.endOn())
                  .with("bedDays", nights)
                  .with("leaveNights", leave));
        }
      }
      if (!s.admittedOn().isAfter(p.to())
          && (s.dischargedOn() == null || s.dischargedOn().isAfter(p.to()))) {
        rows.add(
            base(s, "census", s.wardStayAt(p.to()).bedType()).with("admittedOn", s.admittedOn()));
      }
      if (p.contains(s.admittedOn())) {
        rows.add(
            base(s, "admission", s.wardStays().get(0).bedType())
                .with("admittedOn", s.admittedOn()));
      }
      if (p.contains(s.dischargedOn())) {
        rows.add(
            base(s, "discharge", s.lastWardStay().bedType())
                .with("dischargedOn", s.dischargedOn()));
      }
    }
    return rows;
  }

  /**
   * Leave nights inside both the period and the ward stay, so leave is subtracted from the stay it
   * fell in.
   */
  private static long leaveNights(Spell s, Spell.WardStay stay, Period p) {
    long total = 0;
    for (Spell.LeavePeriod leave : s.leaves()) {
      LocalDate start = later(leave.startOn(), stay.startOn());
      LocalDate end = earlier(leave.endOn(), stay.endOn());
      if (end != null && end.isBefore(start)) {
        continue;
      }
      total += Nights.inPeriod(start, end, p);
    }
    return total;
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate earlier(LocalDate a, LocalDate b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }

  private Row base(Spell s, String kind, String bedType) {
    return new Row()
        .with("kind", kind)
        .with("spellId", s.spellId())
        .with("serviceUserId", s.serviceUserId())
        .with("setting", bedType)
        .with("settingGroup", settings.group(bedType));
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    long bedDays =
        rows.stream().filter(r -> r.is("kind", "wardStay")).mapToLong(r -> r.num("bedDays")).sum();
    long leave =
        rows.stream()
            .filter(r -> r.is("kind", "wardStay"))
            .mapToLong(r -> r.num("leaveNights"))
            .sum();
    return List.of(
        Figure.count("occupiedBedDays", bedDays),
        Figure.count("bedDaysLessLeave", bedDays - leave),
        Figure.count(
            "censusAtPeriodEnd", rows.stream().filter(r -> r.is("kind", "census")).count()),
        Figure.count("admissions", rows.stream().filter(r -> r.is("kind", "admission")).count()),
        Figure.count("discharges", rows.stream().filter(r -> r.is("kind", "discharge")).count()));
  }
}
