package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.DeathRecorded;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.FactCorrected;
import org.pathway.domain.journey.FieldChanges;
import org.pathway.domain.journey.StepDownOutcome;
import org.pathway.projections.journey.JourneyDerivation;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;

/** Each definition of shared/domain/metrics.md against hand-computed cases, edge cases first. */
class MetricDefinitionsTest {
  static final MetricsEngine ENGINE = new MetricsEngine(CodeCatalogue.loadBundled());
  static final LocalDate TODAY = LocalDate.parse("2026-11-25");

  static MetricData data(J... journeys) {
    List<Spell> spells = new ArrayList<>();
    List<Placement> placements = new ArrayList<>();
    List<MetricData.Contact> contacts = new ArrayList<>();
    List<MetricData.Death> deaths = new ArrayList<>();
    List<MetricData.AccommodationStatus> accommodation = new ArrayList<>();
    long seq = 0; // the order of first recording, as fact_version.first_index
    for (J j : journeys) {
      JourneyDerivation.Derived d = JourneyDerivation.derive(j.facts);
      spells.addAll(d.spells().values());
      placements.addAll(d.placements().values());
      for (Fact f : j.facts) {
        seq++;
        if (f instanceof CommunityContactRecorded c) {
          contacts.add(MetricData.Contact.of(c));
        } else if (f instanceof DeathRecorded d2) {
          deaths.add(MetricData.Death.of(d2));
        } else if (f instanceof org.pathway.domain.journey.AccommodationStatusRecorded a) {
          accommodation.add(MetricData.AccommodationStatus.of(a, seq));
        }
      }
    }
    return new MetricData(spells, placements, contacts, deaths, accommodation, TODAY);
  }

  static MetricQuery q(String from, String to) {
    return new MetricQuery(
        new Period(LocalDate.parse(from), LocalDate.parse(to)), null, 28, "adult-acute", null);
  }

  static MetricQuery q(String from, String to, int window) {
    return new MetricQuery(
        new Period(LocalDate.parse(from), LocalDate.parse(to)), null, window, "adult-acute", null);
  }

  static Map<String, Double> figures(String metric, MetricData data, MetricQuery query) {
    MetricReport r = ENGINE.report(ENGINE.family(metric).orElseThrow(), data, query);
    return r.total().figures().stream()
        .filter(f -> f.value() != null)
        .collect(Collectors.toMap(Figure::name, Figure::value));
  }

  static List<Row> rows(String metric, MetricData data, MetricQuery query) {
    return ENGINE.records(ENGINE.family(metric).orElseThrow(), data, query, null);
  }

  @Nested
  class NightsFunction {
    @Test
    void an_open_stay_runs_to_the_end_of_the_period_and_a_stay_spanning_both_ends_is_clipped() {
      Period march = new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"));
      assertThat(Nights.inPeriod(LocalDate.parse("2025-02-20"), null, march)).isEqualTo(31);
      assertThat(
              Nights.inPeriod(LocalDate.parse("2025-02-20"), LocalDate.parse("2025-04-10"), march))
          .isEqualTo(31);
      assertThat(
              Nights.inPeriod(LocalDate.parse("2025-03-31"), LocalDate.parse("2025-04-01"), march))
          .isEqualTo(1);
      assertThat(Nights.inPeriod(LocalDate.parse("2025-04-01"), null, march)).isZero();
      assertThat(
              Nights.inPeriod(LocalDate.parse("2025-03-05"), LocalDate.parse("2025-03-05"), march))
          .isZero();
    }

    @Test
    void los_equals_the_sum_of_monthly_bed_days() {
      J j = new J().admit("2025-01-20T10:00").discharge("2025-03-03T09:00");
      long los = rows("length-of-stay", data(j), q("2025-03-01", "2025-03-31")).get(0).num("los");
      long sum = 0;
      for (String[] m :
          new String[][] {
            {"2025-01-01", "2025-01-31"}, {"2025-02-01", "2025-02-28"}, {"2025-03-01", "2025-03-31"}
          }) {
        sum += figures("bed-days", data(j), q(m[0], m[1])).get("occupiedBedDays").longValue();
      }
      assertThat(los).isEqualTo(42).isEqualTo(sum);
    }
  }

