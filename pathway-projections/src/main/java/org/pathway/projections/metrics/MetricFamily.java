package org.pathway.projections.metrics;

import java.util.List;
import java.util.Set;

/**
 * One family of figures from shared/domain/metrics.md. A family turns the data into contributing
 * rows (the drill-down), and rows into figures; breakdowns are columns of the rows, so every figure
 * can be split by them.
 */
public interface MetricFamily {
  /** URL name, e.g. {@code length-of-stay}. */
  String name();

  /** The definition version reported with every figure (metrics.md §8). */
  String definition();

  /** The row columns the figures may be broken down by. */
  Set<Breakdown> breakdowns();

  List<Row> rows(MetricData data, MetricQuery query);

  List<Figure> figures(List<Row> rows, MetricQuery query);

  /** What the family reads from the read models. */
  default DataNeeds needs() {
    return DataNeeds.SPELLS;
  }

  /** Figures that only make sense for the whole population, not per breakdown group. */
  default List<Figure> totalOnlyFigures(MetricData data, MetricQuery query, List<Row> rows) {
    return List.of();
  }
}
