package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathway.projections.metrics.MetricDefinitionsTest.ENGINE;
import static org.pathway.projections.metrics.MetricDefinitionsTest.data;
import static org.pathway.projections.metrics.MetricDefinitionsTest.q;
import static org.pathway.projections.metrics.MetricDefinitionsTest.rows;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.journey.StepDownOutcome;
import org.pathway.projections.journey.Spell;

/**
 * The metric calculators at every boundary and on every figure, with populations whose figures are
 * worked out by hand beside each case: these calculators are the oracle of every published figure,
 * so a changed comparison, bound, filter or sum must make a test fail (PIT mutation testing in the
 * build holds that to at least 90 % of mutants killed).
 */
class MetricEdgesTest {

  /** Every figure of the total, {@code null} values included. */
  static Map<String, Double> all(String metric, MetricData data, MetricQuery query) {
    MetricReport r = ENGINE.report(ENGINE.family(metric).orElseThrow(), data, query);
    Map<String, Double> m = new HashMap<>();
    r.total().figures().forEach(f -> m.put(f.name(), f.value()));
    return m;
  }

  static String daysBefore(String date, long days) {
    return LocalDate.parse(date).minusDays(days) + "T10:00";
  }

  static J oap(String admitted, Integer km, String reason) {
    return new J().admit(admitted, "21", J.ward("200", true, reason, km, "RYY"));
  }

  @Nested
  class Catalogue {
    @Test
    void the_families_their_definitions_breakdowns_and_data_needs() {
      assertThat(ENGINE.families().keySet())
          .containsExactly(
              "length-of-stay",
              "bed-days",
              "delayed-discharge",
              "out-of-area",
              "readmission",
              "follow-up-72h",
              "time-in-community",
              "step-down",
              "settled-accommodation");
      ENGINE
          .families()
          .forEach(
              (name, f) -> {
                assertThat(f.name()).isEqualTo(name);
                assertThat(f.definition()).startsWith("pathway.").contains("metrics.md §");
              });
      Map<String, Set<String>> breakdowns = new HashMap<>();
      ENGINE
          .families()
          .forEach(
              (name, f) ->
                  breakdowns.put(
                      name,
                      f.breakdowns().stream()
                          .map(Breakdown::column)
                          .collect(java.util.stream.Collectors.toSet())));
      assertThat(breakdowns)
          .containsEntry(
              "length-of-stay", Set.of("settingGroup", "setting", "legalStatus", "outOfArea"))
          .containsEntry("bed-days", Set.of("settingGroup", "setting"))
          .containsEntry(
              "delayed-discharge", Set.of("reason", "agency", "housing", "settingGroup", "setting"))
          .containsEntry(
              "out-of-area",
              Set.of("inappropriate", "reason", "receivingProvider", "settingGroup", "setting"))
          .containsEntry("readmission", Set.of("settingGroup", "setting"))
          .containsEntry("follow-up-72h", Set.of("setting"))
          .containsEntry("time-in-community", Set.of())
          .containsEntry("step-down", Set.of("scheme", "provider", "outcome"))
          .containsEntry("settled-accommodation", Set.of("accommodationType"));
      assertThat(needs("length-of-stay")).isEqualTo(DataNeeds.SPELLS);
      assertThat(needs("bed-days")).isEqualTo(DataNeeds.SPELLS);
      assertThat(needs("delayed-discharge")).isEqualTo(DataNeeds.SPELLS);
      assertThat(needs("out-of-area")).isEqualTo(DataNeeds.SPELLS);
      assertThat(needs("readmission"))
          .isEqualTo(new DataNeeds(true, 366, 0, false, false, false, false));
      assertThat(needs("follow-up-72h"))
          .isEqualTo(new DataNeeds(true, 4, 4, false, true, true, false));
      assertThat(needs("time-in-community"))
          .isEqualTo(new DataNeeds(true, 366, 0, false, false, true, false));
      assertThat(needs("step-down"))
          .isEqualTo(new DataNeeds(true, 0, 4, true, false, false, false));
      assertThat(needs("settled-accommodation"))
          .isEqualTo(new DataNeeds(false, 0, 0, false, false, false, true));
    }

    private DataNeeds needs(String family) {
      return ENGINE.family(family).orElseThrow().needs();
    }

