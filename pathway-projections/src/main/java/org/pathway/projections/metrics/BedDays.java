package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §2. Occupied bed days (nights of every ward stay in the period), bed days less leave,
 * census of spells open at the end of the period (setting of the ward stay in progress), admissions
 * and discharges in the period.
 */
public final class BedDays implements MetricFamily {
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

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of(Breakdown.SETTING_GROUP, Breakdown.SETTING);
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