  @Nested
  class LengthOfStay {
    @Test
    void a_same_day_discharge_has_los_0() {
      J j = new J().admit("2025-03-10T09:00").discharge("2025-03-10T17:00");
      Map<String, Double> f = figures("length-of-stay", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("discharges")).isEqualTo(1.0);
      assertThat(f.get("meanLos")).isEqualTo(0.0);
    }

    @Test
    void days_are_london_dates_across_the_spring_and_autumn_clock_changes() {
      // 29 Mar 23:30 GMT to 31 Mar 00:30 BST: two London dates apart although only 24 hours pass
      J spring = new J().admit("2025-03-29T23:30").discharge("2025-03-31T00:30");
      // 25 Oct 23:30 BST to 27 Oct 00:30 GMT: 26 hours, still two dates
      J autumn = new J().admit("2025-10-25T23:30").discharge("2025-10-27T00:30");
      assertThat(
              rows("length-of-stay", data(spring), q("2025-03-01", "2025-03-31")).get(0).num("los"))
          .isEqualTo(2);
      assertThat(
              rows("length-of-stay", data(autumn), q("2025-10-01", "2025-10-31")).get(0).num("los"))
          .isEqualTo(2);
      assertThat(
              figures("bed-days", data(autumn), q("2025-10-26", "2025-10-26"))
                  .get("occupiedBedDays"))
          .isEqualTo(1.0);
    }

    @Test
    void open_spells_are_not_counted_and_figures_follow_percentile_cont() {
      J[] js = {
        new J().admit("2025-03-01T10:00").discharge("2025-03-03T10:00"), // 2
        new J().admit("2025-02-01T10:00").discharge("2025-03-05T10:00"), // 32
        new J().admit("2025-01-01T10:00").discharge("2025-03-06T10:00"), // 64
        new J().admit("2024-12-01T10:00").discharge("2025-03-11T10:00"), // 100
        new J().admit("2025-03-01T10:00") // open
      };
      Map<String, Double> f = figures("length-of-stay", data(js), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("discharges")).isEqualTo(4.0);
      assertThat(f.get("meanLos")).isEqualTo(49.5);
      assertThat(f.get("medianLos")).isEqualTo(48.0);
      assertThat(f.get("p90Los")).isEqualTo(89.2); // 64 + 0.7 * (100 - 64)
      assertThat(f.get("los60PlusShare")).isEqualTo(0.5);
      assertThat(f.get("los90PlusShare")).isEqualTo(0.25);
      assertThat(f.get("within32DaysShare")).isEqualTo(0.5);
    }

    @Test
    void los_excluding_clinically_ready_days_subtracts_delay_days() {
      // admitted 1 Mar, ready 10 Mar, discharged 20 Mar: delay days 20 - 11 = 9; LOS 19; excluding
      // 10
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-10T10:00", "14", "05")
              .discharge("2025-03-20T10:00");
      Row r = rows("length-of-stay", data(j), q("2025-03-01", "2025-03-31")).get(0);
      assertThat(r.num("los")).isEqualTo(19);
      assertThat(r.num("clinicallyReadyDays")).isEqualTo(9);
      assertThat(r.num("losExcludingClinicallyReady")).isEqualTo(10);
    }

    @Test
    void a_corrected_admission_date_changes_los_and_a_voided_discharge_reopens_the_spell() {
      J j = new J().admit("2025-03-01T10:00").discharge("2025-03-20T10:00");
      Fact admission = j.facts.get(0);
      j.facts.set(
          0, admission.amend(new FieldChanges(Map.of("occurredAt", "2025-03-05T10:00:00Z"))));
      assertThat(rows("length-of-stay", data(j), q("2025-03-01", "2025-03-31")).get(0).num("los"))
          .isEqualTo(15);
      j.facts.remove(1); // the discharge entered in error
      assertThat(rows("length-of-stay", data(j), q("2025-03-01", "2025-03-31"))).isEmpty();
      assertThat(
              figures("bed-days", data(j), q("2025-03-01", "2025-03-31")).get("censusAtPeriodEnd"))
          .isEqualTo(1.0);
    }
  }

