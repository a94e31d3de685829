package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What one record (a discharged spell) adds to an aggregated family's figures: the date it counts
 * on, its breakdown keys in the family's order ({@link Aggregated#keyed()}, "not stated" for none),
 * and the integer values its figures are made of ({@code v1}, {@code v2}, and {@code s}, which is
 * summed).
 */
public record Contribution(
    String family, UUID spellId, LocalDate anchorOn, List<String> keys, int v1, int v2, long s) {

  /** The most breakdowns a contribution carries (the k columns of metric_contribution). */
  public static final int MAX_KEYS = 5;

  public Contribution {
    keys = List.copyOf(keys);
    if (keys.size() > MAX_KEYS) {
      throw new IllegalArgumentException("at most " + MAX_KEYS + " breakdown keys");
    }
  }

  /** The key of a breakdown as a group of the answer names it. */
  static String key(Object value) {
    return java.util.Objects.toString(value, MetricsEngine.NOT_STATED);
  }
}
