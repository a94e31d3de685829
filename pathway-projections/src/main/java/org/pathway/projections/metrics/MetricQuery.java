package org.pathway.projections.metrics;

import java.time.Instant;

/**
 * What an analyst asks: the period, an optional breakdown, the readmission window in days, the OAP
 * scope ({@code adult-acute} nationally, or {@code all}), and the recorded time the answer is as at
 * ({@code null} = now).
 */
public record MetricQuery(Period period, Breakdown by, int window, String scope, Instant asAt) {
  public static final int DEFAULT_WINDOW = 28;
}
