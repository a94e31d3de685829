package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathway.projections.journey.Spell;

/**
 * The aggregated families, and what a change of one service user's spells changes in their
 * aggregates: the contributions of the spells before and after, as a signed difference. The live
 * projection and the bulk rebuild both go through here.
 */
public final class MetricAggregates {
  /** One contribution added ({@code n = 1}) or taken away ({@code n = -1}). */
  public record Delta(Contribution contribution, int n) {}

  /**
   * A row of {@code metric_cell} but for its recorded month: the family, the breakdown ({@code ""}
   * for the whole population) and its group, the month of the anchor date, and the values.
   */
  public record Cell(
      String family,
      String breakdown,
      String groupKey,
      java.time.LocalDate anchorMonth,
      int v1,
      int v2) {}

  private final List<Aggregated> families;

  public MetricAggregates(MetricsEngine engine) {
    this.families =
        engine.families().values().stream()
            .filter(Aggregated.class::isInstance)
            .map(Aggregated.class::cast)
            .toList();
  }

  public List<Aggregated> families() {
    return families;
  }

  /** The contributions of one service user's spells (all of them, as known at one time). */
  public List<Contribution> contributions(Collection<Spell> spells) {
    List<Spell> sorted = new ArrayList<>(spells);
    // the order the metric queries read spells in, so that ties are broken the same way
    sorted.sort((a, b) -> MetricsRepository.UUID_ORDER.compare(a.spellId(), b.spellId()));
    MetricData data = new MetricData(sorted, List.of(), List.of(), List.of(), List.of(), null);
    List<Contribution> all = new ArrayList<>();
    MetricQuery query = Aggregated.allTime();
    for (Aggregated family : families) {
      for (Row row : family.rows(data, query)) {
        all.add(family.contribution(row));
      }
    }
    return all;
  }

  /** The cells a contribution counts in: the whole population's, and one per breakdown. */
  public List<Cell> cells(Contribution c) {
    java.time.LocalDate month = c.anchorOn().withDayOfMonth(1);
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell(c.family(), "", "", month, c.v1(), c.v2()));
    List<Breakdown> keyed = family(c.family()).keyed();
    for (int i = 0; i < keyed.size(); i++) {
      cells.add(
          new Cell(c.family(), keyed.get(i).column(), c.keys().get(i), month, c.v1(), c.v2()));
    }
    return cells;
  }

  public Aggregated family(String name) {
    return families.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an aggregated family: " + name));
  }

  /** What changes when a service user's spells go from {@code before} to {@code after}. */
  public List<Delta> deltas(Collection<Spell> before, Collection<Spell> after) {
    Map<Contribution, Integer> net = new LinkedHashMap<>();
    contributions(before).forEach(c -> net.merge(c, -1, Integer::sum));
    contributions(after).forEach(c -> net.merge(c, 1, Integer::sum));
    List<Delta> deltas = new ArrayList<>();
    net.forEach(
        (c, n) -> {
          for (int i = 0; i < Math.abs(n); i++) {
            deltas.add(new Delta(c, Integer.signum(n)));
          }
        });
    return deltas;
  }
}
