package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pathway.domain.journey.StepDownOutcome;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;

/**
 * metrics.md §7, step-down housing: placements started, ended and active at period end; length of
 * those ended; outcomes; the share that began on the linked spell's discharge date; and bed days
 * saved where the spell's delay ended on the placement start and an expected discharge date was
 * recorded.
 *
 * <p>Aggregated as out-of-area placements are: a placement contributes its start (with whether it
 * began on its spell's discharge date and its bed days saved) and its end, and what started and
 * ended before the period is read as counts only (under {@link #BEFORE}); the ended ones' lengths
 * and outcomes are a histogram of their own (under {@link #ENDED}: {@code v1} the length, {@code
 * v2} the outcome), so that their median comes from it exactly.
 */
public final class StepDown implements Composite {
  @Override
  public String name() {
    return "step-down";
  }

  @Override
  public MetricsRepository.Source recordsFrom() {
    return MetricsRepository.Source.PLACEMENTS;
  }

  @Override
  public DataNeeds needs() {
    return new DataNeeds(true, 0, 4, true, false, false, false);
  }

  @Override
  public String definition() {
    return "pathway.step-down/1 (metrics.md §7)";
  }

  private static final List<Breakdown> KEYED =
      List.of(Breakdown.SCHEME, Breakdown.PROVIDER, Breakdown.OUTCOME);

  @Override
  public List<Breakdown> keyed() {
    return KEYED;
  }

  /** The kinds of contribution (v1) under the family's name: a start (v2 its flags), an end. */
  static final int STARTS = 1;

  static final int ENDS = 2;

  /** The flags of a start (v2): it began on its spell's discharge date; it saved bed days (s). */
  static final int ON_DISCHARGE_DATE = 1;

  static final int SAVED = 2;

  /** What started and ended before the period, as counts. */
  static final String BEFORE = "step-down-before";

  /** The ended placements: {@code v1} the length in days, {@code v2} the outcome (-1: none). */
  static final String ENDED = "step-down-ended";

  @Override
  public List<String> cellFamilies() {
    return List.of(name(), BEFORE, ENDED);
  }

  @Override
  public java.util.Optional<Derived> derived(String cellFamily) {
    return BEFORE.equals(cellFamily)
        ? java.util.Optional.of(new Derived(name(), STARTS, ENDS))
        : java.util.Optional.empty();
  }

  /** Before the period, the period (starts and ends), the period again (the ended ones). */
  @Override
  public List<Period> ranges(MetricQuery query) {
    return List.of(
        new Period(ALL_TIME.from(), query.period().from().minusDays(1)),
        query.period(),
        query.period());
  }

  @Override
  public String cellFamily(int range, MetricQuery query) {
    return List.of(BEFORE, name(), ENDED).get(range);
  }

  /**
   * Each placement, from its row over all time: its start, and its end and length when it ended;
   * keyed as its row is.
   */
  @Override
  public List<Contribution> contributions(MetricData person) {
    List<Contribution> all = new ArrayList<>();
    for (Row r : rows(person, Aggregated.allTime())) {
      UUID id = (UUID) r.get("placementId");
      List<String> keys =
          List.of(
              Contribution.key(r.get("scheme")),
              Contribution.key(r.get("provider")),
              Contribution.key(r.get("outcome")));
      Object saved = r.get("bedDaysSaved");
      int flags =
          (r.flag("startedOnDischargeDate") ? ON_DISCHARGE_DATE : 0) + (saved == null ? 0 : SAVED);
      all.add(
          new Contribution(
              name(),
              id,
              (java.time.LocalDate) r.get("startedOn"),
              keys,
              STARTS,
              flags,
              saved == null ? 0 : r.num("bedDaysSaved")));
      if (r.get("endedOn") != null) {
        java.time.LocalDate ended = (java.time.LocalDate) r.get("endedOn");
        all.add(new Contribution(name(), id, ended, keys, ENDS, 0, 0));
        String outcome = (String) r.get("outcome");
        int o = "open".equals(outcome) ? -1 : StepDownOutcome.valueOf(outcome).ordinal();
        all.add(
            new Contribution(ENDED, id, ended, keys, Math.toIntExact(r.num("lengthDays")), o, 0));
      }
    }
    return all;
  }

