package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** A reporting period: two Europe/London local dates, both inclusive (metrics.md §0). */
public record Period(LocalDate from, LocalDate to) {

  public Period {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to");
    }
  }

  public static Period month(YearMonth month) {
    return new Period(month.atDay(1), month.atEndOfMonth());
  }

  /** The day after the period: the exclusive end used by the nights function. */
  public LocalDate endExclusive() {
    return to.plusDays(1);
  }

  public boolean contains(LocalDate date) {
    return date != null && !date.isBefore(from) && !date.isAfter(to);
  }

  public Period shiftedBack(int days) {
    return new Period(from.minusDays(days), to.minusDays(days));
  }

  /** The calendar months the period touches, each clipped to the month. */
  public static List<Period> months(YearMonth first, YearMonth last) {
    List<Period> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(month(m));
    }
    return months;
  }
}