  @Nested
  class BedDaysAndCensus {
    @Test
    void stays_spanning_the_period_start_and_end_count_only_nights_inside() {
      J before =
          new J().admit("2025-02-25T10:00").discharge("2025-03-03T10:00"); // 2 nights in March
      J after =
          new J().admit("2025-03-29T10:00").discharge("2025-04-04T10:00"); // 3 nights in March
      J both = new J().admit("2025-02-01T10:00"); // open: 31
      Map<String, Double> f =
          figures("bed-days", data(before, after, both), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("occupiedBedDays")).isEqualTo(36.0);
      assertThat(f.get("censusAtPeriodEnd")).isEqualTo(2.0);
      assertThat(f.get("admissions")).isEqualTo(1.0);
      assertThat(f.get("discharges")).isEqualTo(1.0);
    }

    @Test
    void leave_across_midnight_takes_one_night_off() {
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .leave("2025-03-10T18:00", "2025-03-11T09:00")
              .discharge("2025-03-20T10:00");
      Map<String, Double> f = figures("bed-days", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("occupiedBedDays")).isEqualTo(19.0);
      assertThat(f.get("bedDaysLessLeave")).isEqualTo(18.0);
    }

    @Test
    void a_ward_transfer_splits_bed_days_by_setting_without_ending_the_spell() {
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .transfer("2025-03-05T10:00", J.ward("212", false, null, 3, "RXX"))
              .discharge("2025-03-10T10:00");
      MetricQuery q =
          new MetricQuery(
              new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31")),
              Breakdown.SETTING,
              28,
              "adult-acute",
              null);
      MetricReport r = ENGINE.report(ENGINE.family("bed-days").orElseThrow(), data(j), q);
      Map<String, Double> bySetting =
          r.groups().stream()
              .collect(Collectors.toMap(MetricReport.Group::key, g -> g.figures().get(0).value()));
      assertThat(bySetting).containsEntry("200", 4.0).containsEntry("212", 5.0);
      assertThat(rows("length-of-stay", data(j), q("2025-03-01", "2025-03-31")).get(0).num("los"))
          .isEqualTo(9);
    }
  }

  @Nested
  class DelayedDischargeDays {
    private long delayDays(J j, String from, String to) {
      return figures("delayed-discharge", data(j), q(from, to)).get("delayDays").longValue();
    }

    @Test
    void a_single_day_delay_counts_zero() {
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-10T09:00", "14", "05")
              .delayEnds("2025-03-10T17:00")
              .discharge("2025-03-20T10:00");
      assertThat(delayDays(j, "2025-03-01", "2025-03-31")).isZero();
    }

    @Test
    void the_first_day_of_a_delay_starting_in_the_period_is_not_counted() {
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-10T09:00", "14", "05")
              .discharge("2025-03-20T10:00");
      assertThat(delayDays(j, "2025-03-01", "2025-03-31")).isEqualTo(9);
    }

    @Test
    void a_delay_that_started_before_the_period_counts_from_the_period_start() {
      J j =
          new J()
              .admit("2025-02-01T10:00")
              .ready("2025-02-20T09:00", "14", "05")
              .discharge("2025-03-05T10:00");
      assertThat(delayDays(j, "2025-03-01", "2025-03-31")).isEqualTo(4); // 1,2,3,4 March
      assertThat(delayDays(j, "2025-02-01", "2025-02-28")).isEqualTo(8); // 21..28 Feb
    }

