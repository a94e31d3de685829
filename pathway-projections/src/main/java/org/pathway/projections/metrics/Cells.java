package org.pathway.projections.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * An integer histogram of records: how many ({@code n}) had each pair of values ({@code v1}, {@code
 * v2}), and the sum of a third value over them ({@code s}). Counts, sums, medians and percentiles
 * come from it exactly as from the list of the records' values.
 */
public final class Cells {
  /** Which values a figure counts. */
  @FunctionalInterface
  public interface Values {
    Values ALL = (v1, v2) -> true;

    boolean test(int v1, int v2);
  }

  private record Value(int v1, int v2) implements Comparable<Value> {
    @Override
    public int compareTo(Value o) {
      int c = Integer.compare(v1, o.v1);
      return c != 0 ? c : Integer.compare(v2, o.v2);
    }
  }

  private final TreeMap<Value, long[]> cells = new TreeMap<>();

  /** Adds {@code n} records with the values (negative: removes them), and {@code s} to the sum. */
  public Cells add(int v1, int v2, long n, long s) {
    long[] c = cells.computeIfAbsent(new Value(v1, v2), k -> new long[2]);
    c[0] += n;
    c[1] += s;
    return this;
  }

  public Cells addAll(Cells other) {
    other.cells.forEach((v, c) -> add(v.v1, v.v2, c[0], c[1]));
    return this;
  }

  /** How many records there are. */
  public long count() {
    return count(Values.ALL);
  }

  public long count(Values which) {
    long n = 0;
    for (Map.Entry<Value, long[]> e : cells.entrySet()) {
      if (which.test(e.getKey().v1, e.getKey().v2)) {
        n += e.getValue()[0];
      }
    }
    return n;
  }

  /** A record's weight in a sum, from its values. */
  @FunctionalInterface
  public interface Weight {
    long of(int v1, int v2);
  }

  /** The sum of the records' weights. */
  public long sum(Weight weight) {
    long sum = 0;
    for (Map.Entry<Value, long[]> e : cells.entrySet()) {
      sum += weight.of(e.getKey().v1, e.getKey().v2) * e.getValue()[0];
    }
    return sum;
  }

  /** The sum of {@code v1} over the records. */
  public long sumV1() {
    long sum = 0;
    for (Map.Entry<Value, long[]> e : cells.entrySet()) {
      sum += e.getKey().v1 * e.getValue()[0];
    }
    return sum;
  }

  /** The sum of {@code s} over the records {@code which} selects. */
  public long sumS(Values which) {
    long sum = 0;
    for (Map.Entry<Value, long[]> e : cells.entrySet()) {
      if (which.test(e.getKey().v1, e.getKey().v2)) {
        sum += e.getValue()[1];
      }
    }
    return sum;
  }

  /** The sum of {@code s} over the records. */
  public long sumS() {
    long sum = 0;
    for (long[] c : cells.values()) {
      sum += c[1];
    }
    return sum;
  }

  /**
   * The {@code p} percentile of {@code v1} over the records {@code which} selects, as {@link
   * Stats#percentile}: linear interpolation between the closest ranks, rounded to 2 places.
   */
  public Double percentile(double p, Values which) {
    return percentile(p, which, false);
  }

  /** The same of {@code v2}, over records that have one {@code v1} (a kind) alone. */
  public Double percentileOfV2(double p, int v1) {
    return percentile(p, (a, b) -> a == v1, true);
  }

  private Double percentile(double p, Values which, boolean ofV2) {
    long size = count(which);
    if (size <= 0) {
      return null;
    }
    double rank = p * (size - 1);
    long lo = (long) Math.floor(rank);
    long hi = (long) Math.ceil(rank);
    long a = valueAt(lo, which, ofV2);
    long b = valueAt(hi, which, ofV2);
    double v = a + (rank - lo) * (b - a);
    return Figure.round(v, 2);
  }

  /**
   * The {@code index}-th smallest {@code v1} (or {@code v2}: in order only within one {@code v1})
   * of the selected records (from 0).
   */
  private long valueAt(long index, Values which, boolean ofV2) {
    long seen = 0;
    for (Map.Entry<Value, long[]> e : cells.entrySet()) {
      if (which.test(e.getKey().v1, e.getKey().v2)) {
        seen += e.getValue()[0];
        if (seen > index) {
          return ofV2 ? e.getKey().v2 : e.getKey().v1;
        }
      }
    }
    throw new IllegalStateException("index " + index + " beyond " + seen + " records");
  }
}
