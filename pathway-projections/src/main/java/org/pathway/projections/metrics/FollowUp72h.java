package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §6. Eligible discharges from an acute setting, not died, not to prison, court, police
 * or another psychiatric or secure hospital, and the person not dead within 3 days; followed up by
 * an attended qualifying contact, or an admission, on day 1, 2 or 3 after the discharge date. The
 * national figure uses the period shifted back 4 days; rows carry both {@code inShiftedPeriod} and
 * {@code inPeriod}.
 */
public final class FollowUp72h implements Aggregated {
  private final Settings settings;

  public FollowUp72h(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "follow-up-72h";
  }

  @Override
  public DataNeeds needs() {
    return new DataNeeds(true, 4, 4, false, true, true, false);
  }

  @Override
  public String definition() {
    return "pathway.follow-up-72h/1 (metrics.md §6; days 1–3 after discharge, period shifted back 4 days)";
  }

  private static final List<Breakdown> KEYED = List.of(Breakdown.SETTING);

  @Override
  public List<Breakdown> keyed() {
    return KEYED;
  }

  /** Two values a day: its periods, shifted back 4 days, are read as days, never as months. */
  @Override
  public boolean daily() {
    return true;
  }

  /** Contacts and deaths decide which discharges count and which were followed up. */
  @Override
  public boolean readsFacts() {
    return true;
  }

  /** Counts on the discharge date: v1 = 1 when followed up. */
  @Override
  public Contribution contribution(Row row) {
    return new Contribution(
        name(),
        (UUID) row.get("spellId"),
        (LocalDate) row.get("dischargedOn"),
        KEYED.stream().map(b -> Contribution.key(row.get(b.column()))).toList(),
        row.flag("followedUp") ? 1 : 0,
        0,
        0);
  }

  /** The period shifted back 4 days, the period, and the days in both when there are any. */
  @Override
  public List<Period> ranges(MetricQuery query) {
    Period p = query.period();
    Period shifted = p.shiftedBack(4);
    return shifted.to().isBefore(p.from())
        ? List.of(shifted, p)
        : List.of(shifted, p, new Period(p.from(), shifted.to()));
  }

  /** The records of the answer: the discharges in either period, once. */
  @Override
  public long records(List<Cells> ranges, MetricQuery query) {
    long both = ranges.size() > 2 ? ranges.get(2).count() : 0;
    return ranges.get(0).count() + ranges.get(1).count() - both;
  }

  /**
   * The discharges in either period: from the shifted period's start to the period's end, when the
   * two meet (a period of fewer than 4 days leaves days between them: no range).
   */
  @Override
  public java.util.Optional<Period> recordsOn(MetricQuery query) {
    Period shifted = query.period().shiftedBack(4);
    return shifted.to().plusDays(1).isBefore(query.period().from())
        ? java.util.Optional.empty()
        : java.util.Optional.of(new Period(shifted.from(), query.period().to()));
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells shifted = ranges.get(0);
    Cells plain = ranges.get(1);
    Cells.Values followedUp = (v1, v2) -> v1 == 1;
    return figures(
        shifted.count(), shifted.count(followedUp), plain.count(), plain.count(followedUp));
  }

  /** Whether a discharge is eligible for 72-hour follow-up (also used by time in community). */
  boolean eligible(Spell s, Map<UUID, LocalDate> deaths) {
    if (s.dischargedOn() == null || !settings.isAcuteFor72h(s.lastWardStay().bedType())) {
      return false;
    }
    if (settings.excludedFrom72h(s.dischargeMethod(), s.dischargeDestination())) {
      return false;
    }
    LocalDate death = deaths.get(s.serviceUserId());
    return death == null || Nights.between(s.dischargedOn(), death) > 3;
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Period shifted = query.period().shiftedBack(4);
    Map<UUID, LocalDate> deaths = deaths(data);
    Map<UUID, List<MetricData.Contact>> contacts =
        data.contacts().stream().collect(Collectors.groupingBy(MetricData.Contact::serviceUserId));
    Map<UUID, List<Spell>> spells = data.spellsByServiceUser();
    List<Row> rows = new ArrayList<>();
    for (Spell s : data.spells()) {
      boolean inShifted = shifted.contains(s.dischargedOn());
      boolean inPeriod = query.period().contains(s.dischargedOn());
      if ((!inShifted && !inPeriod) || !eligible(s, deaths)) {
        continue;
      }
      LocalDate d = s.dischargedOn();
      LocalDate followUp =
          contacts.getOrDefault(s.serviceUserId(), List.of()).stream()
              .filter(c -> c.attended() && settings.qualifiesForFollowUp(c.medium()))
              .map(MetricData.Contact::on)
              .filter(on -> withinDays1to3(d, on))
              .min(LocalDate::compareTo)
              .orElse(null);
      LocalDate readmitted =
          spells.getOrDefault(s.serviceUserId(), List.of()).stream()
              .map(Spell::admittedOn)
              .filter(on -> withinDays1to3(d, on))
              .min(LocalDate::compareTo)
              .orElse(null);
      rows.add(
          new Row()
              .with("spellId", s.spellId())
              .with("serviceUserId", s.serviceUserId())
              .with("dischargedOn", d)
              .with("inShiftedPeriod", inShifted)
              .with("inPeriod", inPeriod)
              .with("followedUp", followUp != null || readmitted != null)
              .with("firstContactOn", followUp)
              .with("readmittedOn", readmitted)
              .with("setting", s.lastWardStay().bedType()));
    }
    return rows;
  }

  static Map<UUID, LocalDate> deaths(MetricData data) {
    return data.deaths().stream()
        .collect(
            Collectors.toMap(MetricData.Death::serviceUserId, MetricData.Death::on, (a, b) -> a));
  }

  private static boolean withinDays1to3(LocalDate discharge, LocalDate on) {
    long days = Nights.between(discharge, on);
    return days >= 1 && days <= 3;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    List<Row> shifted = rows.stream().filter(r -> r.flag("inShiftedPeriod")).toList();
    List<Row> plain = rows.stream().filter(r -> r.flag("inPeriod")).toList();
    return figures(
        shifted.size(),
        shifted.stream().filter(r -> r.flag("followedUp")).count(),
        plain.size(),
        plain.stream().filter(r -> r.flag("followedUp")).count());
  }

  private static List<Figure> figures(
      long eligible, long followed, long eligibleUnshifted, long followedUnshifted) {
    Figure rate = Figure.ratio("followUpRate", followed, eligible);
    return List.of(
        Figure.count("eligibleDischarges", eligible),
        Figure.count("followedUp", followed),
        rate,
        Figure.value(
            "meetsNationalExpectation80",
            rate.value() == null ? null : rate.value() >= 0.8 ? 1.0 : 0.0),
        Figure.ratio("followUpRateUnshiftedPeriod", followedUnshifted, eligibleUnshifted));
  }
}