    @Test
    void consecutive_delay_periods_join_and_a_gap_restarts_the_first_day_rule() {
      J adjacent =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-05T10:00", "14", "05")
              .delayEnds("2025-03-08T10:00")
              .ready("2025-03-09T10:00", "01", "04")
              .discharge("2025-03-12T10:00");
      // first: 6..8 = 2 days (8-6); second starts 1 day after: not shifted, 12-9 = 3
      assertThat(delayDays(adjacent, "2025-03-01", "2025-03-31")).isEqualTo(5);
      J gap =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-05T10:00", "14", "05")
              .delayEnds("2025-03-08T10:00")
              .ready("2025-03-15T10:00", "01", "04")
              .discharge("2025-03-18T10:00");
      // second starts 7 days later: shifted, 18-16 = 2
      assertThat(delayDays(gap, "2025-03-01", "2025-03-31")).isEqualTo(4);
    }

    @Test
    void a_same_date_delay_is_dropped_before_ranking_so_it_is_no_previous_period() {
      // the same-date period on 8 March is dropped first: the period from the 9th is then the
      // spell's first delay and loses its first day (12 - 10 = 2); were the same-date period
      // ranked, the 9th would start 1 day after it ended and count 12 - 9 = 3
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-08T09:00", "14", "05")
              .delayEnds("2025-03-08T17:00")
              .ready("2025-03-09T10:00", "01", "04")
              .discharge("2025-03-12T10:00");
      assertThat(delayDays(j, "2025-03-01", "2025-03-31")).isEqualTo(2);
      // and it does not make a later period "first": 5..7 counts 7 - 6 = 1, the same-date 8th is
      // dropped, the 9th starts 2 days after the 7th ended, so it loses its first day too: 12 - 10
      J k =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-05T09:00", "14", "05")
              .delayEnds("2025-03-07T09:00")
              .ready("2025-03-08T09:00", "14", "05")
              .delayEnds("2025-03-08T17:00")
              .ready("2025-03-09T10:00", "01", "04")
              .discharge("2025-03-12T10:00");
      assertThat(delayDays(k, "2025-03-01", "2025-03-31")).isEqualTo(1 + 2);
    }

    @Test
    void an_open_delay_at_period_end_counts_to_the_period_end_and_is_reported_open() {
      J j = new J().admit("2025-03-01T10:00").ready("2025-03-25T10:00", "14", "05");
      Map<String, Double> f = figures("delayed-discharge", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("delayDays")).isEqualTo(6.0); // 26..31
      assertThat(f.get("delayPeriodsOpenAtPeriodEnd")).isEqualTo(1.0);
      assertThat(f.get("delayDaysShareOfOccupiedBedDays")).isEqualTo(0.1935); // 6 / 31
    }
  }

  @Nested
  class OutOfArea {
    @Test
    void an_oap_repatriated_mid_spell_ends_at_the_transfer() {
      J j =
          new J()
              .admit("2025-03-02T22:00", "21", J.ward("200", true, "10", 212, "NQX"))
              .transfer("2025-03-09T14:00", J.ward("200", false, null, 4, "RXX"))
              .discharge("2025-03-20T10:00");
      Map<String, Double> f = figures("out-of-area", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("started")).isEqualTo(1.0);
      assertThat(f.get("ended")).isEqualTo(1.0);
      assertThat(f.get("repatriations")).isEqualTo(1.0);
      assertThat(f.get("activeAtPeriodEnd")).isEqualTo(0.0);
      assertThat(f.get("oapBedDays")).isEqualTo(7.0);
      assertThat(f.get("inappropriateOapBedDays")).isEqualTo(7.0);
      assertThat(f.get("inappropriateOapBedDaysShareOfOccupiedBedDays"))
          .isEqualTo(0.3889); // 7 / 18
      assertThat(f.get("distance100plus")).isEqualTo(1.0);
    }

