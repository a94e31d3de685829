package org.pathway.api.ui;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period of the pages: a calendar month ({@code 2025-06}), quarter ({@code 2025-Q2}) or
 * year ({@code 2025}), as the NHS publishes figures.
 */
public record ReportingPeriod(Kind kind, LocalDate from, LocalDate to) {
  public enum Kind {
    MONTH,
    QUARTER,
    YEAR
  }

  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  /** The last complete calendar month before {@code today}. */
  static ReportingPeriod lastCompleteMonth(LocalDate today) {
    return month(YearMonth.from(today).minusMonths(1));
  }

  static ReportingPeriod month(YearMonth m) {
    return new ReportingPeriod(Kind.MONTH, m.atDay(1), m.atEndOfMonth());
  }

  /** The period a code names, or empty when it names none. */
  static Optional<ReportingPeriod> parse(String code) {
    if (code == null) {
      return Optional.empty();
    }
    try {
      Matcher q = QUARTER.matcher(code);
      if (q.matches()) {
        YearMonth first =
            YearMonth.of(Integer.parseInt(q.group(1)), 3 * Integer.parseInt(q.group(2)) - 2);
        return Optional.of(
            new ReportingPeriod(Kind.QUARTER, first.atDay(1), first.plusMonths(2).atEndOfMonth()));
      }
      if (MONTH.matcher(code).matches()) {
        return Optional.of(month(YearMonth.parse(code)));
      }
      if (YEAR.matcher(code).matches()) {
        Year y = Year.parse(code);
        return Optional.of(
            new ReportingPeriod(Kind.YEAR, y.atDay(1), y.atMonth(12).atEndOfMonth()));
      }
    } catch (RuntimeException e) {
      return Optional.empty(); // e.g. month 13
    }
    return Optional.empty();
  }

  /** The period of the same kind just before this one. */
  public ReportingPeriod previous() {
    return switch (kind) {
      case MONTH -> month(YearMonth.from(from).minusMonths(1));
      case QUARTER -> parse(code(from.minusMonths(3), Kind.QUARTER)).orElseThrow();
      case YEAR -> parse(String.valueOf(from.getYear() - 1)).orElseThrow();
    };
  }

  /** The code used in page addresses ({@code ?period=}). */
  public String code() {
    return code(from, kind);
  }

  private static String code(LocalDate from, Kind kind) {
    return switch (kind) {
      case MONTH -> YearMonth.from(from).toString();
      case QUARTER -> from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1);
      case YEAR -> String.valueOf(from.getYear());
    };
  }

  /** How the period is named on the pages, e.g. "June 2025", "April to June 2025", "2025". */
  public String label() {
    DateTimeFormatter month = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    return switch (kind) {
      case MONTH -> from.format(month);
      case QUARTER ->
          from.format(DateTimeFormatter.ofPattern("MMMM", Locale.UK)) + " to " + to.format(month);
      case YEAR -> String.valueOf(from.getYear());
    };
  }

  /** The months the page's chart shows: the twelve ending with this period's last month. */
  YearMonth seriesFrom() {
    return YearMonth.from(to).minusMonths(11);
  }

  YearMonth seriesTo() {
    return YearMonth.from(to);
  }
}
