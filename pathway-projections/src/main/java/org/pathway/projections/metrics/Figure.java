package org.pathway.projections.metrics;

/**
 * One published figure. For a rate or mean, {@code numerator} and {@code denominator} say how it
 * was made; {@code value} is {@code null} when the denominator is 0.
 */
public record Figure(String name, Double value, Long numerator, Long denominator) {

  public static Figure count(String name, long count) {
    return new Figure(name, (double) count, null, null);
  }

  public static Figure ratio(String name, long numerator, long denominator) {
    return new Figure(
        name,
        denominator == 0 ? null : round(numerator / (double) denominator, 4),
        numerator,
        denominator);
  }

  public static Figure mean(String name, long sum, long count, int decimals) {
    return new Figure(name, count == 0 ? null : round(sum / (double) count, decimals), sum, count);
  }

  public static Figure value(String name, Double value) {
    return new Figure(name, value, null, null);
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
