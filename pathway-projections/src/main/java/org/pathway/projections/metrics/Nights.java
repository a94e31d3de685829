package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The one nights function of metrics.md §0 (nhs-standards.md §2.6): bed days, OAP bed days and LOS
 * all use it, so they reconcile — a spell's LOS is the sum of its bed days over consecutive
 * periods.
 */
public final class Nights {
  private Nights() {}

  /** {@code b − a} in days, for local dates {@code a ≤ b}. */
  public static long between(LocalDate a, LocalDate b) {
    return ChronoUnit.DAYS.between(a, b);
  }

  /**
   * Nights of a stay inside a period: {@code max(0, min(end, periodEnd + 1) − max(start,
   * periodStart))}, where an open stay ({@code end == null}) ends at {@code periodEnd + 1}.
   */
  public static long inPeriod(LocalDate start, LocalDate end, Period period) {
    LocalDate clippedEnd =
        end == null || end.isAfter(period.endExclusive()) ? period.endExclusive() : end;
    LocalDate clippedStart = start.isBefore(period.from()) ? period.from() : start;
    return Math.max(0, between(clippedStart, clippedEnd));
  }
}
