package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
public final class StepDown implements MetricFamily {
  @Override
  public String name() {
    return "step-down";
  }

  @Override
  public DataNeeds needs() {
    return new DataNeeds(true, 0, 4, true, false, false, false);
  }

  @Override
  public String definition() {
    return "pathway.step-down/1 (metrics.md §7)";
  }

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of(Breakdown.SCHEME, Breakdown.PROVIDER, Breakdown.OUTCOME);
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
