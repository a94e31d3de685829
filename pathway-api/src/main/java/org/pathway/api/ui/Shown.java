package org.pathway.api.ui;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.pathway.projections.metrics.Figure;

/** How the pages write figures, changes and times (UK English, Europe/London). */
public final class Shown {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", Locale.UK).withZone(LONDON);

  private Shown() {}

  /** A rate or share is shown as a percentage; every other figure as a number. */
  public static boolean percent(String figure) {
    return figure.endsWith("Rate")
        || figure.endsWith("Share")
        || figure.endsWith("RateUnshiftedPeriod")
        || figure.endsWith("ShareOfOccupiedBedDays");
  }

  public static String value(String figure, Double value) {
    if (value == null) {
      return "no data";
    }
    if (percent(figure)) {
      return number(value * 100, 1) + "%";
    }
    return number(value, 1);
  }

  /** "12 of 18" for a rate, "597 / 18" for a mean; empty when the figure is a plain count. */
  public static String parts(Figure f) {
    if (f.numerator() == null || f.denominator() == null) {
      return "";
    }
    String of = percent(f.name()) ? " of " : " / ";
    return number(f.numerator(), 0) + of + number(f.denominator(), 0);
  }

  /** The change from {@code before} to {@code after}: percentage points for percentages. */
  public static String change(String figure, Double before, Double after) {
    if (before == null || after == null) {
      return "not comparable";
    }
    double d = after - before;
    if (percent(figure)) {
      d *= 100;
    }
    if (Math.abs(d) < 1e-9) {
      return "no change";
    }
    return (d > 0 ? "+" : "−") + number(Math.abs(d), 1) + (percent(figure) ? " points" : "");
  }

  public static String when(Instant t) {
    return t == null ? "" : WHEN.format(t);
  }

  private static String number(double v, int maxDecimals) {
    DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.UK));
    f.setMaximumFractionDigits(maxDecimals);
    return f.format(v);
  }
}
