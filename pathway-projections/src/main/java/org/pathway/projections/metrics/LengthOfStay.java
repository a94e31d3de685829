package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.List;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §1. Spells discharged in the period; {@code LOS = dischargeDate − admissionDate} (same
 * day = 0); LOS excluding clinically-ready days subtracts the spell's delay days counted as in §3
 * over the whole spell.
 */
public final class LengthOfStay implements Aggregated {
  private final Settings settings;

  public LengthOfStay(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "length-of-stay";
  }

  @Override
  public String definition() {
    return "pathway.los/2 (metrics.md §1; NHS England LOS of discharged spells; clinically-ready days as delayed-discharge/2)";
  }

  private static final List<Breakdown> KEYED =
      List.of(
          Breakdown.SETTING_GROUP,
          Breakdown.SETTING,
          Breakdown.LEGAL_STATUS,
          Breakdown.OUT_OF_AREA);

  @Override
  public List<Breakdown> keyed() {
    return KEYED;
  }

  /** Counts on the discharge date: v1 = LOS, s = LOS excluding clinically-ready days. */
  @Override
  public Contribution contribution(Row row) {
    return new Contribution(
        name(),
        (java.util.UUID) row.get("spellId"),
        (java.time.LocalDate) row.get("dischargedOn"),
        KEYED.stream().map(b -> Contribution.key(row.get(b.column()))).toList(),
        Math.toIntExact(row.num("los")),
        0,
        row.num("losExcludingClinicallyReady"));
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells cells = ranges.get(0);
    long n = cells.count();
    return List.of(
        Figure.count("discharges", n),
        Figure.mean("meanLos", cells.sumV1(), n, 1),
        Figure.value("medianLos", cells.percentile(0.5, Cells.Values.ALL)),
        Figure.value("p90Los", cells.percentile(0.9, Cells.Values.ALL)),
        Figure.ratio("los60PlusShare", cells.count((los, x) -> los >= 60), n),
        Figure.ratio("los90PlusShare", cells.count((los, x) -> los >= 90), n),
        Figure.ratio("within32DaysShare", cells.count((los, x) -> los <= 32), n),
        Figure.mean("meanLosExcludingClinicallyReady", cells.sumS(), n, 1));
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    List<Row> rows = new ArrayList<>();
    for (Spell s : data.spells()) {
      if (!query.period().contains(s.dischargedOn())) {
        continue;
      }
      long los = Nights.between(s.admittedOn(), s.dischargedOn());
      long crfd = DelayDays.total(s.delays(), new Period(s.admittedOn(), s.dischargedOn()));
      String bedType = s.lastWardStay().bedType();
      rows.add(
          new Row()
              .with("spellId", s.spellId())
              .with("serviceUserId", s.serviceUserId())
              .with("admittedOn", s.admittedOn())
              .with("dischargedOn", s.dischargedOn())
              .with("los", los)
              .with("clinicallyReadyDays", crfd)
              .with("losExcludingClinicallyReady", Math.max(0, los - crfd))
              .with("setting", bedType)
              .with("settingGroup", settings.group(bedType))
              .with("legalStatus", s.legalStatusAtAdmission())
              .with("outOfArea", s.anyOutOfArea() ? "yes" : "no"));
    }
    return rows;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    List<Long> los = rows.stream().map(r -> r.num("los")).toList();
    long n = los.size();
    long sum = los.stream().mapToLong(Long::longValue).sum();
    long ge60 = los.stream().filter(v -> v >= 60).count();
    long ge90 = los.stream().filter(v -> v >= 90).count();
    long within32 = los.stream().filter(v -> v <= 32).count();
    long sumExcl = rows.stream().mapToLong(r -> r.num("losExcludingClinicallyReady")).sum();
    return List.of(
        Figure.count("discharges", n),
        Figure.mean("meanLos", sum, n, 1),
        Figure.value("medianLos", Stats.median(los)),
        Figure.value("p90Los", Stats.percentile(los, 0.9)),
        Figure.ratio("los60PlusShare", ge60, n),
        Figure.ratio("los90PlusShare", ge90, n),
        Figure.ratio("within32DaysShare", within32, n),
        Figure.mean("meanLosExcludingClinicallyReady", sumExcl, n, 1));
  }
}
