package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pathway.domain.journey.Admitted;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.FieldChanges;
import org.pathway.projections.journey.JourneyDerivation;
import org.pathway.projections.journey.Spell;

/**
 * The aggregates against the calculators they stand in for (the oracle): on generated populations,
 * for many periods, breakdowns and windows, the figures from the contributions' cells are exactly
 * those computed from the records; and the deltas of a journey learnt fact by fact add up to the
 * contributions of the whole journey.
 */
class MetricAggregatesTest {
  private static final MetricsEngine ENGINE = MetricDefinitionsTest.ENGINE;
  private static final MetricAggregates AGGREGATES = new MetricAggregates(ENGINE);
  private static final String[] SCOPES = {"all", "adult-acute"};
  private static final java.time.Instant AS_AT_TODAY = J.t(MetricDefinitionsTest.TODAY + "T12:00");
  private static final String[] BEDS = {"200", "201", "202", "203", "300", "10"};
  private static final String[] ADMISSION = {"21", "2A", "11", "12", "24", "81"};
  private static final String[] METHOD = {"1", "1", "1", "2", "4", "6", "9"};
  private static final String[] DESTINATION = {"19", "19", "19", "48", "51", "79", "29"};
  private static final String[] LEGAL = {"01", "02", "03", "04"};
  private static final String[] MEDIUM = {"01", "01", "02", "04", "05", "06"};
  private static final String[] OAP_REASON = {"10", "10", "11", "12", "13"};
  private static final Integer[] KM = {null, 0, 5, 19, 20, 49, 50, 99, 100, 250};
  private static final String[] PROVIDER = {"RXX", "RYY", "RZZ"};
  private static final String[] DELAY_REASON = {"A2", "14", "32", "B1"};
  private static final String[] AGENCY = {"01", "07", "04"};
  private static final String[] SCHEME = {"STEP-1", "STEP-2", null};
  private static final String[] HOUSING = {"HOUSING-A", "HOUSING-B"};
  private static final String[] ACCOMMODATION = {"01", "02", "06", null};

  /** A ward: out of area at times, with its reason, distance and provider. */
  private static org.pathway.domain.journey.WardPlacement ward(String bed, Random random) {
    return J.ward(
        bed,
        random.nextInt(4) == 0,
        OAP_REASON[random.nextInt(OAP_REASON.length)],
        KM[random.nextInt(KM.length)],
        PROVIDER[random.nextInt(PROVIDER.length)]);
  }

