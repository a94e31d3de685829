package org.pathway.projections.metrics;

import java.util.List;

/** Order statistics as SQL {@code percentile_cont}: linear interpolation between closest ranks. */
public final class Stats {
  private Stats() {}

  public static Double percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    double rank = p * (sorted.size() - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    double v = sorted.get(lo) + (rank - lo) * (sorted.get(hi) - sorted.get(lo));
    return Figure.round(v, 2);
  }

  public static Double median(List<Long> values) {
    return percentile(values, 0.5);
  }
}
