package org.pathway.api.ui;

import java.util.List;
import java.util.Optional;
import org.pathway.projections.metrics.Figure;
import org.pathway.projections.metrics.MetricReport;

/**
 * What the overview shows of one metric family: its title, the figure that heads its card and,
 * where one exists, the national expectation it is held against (docs/pages.md). The figures come
 * from the same query as {@code GET /metrics/{family}}.
 */
public record Headline(
    String family, String title, String figure, String unit, Expectation expectation) {

  /**
   * A national expectation: the figure it reads and how it is judged ({@code null} threshold:
   * shown, not judged).
   */
  public record Expectation(String text, String figure, Judge judge) {}

  public enum Judge {
    /** met when the figure is at least the threshold (a share). */
    AT_LEAST_80_PERCENT,
    /** met when the figure is zero. */
    ZERO,
    /** shown beside the headline, not judged. */
    SHOWN
  }

  static final List<Headline> ALL =
      List.of(
          new Headline(
              "length-of-stay",
              "Length of stay",
              "meanLos",
              "days (mean, discharged spells)",
              new Expectation(
                  "Benchmark: stays of 32 days or less", "within32DaysShare", Judge.SHOWN)),
          new Headline("bed-days", "Occupied bed days", "occupiedBedDays", "nights", null),
          new Headline(
              "delayed-discharge",
              "Delayed discharge",
              "delayDays",
              "delay days",
              new Expectation(
                  "Share of occupied bed days", "delayDaysShareOfOccupiedBedDays", Judge.SHOWN)),
          new Headline(
              "out-of-area",
              "Out-of-area placements",
              "inappropriateOapBedDays",
              "inappropriate OAP bed days",
              new Expectation(
                  "National expectation: no inappropriate out-of-area placements",
                  "inappropriateOapBedDays",
                  Judge.ZERO)),
          new Headline(
              "readmission",
              "Emergency readmission",
              "emergencyReadmissionRate",
              "within 28 days of discharge",
              null),
          new Headline(
              "follow-up-72h",
              "72-hour follow-up",
              "followUpRate",
              "of eligible discharges",
              new Expectation(
                  "National expectation: 80% followed up within 72 hours",
                  "followUpRate", Judge.AT_LEAST_80_PERCENT)),
          new Headline(
              "time-in-community",
              "Time in the community",
              "meanDaysInCommunity",
              "days (mean, up to 365)",
              null),
          new Headline("step-down", "Step-down housing", "started", "placements started", null),
          new Headline(
              "settled-accommodation",
              "Settled accommodation",
              "settledShare",
              "of service users with a status",
              null));

  static Optional<Headline> of(String family) {
    return ALL.stream().filter(h -> h.family.equals(family)).findFirst();
  }

  /** The named figure of a report's total, if the report has it. */
  static Optional<Figure> figure(MetricReport report, String name) {
    return report.total().figures().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Whether a report meets the expectation: {@code null} when not judged or not computable. */
  public Boolean met(MetricReport report) {
    if (expectation == null || expectation.judge == Judge.SHOWN) {
      return null;
    }
    Double v = figure(report, expectation.figure).map(Figure::value).orElse(null);
    if (v == null) {
      return null;
    }
    return switch (expectation.judge) {
      case AT_LEAST_80_PERCENT -> v >= 0.8;
      case ZERO -> v == 0;
      case SHOWN -> null;
    };
  }
}
