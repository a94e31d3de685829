package org.pathway.projections.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a metric query (metrics.md §8): the figures for the whole population and per
 * breakdown group, the period, the as-at time used, the definition version, and how many records
 * contributed (see the drill-down).
 *
 * @param asAt the recorded time the figures are as at; {@code null} means everything recorded until
 *     the query
 */
public record MetricReport(
    String metric,
    String definition,
    Period period,
    Instant asAt,
    String by,
    Integer window,
    String scope,
    Group total,
    List<Group> groups,
    int contributingRecords) {

  /** Figures for one group; the total's key is {@code all}. */
  public record Group(String key, List<Figure> figures) {}
}