    @Test
    void needs_combine_field_by_field() {
      DataNeeds a = new DataNeeds(true, 0, 7, true, false, true, false);
      DataNeeds b = new DataNeeds(false, 9, 2, false, true, false, true);
      DataNeeds both = new DataNeeds(true, 9, 7, true, true, true, true);
      assertThat(a.union(b)).isEqualTo(both);
      assertThat(b.union(a)).isEqualTo(both);
      DataNeeds none = new DataNeeds(false, 0, 0, false, false, false, false);
      assertThat(none.union(none)).isEqualTo(none);
    }

    @Test
    void periods_by_month_and_the_months_of_a_range() {
      assertThat(Period.month(YearMonth.of(2024, 2)))
          .isEqualTo(new Period(LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-29")));
      assertThat(Period.months(YearMonth.of(2024, 11), YearMonth.of(2025, 1)))
          .extracting(Period::from)
          .containsExactly(
              LocalDate.parse("2024-11-01"),
              LocalDate.parse("2024-12-01"),
              LocalDate.parse("2025-01-01"));
      assertThat(Period.months(YearMonth.of(2025, 1), YearMonth.of(2025, 1))).hasSize(1);
      assertThat(Period.months(YearMonth.of(2025, 2), YearMonth.of(2025, 1))).isEmpty();
    }

    @Test
    void order_statistics_of_nothing_are_absent() {
      assertThat(Stats.median(List.of())).isNull();
      assertThat(Stats.percentile(List.of(), 0.9)).isNull();
      assertThat(Stats.median(List.of(4L))).isEqualTo(4.0);
    }

    @Test
    void a_report_carries_the_window_only_for_readmission_and_the_scope_only_for_oaps() {
      MetricData d = data(new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00"));
      MetricQuery q = q("2025-03-01", "2025-03-31", 14);
      MetricReport readmission = ENGINE.report(ENGINE.family("readmission").orElseThrow(), d, q);
      MetricReport oap = ENGINE.report(ENGINE.family("out-of-area").orElseThrow(), d, q);
      MetricReport los = ENGINE.report(ENGINE.family("length-of-stay").orElseThrow(), d, q);
      assertThat(readmission.window()).isEqualTo(14);
      assertThat(readmission.scope()).isNull();
      assertThat(oap.scope()).isEqualTo("adult-acute");
      assertThat(oap.window()).isNull();
      assertThat(los.window()).isNull();
      assertThat(los.scope()).isNull();
      assertThat(los.definition()).isEqualTo(ENGINE.family("length-of-stay").get().definition());
      assertThat(los.contributingRecords()).isEqualTo(1);
    }

    @Test
    void records_of_one_group_and_a_monthly_series() {
      J acute = new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00");
      J rehab =
          new J()
              .admit("2025-03-02T10:00", "21", J.ward("212", false, null, 3, "RXX"))
              .discharge("2025-04-10T10:00");
      MetricData d = data(acute, rehab);
      MetricFamily los = ENGINE.family("length-of-stay").orElseThrow();
      MetricQuery bySetting =
          new MetricQuery(
              new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-04-30")),
              Breakdown.SETTING_GROUP,
              28,
              "adult-acute",
              null);
      assertThat(ENGINE.records(los, d, bySetting, "other"))
          .extracting(r -> r.get("spellId"))
          .containsExactly(rehab.spell);
      assertThat(ENGINE.records(los, d, bySetting, null)).hasSize(2);
      MetricQuery plain = q("2025-03-01", "2025-04-30");
      assertThat(ENGINE.records(los, d, plain, "other")).hasSize(2);
      List<MetricReport> series =
          ENGINE.series(los, d, bySetting, YearMonth.of(2025, 3), YearMonth.of(2025, 4));
      assertThat(series).extracting(r -> r.period().from().getMonthValue()).containsExactly(3, 4);
      assertThat(series).extracting(MetricReport::contributingRecords).containsExactly(1, 1);
      assertThat(series.get(1).groups())
          .extracting(MetricReport.Group::key)
          .containsExactly("other");
    }
  }

  @Nested
  class CodeSets {
    final Settings s = new Settings(CodeCatalogue.loadBundled());

    @Test
    void each_code_set_is_read_from_the_code_lists() {
      assertThat(s.group("201")).isEqualTo(Settings.ADULT_ACUTE);
      assertThat(s.group("212")).isEqualTo(Settings.OTHER);
      assertThat(s.isAdultAcute("202")).isTrue();
      assertThat(s.isAdultAcute("205")).isFalse();
      assertThat(s.isAcuteFor72h("205")).isTrue();
      assertThat(s.isAcuteFor72h("300")).isFalse();
      assertThat(s.excludedFrom72h("1", "37")).isTrue();
      assertThat(s.excludedFrom72h("5", "19")).isTrue();
      assertThat(s.excludedFrom72h("1", "19")).isFalse();
      assertThat(s.excludedFromReadmissionIndex("7", "19")).isTrue();
      assertThat(s.excludedFromReadmissionIndex("1", "84")).isTrue();
      assertThat(s.excludedFromReadmissionIndex("1", "51")).isTrue(); // general hospital, §5
      assertThat(s.excludedFromReadmissionIndex("1", "37")).isFalse();
      assertThat(s.excludedFromReadmissionIndex("5", "19")).isFalse();
      assertThat(s.qualifiesForFollowUp("11")).isTrue();
      assertThat(s.qualifiesForFollowUp("09")).isFalse();
      assertThat(s.isEmergency("2B")).isTrue();
      assertThat(s.isEmergency("12")).isFalse();
      assertThat(s.isInappropriateOap("10")).isTrue();
      assertThat(s.isInappropriateOap("14")).isFalse();
    }
  }

  @Nested
  class LengthOfStayFigures {
    @Test
    void thresholds_at_32_60_and_90_days_include_the_boundary_day() {
      J[] js = new J[7];
      long[] los = {10, 32, 33, 59, 60, 89, 90};
      for (int i = 0; i < los.length; i++) {
        js[i] = new J().admit(daysBefore("2025-06-15", los[i])).discharge("2025-06-15T10:00");
      }
      Map<String, Double> f = all("length-of-stay", data(js), q("2025-06-01", "2025-06-30"));
      assertThat(f.get("discharges")).isEqualTo(7.0);
      assertThat(f.get("meanLos")).isEqualTo(53.3); // 373 / 7
      assertThat(f.get("medianLos")).isEqualTo(59.0);
      assertThat(f.get("p90Los")).isEqualTo(89.4); // rank 5.4, between 89 and 90
      assertThat(f.get("los60PlusShare")).isEqualTo(0.4286); // 60, 89, 90
      assertThat(f.get("los90PlusShare")).isEqualTo(0.1429); // 90
      assertThat(f.get("within32DaysShare")).isEqualTo(0.2857); // 10, 32
      assertThat(f.get("meanLosExcludingClinicallyReady")).isEqualTo(53.3); // no delays
    }

    @Test
    void no_discharges_give_no_mean_median_or_share() {
      Map<String, Double> f =
          all(
              "length-of-stay",
              data(new J().admit("2025-06-01T10:00")),
              q("2025-06-01", "2025-06-30"));
      assertThat(f.get("discharges")).isZero();
      assertThat(f.get("meanLos")).isNull();
      assertThat(f.get("medianLos")).isNull();
      assertThat(f.get("within32DaysShare")).isNull();
    }

    @Test
    void a_spell_with_any_out_of_area_stay_is_out_of_area() {
      J away =
          oap("2025-06-01T10:00", 40, "10")
              .transfer("2025-06-05T10:00", J.ward("200", false, null, 3, "RXX"))
              .discharge("2025-06-10T10:00");
      J home = new J().admit("2025-06-01T10:00").discharge("2025-06-10T10:00");
      Map<Object, Object> outOfArea = new HashMap<>();
      rows("length-of-stay", data(away, home), q("2025-06-01", "2025-06-30"))
          .forEach(r -> outOfArea.put(r.get("spellId"), r.get("outOfArea")));
      assertThat(outOfArea).containsEntry(away.spell, "yes").containsEntry(home.spell, "no");
    }
  }

  @Nested
  class BedDayFigures {
    @Test
    void leave_is_taken_from_the_stay_it_fell_in_and_an_open_leave_runs_to_the_period_end() {
      // stay A 1–10 March (9 nights) with leave 5–8 March (3); stay B from 10 March, open (22
      // nights in March) with leave from 20 March still open (12 nights to 31 March inclusive)
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .leave("2025-03-05T10:00", "2025-03-08T10:00")
              .transfer("2025-03-10T10:00", J.ward("201", false, null, 3, "RXX"))
              .leave("2025-03-20T10:00", null);
      MetricQuery march = q("2025-03-01", "2025-03-31");
      Map<String, Double> f = all("bed-days", data(j), march);
      assertThat(f.get("occupiedBedDays")).isEqualTo(31.0);
      assertThat(f.get("bedDaysLessLeave")).isEqualTo(16.0); // 31 - 3 - 12
      assertThat(f.get("censusAtPeriodEnd")).isEqualTo(1.0);
      assertThat(f.get("admissions")).isEqualTo(1.0);
      assertThat(f.get("discharges")).isZero();
      Map<Object, Long> leaveByStay = new HashMap<>();
      rows("bed-days", data(j), march).stream()
          .filter(r -> r.is("kind", "wardStay"))
          .forEach(r -> leaveByStay.put(r.get("setting"), r.num("leaveNights")));
      assertThat(leaveByStay).containsEntry("200", 3L).containsEntry("201", 12L);
    }

    @Test
    void a_ward_stay_with_no_night_in_the_period_is_not_a_record_of_it() {
      J j =
          new J()
              .admit("2025-02-20T10:00")
              .transfer("2025-03-01T10:00", J.ward("201", false, null, 3, "RXX"));
      List<Row> march = rows("bed-days", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(march.stream().filter(r -> r.is("kind", "wardStay")))
          .extracting(r -> r.get("setting"))
          .containsExactly("201");
    }

    @Test
    void the_census_counts_spells_still_in_hospital_after_the_last_day() {
      J later = new J().admit("2025-03-10T10:00").discharge("2025-04-05T10:00");
      J lastDay = new J().admit("2025-03-10T10:00").discharge("2025-03-31T10:00");
      J within = new J().admit("2025-03-10T10:00").discharge("2025-03-20T10:00");
      Map<String, Double> f =
          all("bed-days", data(later, lastDay, within), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("censusAtPeriodEnd")).isEqualTo(1.0);
      assertThat(f.get("discharges")).isEqualTo(2.0);
      assertThat(f.get("admissions")).isEqualTo(3.0);
      assertThat(f.get("occupiedBedDays")).isEqualTo(22.0 + 21 + 10);
    }
  }

  @Nested
  class DelayFigures {
    final J j =
        new J()
            .admit("2025-02-01T10:00")
            .ready("2025-02-10T09:00", "14", "01") // housing by reason
            .delayEnds("2025-03-05T10:00")
            .transfer("2025-03-15T10:00", J.ward("202", false, null, 3, "RXX"))
            .ready("2025-03-20T10:00", "01", "07"); // housing by agency, open
    final J k =
        new J()
            .admit("2025-03-01T10:00")
            .ready("2025-03-10T10:00", "01", "01") // not housing
            .discharge("2025-03-20T10:00");
    final J l = new J().admit("2025-03-01T10:00").ready("2025-03-31T10:00", "01", "01");
    final J m = new J().admit("2025-03-01T10:00").ready("2025-04-02T10:00", "01", "01");
    final J n =
        new J()
            .admit("2025-03-01T10:00")
            .ready("2025-03-25T10:00", "01", "01")
            .delayEnds("2025-04-03T10:00")
            .discharge("2025-04-10T10:00");
    final MetricQuery march = q("2025-03-01", "2025-03-31");

    @Test
    void every_figure_of_a_mixed_population() {
      Map<String, Double> f = all("delayed-discharge", data(j, k, l, m, n), march);
      // j: 1–4 March (4) + 21–31 March (11); k: 11–19 (9); l: opens on the last day (0);
      // m: starts in April (no record); n: 26–31 March (6)
      assertThat(f.get("delayDays")).isEqualTo(30.0);
      assertThat(f.get("delayPeriodsOpenAtPeriodEnd")).isEqualTo(3.0); // j's second, l, n
      assertThat(f.get("daysDelayedSoFarOfOpenPeriods")).isEqualTo(11.0 + 0 + 6);
      // occupied: j 31, k 19, l 31, m 31, n 31
      assertThat(f.get("delayDaysShareOfOccupiedBedDays")).isEqualTo(0.2098); // 30 / 143
    }

    @Test
    void each_delay_is_a_record_with_its_setting_at_its_start_and_its_housing_flag() {
      List<Row> rows = rows("delayed-discharge", data(j, k, l, m, n), march);
      assertThat(rows).hasSize(5);
      Map<Object, Row> byDelay = new HashMap<>();
      rows.forEach(r -> byDelay.put(r.get("delayId"), r));
      Row first = byDelay.get(delayOf(j, 0));
      Row second = byDelay.get(delayOf(j, 1));
      assertThat(first.get("setting")).isEqualTo("200");
      assertThat(first.get("housing")).isEqualTo("yes");
      assertThat(first.flag("openAtPeriodEnd")).isFalse();
      assertThat(first.num("daysDelayedSoFar")).isZero();
      assertThat(second.get("setting")).isEqualTo("202");
      assertThat(second.get("settingGroup")).isEqualTo("adult-acute");
      assertThat(second.get("housing")).isEqualTo("yes");
      assertThat(second.num("delayDays")).isEqualTo(11);
      assertThat(second.num("daysDelayedSoFar")).isEqualTo(11);
      Row kRow = byDelay.get(k.delay);
      assertThat(kRow.get("housing")).isEqualTo("no");
      assertThat(kRow.flag("openAtPeriodEnd")).isFalse();
      Row lRow = byDelay.get(l.delay);
      assertThat(lRow.flag("openAtPeriodEnd")).isTrue();
      assertThat(lRow.num("delayDays")).isZero();
      assertThat(byDelay.get(n.delay).flag("openAtPeriodEnd")).isTrue();
      assertThat(byDelay).doesNotContainKey(m.delay);
    }

    private UUID delayOf(J journey, int i) {
      return journey.facts.stream()
          .filter(f -> f instanceof org.pathway.domain.journey.ClinicallyReadyForDischarge)
          .map(org.pathway.domain.journey.Fact::factId)
          .toList()
          .get(i);
    }

    @Test
    void delays_are_ranked_by_start_date_whatever_order_they_are_given_in() {
      Spell.DelayPeriod later =
          new Spell.DelayPeriod(
              UUID.randomUUID(),
              LocalDate.parse("2025-03-09"),
              LocalDate.parse("2025-03-12"),
              "01",
              "04");
      Spell.DelayPeriod earlier =
          new Spell.DelayPeriod(
              UUID.randomUUID(),
              LocalDate.parse("2025-03-05"),
              LocalDate.parse("2025-03-08"),
              "14",
              "05");
      // earlier: first, loses its first day: 8 - 6 = 2; later starts 1 day after it: 12 - 9 = 3
      assertThat(
              DelayDays.perDelay(
                  new ArrayList<>(List.of(later, earlier)),
                  new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"))))
          .containsExactly(3L, 2L);
    }
  }

  @Nested
  class OutOfAreaFigures {
    final J p1 = oap("2025-03-02T10:00", 19, "10");
    final J p2 = oap("2025-03-03T10:00", 20, "10").discharge("2025-03-10T10:00");
    final J p3 = oap("2025-03-04T10:00", 49, "10");
    final J p4 = oap("2025-03-05T10:00", 50, "10");
    final J p5 = oap("2025-03-06T10:00", 99, "10");
    final J p6 = oap("2025-03-07T10:00", 100, "10");
    final J p7 = oap("2025-03-08T10:00", null, "11"); // appropriate, distance not known
    final J p8 =
        oap("2025-02-10T10:00", 5, "10")
            .transfer("2025-03-20T10:00", J.ward("200", false, null, 3, "RXX"));
    final MetricQuery march = q("2025-03-01", "2025-03-31");

    @Test
    void distance_bands_take_their_lower_bound_and_only_oaps_started_in_the_period() {
      Map<String, Double> f = all("out-of-area", data(p1, p2, p3, p4, p5, p6, p7, p8), march);
      assertThat(f.get("started")).isEqualTo(7.0);
      assertThat(f.get("activeAtPeriodEnd")).isEqualTo(6.0);
      assertThat(f.get("ended")).isEqualTo(2.0); // p2 by discharge, p8 by repatriation
      assertThat(f.get("repatriations")).isEqualTo(1.0);
      // 30 + 7 + 28 + 27 + 26 + 25 + 24 + 19
      assertThat(f.get("oapBedDays")).isEqualTo(186.0);
      assertThat(f.get("inappropriateOapBedDays")).isEqualTo(162.0); // all but p7's 24
      assertThat(f.get("meanDistanceKmOfStarted")).isEqualTo(56.2); // 337 / 6
      assertThat(f.get("medianDistanceKmOfStarted")).isEqualTo(49.5);
      assertThat(f.get("distance0to19")).isEqualTo(1.0);
      assertThat(f.get("distance20to49")).isEqualTo(2.0);
      assertThat(f.get("distance50to99")).isEqualTo(2.0);
      assertThat(f.get("distance100plus")).isEqualTo(1.0);
      // occupied: the OAP nights above, with p8's 31 nights in March
      assertThat(f.get("inappropriateOapBedDaysShareOfOccupiedBedDays"))
          .isEqualTo(0.8182); // 162/198
    }
  }

  @Nested
  class ReadmissionFigures {
    @Test
    void rates_and_the_median_days_of_emergency_readmissions() {
      J r1 =
          new J()
              .admit("2025-01-01T10:00")
              .discharge("2025-01-10T10:00")
              .admit("2025-03-01T10:00")
              .discharge("2025-03-05T10:00")
              .admit("2025-03-10T10:00"); // 5 days, emergency
      J r2 =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-06T10:00")
              .admit("2025-03-20T10:00", "12", J.ward("200", false, null, 3, "RXX")); // elective
      J r3 =
          new J().admit("2025-03-01T10:00").discharge("2025-03-07T10:00").admit("2025-04-10T10:00");
      J r4 = new J().admit("2025-03-01T10:00").discharge("2025-03-08T10:00");
      J r5 =
          new J().admit("2025-03-01T10:00").discharge("2025-03-09T10:00").admit("2025-03-16T10:00");
      Map<String, Double> f =
          all("readmission", data(r1, r2, r3, r4, r5), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("indexDischarges")).isEqualTo(5.0);
      assertThat(f.get("emergencyReadmissionRate")).isEqualTo(0.4); // r1, r5
      assertThat(f.get("anyReadmissionRate")).isEqualTo(0.6); // r1, r2, r5
      assertThat(f.get("medianDaysToEmergencyReadmission")).isEqualTo(6.0); // 5 and 7
      Row first = rows("readmission", data(r1), q("2025-03-01", "2025-03-31")).get(0);
      assertThat(first.num("daysToNextAdmission")).isEqualTo(5); // not the January spell
    }

    @Test
    void a_spell_is_never_its_own_next_admission() {
      J j = new J().admit("2025-03-12T10:00").discharge("2025-03-12T10:00");
      Map<String, Double> f = all("readmission", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("indexDischarges")).isEqualTo(1.0);
      assertThat(f.get("anyReadmissionRate")).isEqualTo(0.0);
      assertThat(f.get("medianDaysToEmergencyReadmission")).isNull();
    }
  }

  @Nested
  class FollowUpFigures {
    @Test
    void the_national_expectation_is_met_at_exactly_80_per_cent() {
      // shifted period 25 Feb – 27 Mar: f1..f5; unshifted March: f2..f7
      J f1 =
          new J()
              .admit("2025-02-01T10:00")
              .discharge("2025-02-26T10:00")
              .contact("2025-02-27T10:00", true, "01");
      J f2 = discharged("2025-03-10").contact("2025-03-12T10:00", true, "01");
      J f3 = discharged("2025-03-11").contact("2025-03-13T10:00", true, "02");
      J f4 = discharged("2025-03-12").contact("2025-03-14T10:00", true, "11");
      J f5 = discharged("2025-03-13");
      J f6 = discharged("2025-03-29");
      J f7 = discharged("2025-03-30").contact("2025-03-31T10:00", true, "01");
      Map<String, Double> f =
          all("follow-up-72h", data(f1, f2, f3, f4, f5, f6, f7), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("eligibleDischarges")).isEqualTo(5.0);
      assertThat(f.get("followedUp")).isEqualTo(4.0);
      assertThat(f.get("followUpRate")).isEqualTo(0.8);
      assertThat(f.get("meetsNationalExpectation80")).isEqualTo(1.0);
      assertThat(f.get("followUpRateUnshiftedPeriod")).isEqualTo(0.6667); // 4 of 6
      Map<String, Double> below =
          all("follow-up-72h", data(f1, f2, f3, f5, f6), q("2025-03-01", "2025-03-31"));
      assertThat(below.get("followUpRate")).isEqualTo(0.75);
      assertThat(below.get("meetsNationalExpectation80")).isEqualTo(0.0);
      Map<String, Double> none = all("follow-up-72h", data(f6), q("2025-05-01", "2025-05-31"));
      assertThat(none.get("followUpRate")).isNull();
      assertThat(none.get("meetsNationalExpectation80")).isNull();
    }

    private J discharged(String on) {
      return new J().admit("2025-02-20T10:00").discharge(on + "T10:00");
    }

    @Test
    void a_death_within_3_days_of_discharge_makes_it_ineligible_but_on_day_4_it_does_not() {
      J day3 = discharged("2025-03-10").death("2025-03-13T10:00");
      J day4 = discharged("2025-03-10").death("2025-03-14T10:00");
      MetricData d = data(day3, day4);
      // a death recorded twice (a duplicate from another system): the first one found is kept
      List<MetricData.Death> deaths = new ArrayList<>(d.deaths());
      deaths.add(new MetricData.Death(day3.serviceUser, LocalDate.parse("2025-03-30")));
      MetricData twice =
          new MetricData(d.spells(), d.placements(), d.contacts(), deaths, List.of(), d.today());
      assertThat(rows("follow-up-72h", twice, q("2025-03-01", "2025-03-31")))
          .extracting(r -> r.get("spellId"))
          .containsExactly(day4.spell);
    }
  }

  @Nested
  class TimeInCommunityFigures {
    @Test
    void the_365_day_cap_and_the_incomplete_window_are_exact_to_the_day() {
      // today (MetricDefinitionsTest.TODAY) is 2026-11-25
      J t1 =
          new J().admit("2025-10-01T10:00").discharge("2025-11-05T10:00").admit("2026-11-05T10:00");
      J t2 =
          new J().admit("2025-10-01T10:00").discharge("2025-11-06T10:00").admit("2026-11-05T10:00");
      J t3 = new J().admit("2025-10-01T10:00").discharge("2025-11-25T10:00");
      J t4 = new J().admit("2025-10-01T10:00").discharge("2025-11-26T10:00");
      J t5 =
          new J().admit("2025-10-01T10:00").discharge("2025-11-10T10:00").admit("2025-11-20T10:00");
      MetricQuery november = q("2025-11-01", "2025-11-30");
      Map<String, Double> f = all("time-in-community", data(t1, t2, t3, t4, t5), november);
      assertThat(f.get("people")).isEqualTo(5.0);
      assertThat(f.get("meanDaysInCommunity")).isEqualTo(293.8); // (365+364+365+365+10) / 5
      assertThat(f.get("readmittedWithin365")).isEqualTo(2.0); // t2, t5
      assertThat(f.get("meanDaysOfReadmitted")).isEqualTo(187.0); // (364 + 10) / 2
      assertThat(f.get("windowsNotYetComplete")).isEqualTo(1.0); // t4: 364 days so far
      Row capped = rows("time-in-community", data(t1), november).get(0);
      assertThat(capped.flag("readmittedWithin365")).isFalse();
      assertThat(capped.num("daysInCommunity")).isEqualTo(365);
    }
  }

  @Nested
  class StepDownFigures {
    @Test
    void every_figure_of_a_mixed_population() {
      J s1 =
          new J()
              .admitExpecting("2025-03-01T10:00", LocalDate.parse("2025-04-15"))
              .ready("2025-03-10T10:00", "14", "06")
              .discharge("2025-03-20T10:00");
      s1.stepDown("2025-03-20T15:00", s1.spell)
          .stepDownEnds("2025-03-25T10:00", StepDownOutcome.READMITTED);
      J s2 =
          new J()
              .admitExpecting("2025-03-01T10:00", LocalDate.parse("2025-04-15"))
              .ready("2025-03-10T10:00", "14", "06")
              .delayEnds("2025-03-15T10:00")
              .discharge("2025-03-18T10:00");
      s2.stepDown("2025-03-21T10:00", s2.spell); // not the day the delay ended: no bed days saved
      J s3 =
          new J()
              .stepDown("2025-02-10T10:00", null)
              .stepDownEnds("2025-03-05T10:00", StepDownOutcome.SETTLED_ACCOMMODATION);
      J s4 =
          new J()
              .stepDown("2025-02-01T10:00", null)
              .stepDownEnds("2025-03-10T10:00", StepDownOutcome.OTHER);
      J s5 = new J().stepDown("2025-03-05T10:00", null);
      J s6 = new J().stepDown("2025-04-05T10:00", null); // after the period
      Map<String, Double> f =
          all("step-down", data(s1, s2, s3, s4, s5, s6), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("started")).isEqualTo(3.0); // s1, s2, s5
      assertThat(f.get("ended")).isEqualTo(3.0); // s1, s3, s4
      assertThat(f.get("activeAtPeriodEnd")).isEqualTo(2.0); // s2, s5
      assertThat(f.get("meanLengthDaysOfEnded")).isEqualTo(21.7); // (5 + 23 + 37) / 3
      assertThat(f.get("medianLengthDaysOfEnded")).isEqualTo(23.0);
      assertThat(f.get("endedInSettledAccommodationShare")).isEqualTo(0.3333);
      assertThat(f.get("endedInReadmittedShare")).isEqualTo(0.3333);
      assertThat(f.get("endedInOtherShare")).isEqualTo(0.3333);
      assertThat(f.get("startedOnDischargeDateShare")).isEqualTo(0.3333); // s1
      assertThat(f.get("placementsWithBedDaysSaved")).isEqualTo(1.0);
      assertThat(f.get("bedDaysSaved")).isEqualTo(26.0); // 20 March to 15 April
    }
  }

  @Nested
  class SettledAccommodationFigures {
    @Test
    void the_latest_status_on_or_before_the_period_end_and_the_later_of_a_same_day_pair() {
      UUID u1 = UUID.randomUUID();
      UUID u2 = UUID.randomUUID();
      UUID u3 = UUID.randomUUID();
      List<MetricData.AccommodationStatus> statuses =
          List.of(
              status(u1, "2025-02-01", 10, "N", "A"),
              status(u1, "2025-03-10", 20, "Y", "B"),
              status(u1, "2025-04-05", 30, "N", "A"), // after the period
              status(u2, "2025-03-05", 40, "Y", "C"),
              status(u2, "2025-03-05", 35, "N", "D"), // same day, recorded before
              status(u3, "2025-03-31", 50, "N", null));
      MetricData d =
          new MetricData(
              List.of(), List.of(), List.of(), List.of(), statuses, LocalDate.parse("2026-11-25"));
      MetricQuery march = q("2025-03-01", "2025-03-31");
      Map<String, Double> f = all("settled-accommodation", d, march);
      assertThat(f.get("serviceUsersWithStatus")).isEqualTo(3.0);
      assertThat(f.get("settledShare")).isEqualTo(0.6667);
      Map<Object, Row> byUser = new HashMap<>();
      rows("settled-accommodation", d, march).forEach(r -> byUser.put(r.get("serviceUserId"), r));
      assertThat(byUser.get(u1).get("accommodationType")).isEqualTo("B");
      assertThat(byUser.get(u1).get("statusOn")).isEqualTo(LocalDate.parse("2025-03-10"));
      assertThat(byUser.get(u2).get("accommodationType")).isEqualTo("C");
      assertThat(byUser.get(u2).flag("settled")).isTrue();
      assertThat(byUser.get(u3).get("accommodationType")).isEqualTo("not stated");
      assertThat(byUser.get(u3).get("settledIndicator")).isEqualTo("N");
      assertThat(byUser.get(u3).flag("settled")).isFalse();
    }

    private MetricData.AccommodationStatus status(
        UUID user, String on, long seq, String settled, String type) {
      return new MetricData.AccommodationStatus(user, LocalDate.parse(on), seq, settled, type);
    }
  }
}
