package org.pathway.api.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.pathway.api.error.ApiProblem;

/** The pages' query parameters, refused with a 400 naming the field when they name nothing. */
final class PageParameters {
  private PageParameters() {}

  /** {@code ?period=}: a month, quarter or year; by default the last complete month. */
  static ReportingPeriod period(String code) {
    if (code == null || code.isBlank()) {
      return ReportingPeriod.lastCompleteMonth(LocalDate.now(Shown.LONDON));
    }
    return ReportingPeriod.parse(code.trim())
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    "period",
                    "period must be a month (2025-06), a quarter (2025-Q2) or a year (2025)"));
  }

  /**
   * {@code ?asAt=}: "as known on", a local date-time in Europe/London as a date-time field sends it
   * ({@code 2025-06-01T09:30}), or ISO-8601 with an offset; {@code null} when not given.
   */
  static Instant asAt(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).atZone(Shown.LONDON).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiProblem.badRequest(
            "asAt", "as known on must be a date and time, e.g. 2025-06-01T09:30");
      }
    }
  }

  /** The value a date-time field shows for an instant (local time in Europe/London). */
  static String field(Instant asAt) {
    return asAt == null ? "" : LocalDateTime.ofInstant(asAt, Shown.LONDON).withNano(0).toString();
  }
}
