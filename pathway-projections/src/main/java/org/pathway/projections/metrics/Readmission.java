package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §5. Index discharges in the period (excluding died, self-discharge, discharge by
 * relative, not applicable, and discharges to death or another hospital); readmitted when the next
 * admission of the same person is an emergency one and {@code 0 ≤ admissionDate − dischargeDate <
 * W}; also any-method readmission. A readmission after the period end still counts.
 */
public final class Readmission implements Aggregated {
  private final Settings settings;

  public Readmission(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "readmission";
  }

  @Override
  public DataNeeds needs() {
    return new DataNeeds(true, 366, 0, false, false, false, false);
  }

  @Override
  public String definition() {
    return "pathway.readmission/1 (metrics.md §5; window W days, default 28)";
  }

  private static final List<Breakdown> KEYED = List.of(Breakdown.SETTING_GROUP, Breakdown.SETTING);

  /** The days to the next admission kept: the longest window allowed; longer or none is this. */
  static final int NO_READMISSION = 365;

  @Override
  public List<Breakdown> keyed() {
    return KEYED;
  }

  /**
   * Counts on the discharge date: v1 = days to the next admission ({@value #NO_READMISSION} for
   * none or later, no window being longer), v2 = 1 when that admission is an emergency one.
   */
  @Override
  public Contribution contribution(Row row) {
    Object days = row.get("daysToNextAdmission");
    return new Contribution(
        name(),
        (UUID) row.get("spellId"),
        (java.time.LocalDate) row.get("dischargedOn"),
        KEYED.stream().map(b -> Contribution.key(row.get(b.column()))).toList(),
        days == null
            ? NO_READMISSION
            : (int) Math.min(NO_READMISSION, row.num("daysToNextAdmission")),
        row.flag("readmittedEmergency") ? 1 : 0,
        0);
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells cells = ranges.get(0);
    int w = query.window();
    Cells.Values emergency = (days, e) -> days < w && e == 1;
    long index = cells.count();
    return List.of(
        Figure.count("indexDischarges", index),
        Figure.ratio("emergencyReadmissionRate", cells.count(emergency), index),
        Figure.ratio("anyReadmissionRate", cells.count((days, e) -> days < w), index),
        Figure.value("medianDaysToEmergencyReadmission", cells.percentile(0.5, emergency)));
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Map<UUID, List<Spell>> byUser = data.spellsByServiceUser();
    List<Row> rows = new ArrayList<>();
    for (Spell s : data.spells()) {
      if (!query.period().contains(s.dischargedOn())
          || settings.excludedFromReadmissionIndex(s.dischargeMethod(), s.dischargeDestination())) {
        continue;
      }
      Optional<Spell> next = NextAdmission.after(s, byUser);
      Long days = next.map(n -> Nights.between(s.dischargedOn(), n.admittedOn())).orElse(null);
      boolean withinWindow = days != null && days < query.window();
      boolean emergency = next.isPresent() && settings.isEmergency(next.get().admissionMethod());
      String bedType = s.lastWardStay().bedType();
      rows.add(
          new Row()
              .with("spellId", s.spellId())
              .with("serviceUserId", s.serviceUserId())
              .with("dischargedOn", s.dischargedOn())
              .with("nextSpellId", next.map(Spell::spellId).orElse(null))
              .with("nextAdmittedOn", next.map(Spell::admittedOn).orElse(null))
              .with("nextAdmissionMethod", next.map(Spell::admissionMethod).orElse(null))
              .with("daysToNextAdmission", days)
              .with("readmittedEmergency", withinWindow && emergency)
              .with("readmittedAny", withinWindow)
              .with("setting", bedType)
              .with("settingGroup", settings.group(bedType)));
    }
    return rows;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    long index = rows.size();
    long emergency = rows.stream().filter(r -> r.flag("readmittedEmergency")).count();
    long any = rows.stream().filter(r -> r.flag("readmittedAny")).count();
    List<Long> days =
        rows.stream()
            .filter(r -> r.flag("readmittedEmergency"))
            .map(r -> r.num("daysToNextAdmission"))
            .toList();
    return List.of(
        Figure.count("indexDischarges", index),
        Figure.ratio("emergencyReadmissionRate", emergency, index),
        Figure.ratio("anyReadmissionRate", any, index),
        Figure.value("medianDaysToEmergencyReadmission", Stats.median(days)));
  }
}