    @Test
    void an_oap_keeps_the_setting_reason_provider_and_distance_of_its_start_through_transfers() {
      // out of area in adult acute (reason 10, 212 km), then moved out of area to rehabilitation
      // (212, reason 11, 40 km): one OAP, inappropriate, adult acute at start, so in national scope
      J j =
          new J()
              .admit("2025-03-02T10:00", "21", J.ward("200", true, "10", 212, "NQX"))
              .transfer("2025-03-09T10:00", J.ward("212", true, "11", 40, "NQY"))
              .discharge("2025-03-20T10:00");
      MetricData d = data(j);
      Map<String, Double> f = figures("out-of-area", d, q("2025-03-01", "2025-03-31"));
      assertThat(f.get("started")).isEqualTo(1.0);
      assertThat(f.get("ended")).isEqualTo(1.0);
      assertThat(f.get("repatriations")).isEqualTo(0.0);
      assertThat(f.get("oapBedDays")).isEqualTo(18.0); // 2..20 March
      assertThat(f.get("inappropriateOapBedDays")).isEqualTo(18.0);
      assertThat(f.get("distance100plus")).isEqualTo(1.0);
      List<Row> r = rows("out-of-area", d, q("2025-03-01", "2025-03-31"));
      assertThat(r).hasSize(1);
      assertThat(r.get(0).get("setting")).isEqualTo("200");
      assertThat(r.get(0).get("reason")).isEqualTo("10");
      assertThat(r.get(0).get("receivingProvider")).isEqualTo("NQX");
      // the reverse: out of area in rehabilitation first, then adult acute out of area: not in
      // national scope at all, because the setting at start is not adult acute
      J k =
          new J()
              .admit("2025-03-02T10:00", "21", J.ward("212", true, "10", 60, "NQZ"))
              .transfer("2025-03-09T10:00", J.ward("200", true, "10", 60, "NQZ"))
              .discharge("2025-03-20T10:00");
      Map<String, Double> g = figures("out-of-area", data(k), q("2025-03-01", "2025-03-31"));
      assertThat(g.get("started")).isEqualTo(0.0);
      assertThat(g.get("oapBedDays")).isEqualTo(0.0);
    }

    @Test
    void an_appropriate_oap_is_not_inappropriate_and_non_acute_oaps_are_out_of_national_scope() {
      J safeguarding =
          new J().admit("2025-03-01T10:00", "21", J.ward("200", true, "11", 30, "NQY"));
      J rehab = new J().admit("2025-03-01T10:00", "21", J.ward("212", true, "10", 60, "NQZ"));
      Map<String, Double> f =
          figures("out-of-area", data(safeguarding, rehab), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("activeAtPeriodEnd")).isEqualTo(1.0);
      assertThat(f.get("inappropriateOapBedDays")).isEqualTo(0.0);
      MetricQuery all =
          new MetricQuery(
              new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31")),
              null,
              28,
              "all",
              null);
      assertThat(figures("out-of-area", data(safeguarding, rehab), all).get("activeAtPeriodEnd"))
          .isEqualTo(2.0);
    }
  }

  @Nested
  class Readmissions {
    @Test
    void discharge_and_readmission_on_the_same_day_is_a_readmission_after_0_days() {
      J j =
          new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00").admit("2025-03-10T22:00");
      Row r = rows("readmission", data(j), q("2025-03-01", "2025-03-31")).get(0);
      assertThat(r.num("daysToNextAdmission")).isZero();
      assertThat(r.flag("readmittedEmergency")).isTrue();
    }

    @Test
    void the_window_is_days_0_to_w_minus_1_and_any_setting_counts() {
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-10T10:00")
              .admit(
                  "2025-04-07T10:00",
                  "2D",
                  J.ward("212", false, null, 3, "RXX")); // 28 days later, rehab
      assertThat(
              rows("readmission", data(j), q("2025-03-01", "2025-03-31", 28))
                  .get(0)
                  .flag("readmittedEmergency"))
          .isFalse();
      assertThat(
              rows("readmission", data(j), q("2025-03-01", "2025-03-31", 30))
                  .get(0)
                  .flag("readmittedEmergency"))
          .isTrue();
    }

    @Test
    void an_elective_readmission_counts_only_as_any_method() {
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-10T10:00")
              .admit("2025-03-12T10:00", "11", J.ward("200", false, null, 3, "RXX"));
      Map<String, Double> f = figures("readmission", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("emergencyReadmissionRate")).isEqualTo(0.0);
      assertThat(f.get("anyReadmissionRate")).isEqualTo(1.0);
    }