  /** A service user's facts: one to four spells, some discharged, some corrected. */
  private static List<Fact> journey(Random random) {
    J j = new J();
    LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700));
    int spells = 1 + random.nextInt(4);
    for (int i = 0; i < spells; i++) {
      String bed = BEDS[random.nextInt(BEDS.length)];
      int los = random.nextInt(3) == 0 ? random.nextInt(200) : random.nextInt(40);
      // an expected discharge date at times, before or after the real one (bed days saved)
      LocalDate expected =
          random.nextInt(3) == 0 ? day.plusDays(los - 5 + random.nextInt(40)) : null;
      j.spell = UUID.randomUUID();
      j.facts.add(
          new Admitted(
              j.serviceUser,
              j.spell,
              at(day, random),
              UUID.randomUUID(),
              ADMISSION[random.nextInt(ADMISSION.length)],
              "19",
              LEGAL[random.nextInt(LEGAL.length)],
              ward(bed, random),
              expected));
      if (random.nextInt(4) == 0) {
        LocalDate moved = day.plusDays(random.nextInt(los + 1));
        j.transfer(moved + "T12:00", ward(BEDS[random.nextInt(BEDS.length)], random));
        LocalDate back = moved.plusDays(1 + random.nextInt(3)); // an OAP ended, or begun
        if (random.nextInt(3) == 0 && back.isBefore(day.plusDays(los))) {
          j.transfer(back + "T11:00", ward(BEDS[random.nextInt(BEDS.length)], random));
        }
      }
      if (random.nextInt(3) == 0 && los > 3) { // delays: same-date, adjacent, separate, open
        LocalDate discharged = day.plusDays(los);
        LocalDate next = day.plusDays(1 + random.nextInt(los / 2));
        for (int k = random.nextInt(3); k >= 0 && next.isBefore(discharged); k--) {
          j.ready(
              next + "T09:00",
              DELAY_REASON[random.nextInt(DELAY_REASON.length)],
              AGENCY[random.nextInt(AGENCY.length)]);
          LocalDate end = next.plusDays(random.nextInt(6));
          if (!end.isBefore(discharged) || random.nextInt(4) == 0) {
            break; // open until the discharge
          }
          j.delayEnds(end + "T17:00");
          next = end.plusDays(random.nextInt(4));
        }
      }
      if (random.nextInt(3) == 0 && los > 4) { // home leave, across a ward move at times
        LocalDate away = day.plusDays(1 + random.nextInt(los - 3));
        j.leave(away + "T14:00", away.plusDays(1 + random.nextInt(2)) + "T18:00");
      }
      day = day.plusDays(los);
      if (random.nextInt(8) == 0) {
        if (random.nextBoolean()) {
          j.leave(day + "T10:00", null); // on leave still
        }
        break; // still in hospital
      }
      j.discharge(
          day + "T15:00",
          METHOD[random.nextInt(METHOD.length)],
          DESTINATION[random.nextInt(DESTINATION.length)]);
      if (random.nextInt(3) == 0) { // step-down: on the discharge date or after, ended at times
        LocalDate start = day.plusDays(random.nextInt(2) == 0 ? 0 : random.nextInt(5));
        UUID placement = UUID.randomUUID();
        j.facts.add(
            new org.pathway.domain.journey.StepDownPlacementStarted(
                j.serviceUser,
                placement,
                at(start, random),
                SCHEME[random.nextInt(SCHEME.length)],
                HOUSING[random.nextInt(HOUSING.length)],
                random.nextInt(5) == 0 ? null : j.spell));
        if (random.nextInt(3) != 0) {
          LocalDate end = start.plusDays(random.nextInt(4) == 0 ? 0 : random.nextInt(120));
          org.pathway.domain.journey.StepDownOutcome[] outcomes =
              org.pathway.domain.journey.StepDownOutcome.values();
          j.facts.add(
              new org.pathway.domain.journey.StepDownPlacementEnded(
                  j.serviceUser,
                  UUID.randomUUID(),
                  at(end, random),
                  placement,
                  outcomes[random.nextInt(outcomes.length)]));
        }
      }
      for (int a = random.nextInt(3); a > 0; a--) { // housing statuses, two on a day at times
        LocalDate on = day.plusDays(random.nextInt(3) == 0 ? 0 : random.nextInt(60));
        j.facts.add(
            new org.pathway.domain.journey.AccommodationStatusRecorded(
                j.serviceUser,
                UUID.randomUUID(),
                at(on, random),
                random.nextBoolean() ? "Y" : "N",
                ACCOMMODATION[random.nextInt(ACCOMMODATION.length)]));
      }
      for (int c = random.nextInt(3); c > 0; c--) {
        j.contact(
            day.plusDays(random.nextInt(6)) + "T10:00",
            random.nextInt(4) != 0,
            MEDIUM[random.nextInt(MEDIUM.length)]);
      }
      if (random.nextInt(40) == 0) {
        j.death(day.plusDays(random.nextInt(8)) + "T06:00");
        break;
      }
      day = day.plusDays(random.nextInt(3) == 0 ? random.nextInt(30) : random.nextInt(400));
    }
    return j.facts;
  }

  private static Instant at(LocalDate day, Random random) {
    return J.t(day + "T" + String.format("%02d:%02d", 8 + random.nextInt(12), random.nextInt(60)));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {20261201, 11, 2024})
  void figures_from_the_cells_are_those_of_the_records_for_every_period_breakdown_and_window(
      long seed) {
    Random random = new Random(seed);
    List<J> people = new ArrayList<>();
    List<Contribution> contributions = new ArrayList<>();
    for (int person = 0; person < 400; person++) {
      J j = new J();
      j.facts.addAll(journey(random));
      people.add(j);
      JourneyDerivation.Derived derived = JourneyDerivation.derive(j.facts);
      contributions.addAll(
          AGGREGATES.contributions(
              derived.spells().values(), derived.placements().values(), j.facts));
    }
    MetricData all = MetricDefinitionsTest.data(people.toArray(J[]::new));
    MetricData data =
        new MetricData(
            sorted(all.spells()),
            all.placements(),
            all.contacts(),
            all.deaths(),
            all.accommodation(),
            all.today());
    List<Period> periods =
        new ArrayList<>(Period.months(YearMonth.of(2024, 1), YearMonth.of(2026, 6)));
    periods.add(new Period(LocalDate.parse("2024-04-01"), LocalDate.parse("2025-03-31")));
    periods.add(new Period(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")));
    periods.add(new Period(LocalDate.parse("2024-02-17"), LocalDate.parse("2024-02-17")));
    periods.add(new Period(LocalDate.parse("2024-05-03"), LocalDate.parse("2025-08-19")));
    int compared = 0;
    Kept kept = new Kept(contributions);
    for (Aggregated family : AGGREGATES.families()) {
      List<Breakdown> by = new ArrayList<>(family.keyed());
      by.add(null);
      for (Period period : periods) {
        for (Breakdown b : by) {
          int[] windows =
              family.name().equals("readmission")
                  ? new int[] {1, 7, 28, 30, 90, 364, 365}
                  : new int[] {28}; // the window is readmission's alone
          String[] scopes = family.name().equals("out-of-area") ? SCOPES : new String[] {"all"};
          for (int window : windows) {
            for (String scope : scopes) {
              // as at the data's today: the calculator's windows not yet complete end on it
              MetricQuery q = new MetricQuery(period, b, window, scope, AS_AT_TODAY);
              MetricReport expected = ENGINE.report(family, data, q);
              MetricReport actual = fromCells(family, kept, q);
              assertThat(actual).as(family.name() + " " + q).isEqualTo(expected);
              compared++;
            }
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(400);
    assertThat(contributions).hasSizeGreaterThan(500);
  }

  /** The answer made from the cells of the contributions, as the tables would hold them. */
  static MetricReport fromCells(
      Aggregated family, List<Contribution> contributions, MetricQuery q) {
    return fromCells(family, new Kept(contributions), q);
  }

  static MetricReport fromCells(Aggregated family, Kept contributions, MetricQuery q) {
    List<Map<String, Cells>> ranges = new ArrayList<>();
    List<Period> own = family.ranges(q);
    for (int i = 0; i < own.size(); i++) {
      ranges.add(
          cells(
              family,
              family.cellFamily(i, q),
              contributions,
              family.wholePopulation(i) ? null : q.by(),
              own.get(i)));
    }
    return ENGINE.report(family, ranges, q);
  }

  /**
   * Contributions by the name they are kept under, in anchor date order, as the tables' indexes
   * find them: a query's cells are summed from those of its names and range alone.
   */
  static final class Kept {
    private final Map<String, List<Contribution>> byName = new HashMap<>();

    Kept(List<Contribution> all) {
      for (Contribution c : all) {
        byName.computeIfAbsent(c.family(), x -> new ArrayList<>()).add(c);
      }
      byName.values().forEach(l -> l.sort(java.util.Comparator.comparing(Contribution::anchorOn)));
    }

    /** Those kept under {@code name} anchored in {@code range}. */
    List<Contribution> in(String name, Period range) {
      List<Contribution> kept = byName.getOrDefault(name, List.of());
      int from = first(kept, range.from());
      int to = first(kept, range.to().plusDays(1));
      return kept.subList(from, to);
    }

    private static int first(List<Contribution> kept, LocalDate on) {
      int lo = 0;
      int hi = kept.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (kept.get(mid).anchorOn().isBefore(on)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  @Test
  void a_time_in_community_window_is_complete_from_the_365th_day_after_the_discharge() {
    J complete = new J().admit("2025-11-01T10:00").discharge("2025-11-25T15:00");
    J incomplete = new J().admit("2025-11-01T10:00").discharge("2025-11-26T15:00");
    J readmitted = new J().admit("2025-11-02T10:00").discharge("2025-11-27T15:00");
    readmitted.admit("2026-01-10T10:00");
    List<Contribution> contributions = new ArrayList<>();
    for (J j : List.of(complete, incomplete, readmitted)) {
      JourneyDerivation.Derived d = JourneyDerivation.derive(j.facts);
      contributions.addAll(
          AGGREGATES.contributions(d.spells().values(), d.placements().values(), j.facts));
    }
    Aggregated family = (Aggregated) ENGINE.families().get("time-in-community");
    MetricQuery q = // as at 2026-11-25: 365 days after the first discharge, 364 after the second
        new MetricQuery(Period.month(YearMonth.of(2025, 11)), null, 28, "all", AS_AT_TODAY);
    MetricReport expected =
        ENGINE.report(family, MetricDefinitionsTest.data(complete, incomplete, readmitted), q);
    assertThat(fromCells(family, contributions, q)).isEqualTo(expected);
    assertThat(expected.total().figures())
        .filteredOn(f -> f.name().equals("windowsNotYetComplete"))
        .extracting(Figure::value)
        .containsExactly(1.0);
  }

  /** The cells a query reads, summed here from the contributions as the tables sum them. */
  static Map<String, Cells> cells(
      Aggregated family, String cellFamily, Kept all, Breakdown by, Period range) {
    Map<String, Cells> cells = new HashMap<>();
    int k = by == null ? -1 : family.keyed().indexOf(by);
    java.util.Optional<Aggregated.Derived> derived = family.derived(cellFamily);
    String keptUnder = derived.map(Aggregated.Derived::from).orElse(cellFamily);
    for (Contribution c : all.in(keptUnder, range)) {
      boolean own = derived.isEmpty();
      if (own || derived.get().takes(c)) {
        cells
            .computeIfAbsent(k < 0 ? "" : c.keys().get(k), x -> new Cells())
            .add(c.v1(), own ? c.v2() : derived.get().v2(c), 1, c.s());
      }
    }
    return cells;
  }

  private static Map<Contribution, Integer> count(List<Contribution> contributions) {
    Map<Contribution, Integer> counts = new HashMap<>();
    contributions.forEach(c -> counts.merge(c, 1, Integer::sum));
    return counts;
  }

  private static List<Spell> sorted(List<Spell> spells) {
    List<Spell> copy = new ArrayList<>(spells);
    copy.sort((a, b) -> MetricsRepository.UUID_ORDER.compare(a.spellId(), b.spellId()));
    return copy;
  }

  @Test
  void the_deltas_of_a_journey_learnt_fact_by_fact_add_up_to_its_contributions() {
    Random random = new Random(7);
    int factOnly = 0;
    for (int person = 0; person < 200; person++) {
      List<Fact> facts = journey(random);
      Map<Contribution, Integer> net = new HashMap<>();
      List<Contribution> before = List.of();
      Set<Object> beforeSpells = Set.of(); // and placements
      List<Fact> known = new ArrayList<>();
      for (int i = 0; i <= facts.size(); i++) {
        if (i < facts.size()) {
          known.add(facts.get(i));
        } else {
          // learnt last: a correction of the first admission's time, three days earlier
          Fact first = known.get(0);
          known.set(
              0,
              first.amend(
                  new FieldChanges(
                      Map.of(
                          "occurredAt", first.occurredAt().minusSeconds(3 * 86_400).toString()))));
        }
        JourneyDerivation.Derived derived = JourneyDerivation.derive(known);
        java.util.Collection<Spell> spells = derived.spells().values();
        java.util.Collection<org.pathway.projections.journey.Placement> placements =
            derived.placements().values();
        List<Contribution> after = AGGREGATES.contributions(spells, placements, known);
        Set<Object> derivedNow = new java.util.HashSet<>(spells);
        derivedNow.addAll(placements);
        if (derivedNow.equals(beforeSpells)) {
          // only facts the spells and placements do not show changed: the families that read
          // none keep theirs
          assertThat(count(AGGREGATES.afterFactChange(before, spells, placements, known)))
              .isEqualTo(count(after));
          factOnly++;
        }
        beforeSpells = derivedNow;
        for (MetricAggregates.Delta d : MetricAggregates.deltas(before, after)) {
          assertThat(d.n()).isIn(-1, 1);
          net.merge(d.contribution(), d.n(), Integer::sum);
        }
        before = after;
      }
      net.values().removeIf(n -> n == 0);
      Map<Contribution, Integer> whole = new HashMap<>();
      before.forEach(c -> whole.merge(c, 1, Integer::sum));
      assertThat(net).isEqualTo(whole);
    }
    assertThat(MetricAggregates.deltas(List.of(), List.of())).isEmpty();
    assertThat(factOnly).isGreaterThan(100);
  }

  @Test
  void a_histogram_s_order_statistics_and_sums() {
    Cells cells = new Cells().add(3, 0, 2, 10).add(1, 1, 1, 5).add(10, 0, 1, 0).add(7, 1, 0, 0);
    // the records 1, 3, 3, 10
    assertThat(cells.count()).isEqualTo(4);
    assertThat(cells.sumV1()).isEqualTo(17);
    assertThat(cells.sumS()).isEqualTo(15);
    assertThat(cells.percentile(0.5, Cells.Values.ALL)).isEqualTo(3.0);
    assertThat(cells.percentile(0.9, Cells.Values.ALL))
        .isEqualTo(Stats.percentile(List.of(1L, 3L, 3L, 10L), 0.9));
    assertThat(cells.percentile(0.5, (v1, v2) -> v2 == 1)).isEqualTo(1.0);
    assertThat(cells.percentile(0.5, (v1, v2) -> v1 > 50)).isNull();
    assertThat(cells.count((v1, v2) -> v1 >= 3)).isEqualTo(3);
    Cells sum = new Cells().addAll(cells).addAll(cells).add(3, 0, -4, -20);
    assertThat(sum.count()).isEqualTo(4);
    assertThat(sum.percentile(0.5, Cells.Values.ALL)).isEqualTo(5.5);
    // of v2, among the records of one v1: as the list of their v2
    Cells distances = new Cells().add(7, 40, 2, 0).add(7, 5, 1, 0).add(1, 900, 5, 0);
    assertThat(distances.percentileOfV2(0.5, 7)).isEqualTo(Stats.median(List.of(5L, 40L, 40L)));
    assertThat(distances.percentileOfV2(0.25, 7))
        .isEqualTo(Stats.percentile(List.of(5L, 40L, 40L), 0.25));
    assertThat(distances.percentileOfV2(0.5, 2)).isNull();
    assertThatThrownBy(
            () -> new Contribution("x", null, null, List.of("a", "b", "c", "d", "e", "f"), 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_contribution_counts_in_the_population_s_cell_and_one_per_breakdown_per_month_or_day() {
    UUID spell = UUID.randomUUID();
    LocalDate on = LocalDate.parse("2025-03-17");
    LocalDate march = LocalDate.parse("2025-03-01");
    Contribution los =
        new Contribution(
            "length-of-stay", spell, on, List.of("adult-acute", "200", "01", "no"), 12, 0, 10);
    assertThat(AGGREGATES.cells(los))
        .containsExactly(
            new MetricAggregates.Cell("length-of-stay", "", "", march, 12, 0),
            new MetricAggregates.Cell(
                "length-of-stay", "settingGroup", "adult-acute", march, 12, 0),
            new MetricAggregates.Cell("length-of-stay", "setting", "200", march, 12, 0),
            new MetricAggregates.Cell("length-of-stay", "legalStatus", "01", march, 12, 0),
            new MetricAggregates.Cell("length-of-stay", "outOfArea", "no", march, 12, 0));
    // follow-up keeps a cell per day
    Contribution followed = new Contribution("follow-up-72h", spell, on, List.of("200"), 1, 0, 0);
    assertThat(AGGREGATES.cells(followed))
        .containsExactly(
            new MetricAggregates.Cell("follow-up-72h", "", "", on, 1, 0),
            new MetricAggregates.Cell("follow-up-72h", "setting", "200", on, 1, 0));
    // a stay's start counts with its day, and without it for the periods after it
    int day = (int) on.toEpochDay();
    Contribution start =
        new Contribution(
            "bed-days", spell, on, List.of("adult-acute", "200"), BedDays.STAY_STARTS, day, 0);
    assertThat(AGGREGATES.cells(start))
        .containsExactly(
            new MetricAggregates.Cell("bed-days", "", "", march, BedDays.STAY_STARTS, day),
            new MetricAggregates.Cell(
                "bed-days", "settingGroup", "adult-acute", march, BedDays.STAY_STARTS, day),
            new MetricAggregates.Cell(
                "bed-days", "setting", "200", march, BedDays.STAY_STARTS, day),
            new MetricAggregates.Cell(BedDays.BEFORE, "", "", march, BedDays.STAY_STARTS, 0),
            new MetricAggregates.Cell(
                BedDays.BEFORE, "settingGroup", "adult-acute", march, BedDays.STAY_STARTS, 0),
            new MetricAggregates.Cell(
                BedDays.BEFORE, "setting", "200", march, BedDays.STAY_STARTS, 0));
    // an admission only with its day
    Contribution admitted =
        new Contribution(
            "bed-days", spell, on, List.of("adult-acute", "200"), BedDays.ADMITTED, day, 0);
    assertThat(AGGREGATES.cells(admitted))
        .extracting(MetricAggregates.Cell::family)
        .containsOnly("bed-days")
        .hasSize(3);
    // time in the community: a discharge not readmitted counts in its month, and on its day with
    // its previous discharge for the windows not yet complete; a readmitted one in its month only
    int previous = (int) on.minusDays(40).toEpochDay();
    Contribution open =
        new Contribution(
            "time-in-community",
            spell,
            on,
            List.of(),
            TimeInCommunity.NOT_READMITTED,
            previous,
            365);
    assertThat(AGGREGATES.cells(open))
        .containsExactly(
            new MetricAggregates.Cell(
                "time-in-community", "", "", march, TimeInCommunity.NOT_READMITTED, previous),
            new MetricAggregates.Cell(
                TimeInCommunity.NOT_READMITTED_DAYS,
                "",
                "",
                on,
                TimeInCommunity.NOT_READMITTED,
                previous));
    Contribution readmitted =
        new Contribution(
            "time-in-community", spell, on, List.of(), TimeInCommunity.READMITTED, previous, 12);
    assertThat(AGGREGATES.cells(readmitted))
        .containsExactly(
            new MetricAggregates.Cell(
                "time-in-community", "", "", march, TimeInCommunity.READMITTED, previous));
    assertThat(AGGREGATES.summedOn("time-in-community", on)).isEqualTo(on);
    assertThat(AGGREGATES.summedOn("length-of-stay", on)).isEqualTo(march);
    assertThat(AGGREGATES.family(BedDays.BEFORE).name()).isEqualTo("bed-days");
    assertThatThrownBy(() -> AGGREGATES.family("not-a-family"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AGGREGATES.families())
        .extracting(MetricFamily::name)
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
    assertThat(AGGREGATES.families())
        .filteredOn(Aggregated::daily)
        .extracting(MetricFamily::name)
        .containsExactly("follow-up-72h");
  }

  @Test
  void contacts_deaths_and_housing_change_contributions_besides_the_spells_and_nothing_else_does() {
    J j = new J().admit("2025-03-01T10:00").contact("2025-03-20T10:00", true, "01");
    j.death("2025-04-01T10:00");
    j.facts.add(
        new org.pathway.domain.journey.AccommodationStatusRecorded(
            j.serviceUser, UUID.randomUUID(), J.t("2025-03-25T10:00"), "Y", "01"));
    assertThat(j.facts).hasSize(4);
    assertThat(MetricAggregates.reads(j.facts.get(0))).isFalse();
    assertThat(MetricAggregates.reads(j.facts.get(1))).isTrue();
    assertThat(MetricAggregates.reads(j.facts.get(2))).isTrue();
    assertThat(MetricAggregates.reads(j.facts.get(3))).isTrue();
    assertThat(AGGREGATES.families())
        .filteredOn(Aggregated::readsFacts)
        .extracting(MetricFamily::name)
        .containsExactly("follow-up-72h", "time-in-community", "settled-accommodation");
  }
}