  /** The placements that overlap the period: started by its end, not ended before its first day. */
  @Override
  public long records(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    return before.count((kind, x) -> kind == STARTS)
        + in.count((kind, x) -> kind == STARTS)
        - before.count((kind, x) -> kind == ENDS);
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells before = ranges.get(0);
    Cells in = ranges.get(1);
    Cells ended = ranges.get(2);
    long started = in.count((kind, x) -> kind == STARTS);
    long ends = ended.count();
    List<Figure> figures =
        new ArrayList<>(
            List.of(
                Figure.count("started", started),
                Figure.count("ended", ends),
                Figure.count(
                    "activeAtPeriodEnd",
                    records(ranges, query) - in.count((kind, x) -> kind == ENDS)),
                Figure.mean("meanLengthDaysOfEnded", ended.sumV1(), ends, 1),
                Figure.value("medianLengthDaysOfEnded", ended.percentile(0.5, Cells.Values.ALL))));
    for (StepDownOutcome outcome : StepDownOutcome.values()) {
      figures.add(
          Figure.ratio(
              "endedIn" + camel(outcome.name()) + "Share",
              ended.count((length, o) -> o == outcome.ordinal()),
              ends));
    }
    figures.add(
        Figure.ratio(
            "startedOnDischargeDateShare",
            in.count((kind, f) -> kind == STARTS && (f & ON_DISCHARGE_DATE) != 0),
            started));
    figures.add(
        Figure.count(
            "placementsWithBedDaysSaved",
            in.count((kind, f) -> kind == STARTS && (f & SAVED) != 0)));
    figures.add(Figure.count("bedDaysSaved", in.sumS((kind, f) -> kind == STARTS)));
    return figures;
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Period p = query.period();
    Map<UUID, Spell> spells =
        data.spells().stream().collect(Collectors.toMap(Spell::spellId, Function.identity()));
    List<Row> rows = new ArrayList<>();
    for (Placement pl : data.placements()) {
      boolean overlaps =
          !pl.startedOn().isAfter(p.to())
              && (pl.endedOn() == null || !pl.endedOn().isBefore(p.from()));
      if (!overlaps) {
        continue;
      }
      Spell linked = pl.dischargeSpellId() == null ? null : spells.get(pl.dischargeSpellId());
      boolean onDischargeDate = linked != null && pl.startedOn().equals(linked.dischargedOn());
      Long saved = null;
      if (linked != null
          && linked.estimatedDischargeDate() != null
          && linked.delays().stream().anyMatch(d -> pl.startedOn().equals(d.endOn()))
          && linked.estimatedDischargeDate().isAfter(pl.startedOn())) {
        saved = Nights.between(pl.startedOn(), linked.estimatedDischargeDate());
      }
      rows.add(
          new Row()
              .with("placementId", pl.placementId())
              .with("serviceUserId", pl.serviceUserId())
              .with("startedOn", pl.startedOn())
              .with("endedOn", pl.endedOn())
              .with("started", p.contains(pl.startedOn()))
              .with("ended", p.contains(pl.endedOn()))
              .with("activeAtPeriodEnd", pl.endedOn() == null || pl.endedOn().isAfter(p.to()))
              .with(
                  "lengthDays",
                  pl.endedOn() == null ? null : Nights.between(pl.startedOn(), pl.endedOn()))
              .with("outcome", pl.outcome() == null ? "open" : pl.outcome().name())
              .with("startedOnDischargeDate", onDischargeDate)
              .with("bedDaysSaved", saved)
              .with("scheme", pl.scheme())
              .with("provider", pl.provider()));
    }
    return rows;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    List<Row> started = rows.stream().filter(r -> r.flag("started")).toList();
    List<Row> ended = rows.stream().filter(r -> r.flag("ended")).toList();
    List<Long> lengths = ended.stream().map(r -> r.num("lengthDays")).toList();
    List<Row> saved = started.stream().filter(r -> r.get("bedDaysSaved") != null).toList();
    List<Figure> figures =
        new ArrayList<>(
            List.of(
                Figure.count("started", started.size()),
                Figure.count("ended", ended.size()),
                Figure.count(
                    "activeAtPeriodEnd",
                    rows.stream().filter(r -> r.flag("activeAtPeriodEnd")).count()),
                Figure.mean(
                    "meanLengthDaysOfEnded",
                    lengths.stream().mapToLong(Long::longValue).sum(),
                    lengths.size(),
                    1),
                Figure.value("medianLengthDaysOfEnded", Stats.median(lengths))));
    for (StepDownOutcome outcome : StepDownOutcome.values()) {
      figures.add(
          Figure.ratio(
              "endedIn" + camel(outcome.name()) + "Share",
              ended.stream().filter(r -> r.is("outcome", outcome.name())).count(),
              ended.size()));
    }
    figures.add(
        Figure.ratio(
            "startedOnDischargeDateShare",
            started.stream().filter(r -> r.flag("startedOnDischargeDate")).count(),
            started.size()));
    figures.add(Figure.count("placementsWithBedDaysSaved", saved.size()));
    figures.add(
        Figure.count("bedDaysSaved", saved.stream().mapToLong(r -> r.num("bedDaysSaved")).sum()));
    return figures;
  }

  private static String camel(String constant) {
    StringBuilder b = new StringBuilder();
    for (String part : constant.toLowerCase().split("_")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }
}