    @Test
    void a_discharge_to_another_hospital_or_by_death_is_not_an_index_discharge() {
      J transfer = new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00", "1", "53");
      J died = new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00", "4", "79");
      J self = new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00", "6", "19");
      assertThat(rows("readmission", data(transfer, died, self), q("2025-03-01", "2025-03-31")))
          .isEmpty();
    }

    @Test
    void a_readmission_after_the_period_end_still_counts() {
      J j =
          new J().admit("2025-03-01T10:00").discharge("2025-03-30T10:00").admit("2025-04-05T10:00");
      assertThat(
              figures("readmission", data(j), q("2025-03-01", "2025-03-31"))
                  .get("emergencyReadmissionRate"))
          .isEqualTo(1.0);
    }
  }

  @Nested
  class FollowUp {
    @Test
    void indirect_contacts_never_follow_up_and_video_does() {
      // codes/contact-medium.csv: email (05), text (09), instant messaging (10), message board
      // (12), chat room (13) and other (98) are indirect; video (11) qualifies
      List<J> indirect = new ArrayList<>();
      for (String medium : List.of("05", "09", "10", "12", "13", "98")) {
        indirect.add(
            new J()
                .admit("2025-03-01T10:00")
                .discharge("2025-03-10T10:00")
                .contact("2025-03-11T10:00", true, medium));
      }
      J video =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-10T10:00")
              .contact("2025-03-11T10:00", true, "11");
      Map<String, Double> none =
          figures("follow-up-72h", data(indirect.toArray(J[]::new)), q("2025-03-05", "2025-04-04"));
      assertThat(none.get("eligibleDischarges")).isEqualTo(6.0);
      assertThat(none.get("followedUp")).isEqualTo(0.0);
      assertThat(
              figures("follow-up-72h", data(video), q("2025-03-05", "2025-04-04"))
                  .get("followedUp"))
          .isEqualTo(1.0);
    }

    @Test
    void an_attended_contact_on_days_1_to_3_follows_up_but_not_on_the_same_day_or_day_4() {
      J day0 =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-10T10:00")
              .contact("2025-03-10T16:00", true, "01");
      J day3 =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-10T10:00")
              .contact("2025-03-13T23:00", true, "02");
      J day4 =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-10T10:00")
              .contact("2025-03-14T09:00", true, "01");
      J missed =
          new J()
              .admit("2025-03-01T10:00")
              .discharge("2025-03-10T10:00")
              .contact("2025-03-11T09:00", false, "01");
      List<Row> rows =
          rows("follow-up-72h", data(day0, day3, day4, missed), q("2025-03-05", "2025-03-18"));
      assertThat(rows).hasSize(4).allMatch(r -> r.flag("inShiftedPeriod"));
      assertThat(rows.stream().filter(r -> r.flag("followedUp")).count()).isEqualTo(1);
    }

    @Test
    void the_national_figure_uses_the_period_shifted_back_4_days() {
      J j =
          new J()
              .admit("2025-02-20T10:00")
              .discharge("2025-02-26T10:00")
              .contact("2025-02-27T10:00", true, "01");
      Map<String, Double> march = figures("follow-up-72h", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(march.get("eligibleDischarges")).isEqualTo(1.0); // 26 Feb is in 25 Feb .. 27 Mar
      assertThat(march.get("followUpRate")).isEqualTo(1.0);
      assertThat(march)
          .doesNotContainKey("followUpRateUnshiftedPeriod"); // no discharges in March itself
    }

    @Test
    void a_readmission_on_days_1_to_3_is_the_follow_up() {
      J j =
          new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00").admit("2025-03-12T10:00");
      assertThat(
              rows("follow-up-72h", data(j), q("2025-03-05", "2025-03-18"))
                  .get(0)
                  .flag("followedUp"))
          .isTrue();
    }

    @Test
    void
        a_death_within_3_days_a_discharge_to_another_hospital_and_a_non_acute_setting_are_not_eligible() {
      J died =
          new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00").death("2025-03-12T10:00");
      J hospital = new J().admit("2025-03-01T10:00").discharge("2025-03-10T10:00", "1", "50");
      J eatingDisorder =
          new J()
              .admit("2025-03-01T10:00", "21", J.ward("203", false, null, 3, "RXX"))
              .discharge("2025-03-10T10:00");
      assertThat(
              rows(
                  "follow-up-72h",
                  data(died, hospital, eatingDisorder),
                  q("2025-03-05", "2025-03-18")))
          .isEmpty();
    }
  }

  @Nested
  class Community {
    @Test
    void time_in_community_counts_to_the_next_admission_or_365() {
      J back =
          new J().admit("2025-01-01T10:00").discharge("2025-03-10T10:00").admit("2025-04-09T10:00");
      J stays = new J().admit("2024-01-01T10:00").discharge("2024-03-10T10:00");
      Map<String, Double> f =
          figures("time-in-community", data(back), q("2025-03-01", "2025-03-31"));
      assertThat(f.get("meanDaysInCommunity")).isEqualTo(30.0);
      Map<String, Double> g =
          figures("time-in-community", data(stays), q("2024-03-01", "2024-03-31"));
      assertThat(g.get("meanDaysInCommunity")).isEqualTo(365.0);
      assertThat(g.get("windowsNotYetComplete")).isEqualTo(0.0);
    }

    @Test
    void step_down_placements_report_outcomes_and_use_as_intended() {
      J j =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-10T10:00", "14", "06")
              .discharge("2025-03-20T10:00");
      j.stepDown("2025-03-20T15:00", j.spell)
          .stepDownEnds("2025-05-20T10:00", StepDownOutcome.SETTLED_ACCOMMODATION);
      Map<String, Double> march = figures("step-down", data(j), q("2025-03-01", "2025-03-31"));
      assertThat(march.get("started")).isEqualTo(1.0);
      assertThat(march.get("activeAtPeriodEnd")).isEqualTo(1.0);
      assertThat(march.get("startedOnDischargeDateShare")).isEqualTo(1.0);
      Map<String, Double> may = figures("step-down", data(j), q("2025-05-01", "2025-05-31"));
      assertThat(may.get("ended")).isEqualTo(1.0);
      assertThat(may.get("meanLengthDaysOfEnded")).isEqualTo(61.0);
      assertThat(may.get("endedInSettledAccommodationShare")).isEqualTo(1.0);
    }

    @Test
    void bed_days_saved_needs_an_expected_discharge_date() {
      J j =
          new J()
              .admitExpecting("2025-03-01T10:00", LocalDate.parse("2025-04-15"))
              .ready("2025-03-10T10:00", "14", "06")
              .discharge("2025-03-20T10:00");
      j.stepDown("2025-03-20T15:00", j.spell);
      assertThat(figures("step-down", data(j), q("2025-03-01", "2025-03-31")).get("bedDaysSaved"))
          .isEqualTo(26.0);
      J without =
          new J()
              .admit("2025-03-01T10:00")
              .ready("2025-03-10T10:00", "14", "06")
              .discharge("2025-03-20T10:00");
      without.stepDown("2025-03-20T15:00", without.spell);
      assertThat(
              figures("step-down", data(without), q("2025-03-01", "2025-03-31"))
                  .get("placementsWithBedDaysSaved"))
          .isEqualTo(0.0);
    }
  }

  @Test
  void a_correction_event_is_applied_like_the_aggregate_applies_it() {
    J j = new J().admit("2025-03-01T10:00").discharge("2025-03-20T10:00");
    FactCorrected c =
        new FactCorrected(
            j.serviceUser,
            java.util.UUID.randomUUID(),
            J.t("2025-04-01T10:00"),
            j.facts.get(1).factId(),
            Map.of("occurredAt", "2025-03-22T10:00:00Z"),
            "typo");
    j.facts.set(1, j.facts.get(1).amend(new FieldChanges(c.changes())));
    assertThat(rows("length-of-stay", data(j), q("2025-03-01", "2025-03-31")).get(0).num("los"))
        .isEqualTo(21);
  }
}
