package org.pathway.projections.metrics;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many records the metric queries of this node may hold in memory at once. A query computes
 * from every spell of its window (docs/performance.md), so one question over too long a history, or
 * several at once, would otherwise run the node out of heap — and take its web server and its event
 * processor with it (seen at 10 M events). A query takes its share before it loads the records and
 * gives it back when its answer is made: one larger than the whole budget is refused, one that does
 * not fit beside those running waits a while, then is turned away to retry.
 *
 * <p>The weight of a query is its spell and placement versions, plus a tenth of its contacts and
 * accommodation statuses (plain values, a tenth of a parsed spell's memory or less).
 */
public final class QueryBudget {
  private final int capacity;
  private final long waitMillis;
  private final Semaphore permits;

  public QueryBudget(int capacity, long waitMillis) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a query budget needs room for one record");
    }
    this.capacity = capacity;
    this.waitMillis = waitMillis;
    this.permits = new Semaphore(capacity, true);
  }

  /**
   * The budget for a heap: one record per 4 KiB of the maximum heap. A parsed spell version with
   * the rows made from it takes about a kilobyte, and the version cache, the garbage collector's
   * headroom and the rest of the node need the other three quarters: at 10 M events, two records
   * per KiB let a question of 500,000 records through and the node still ran out of a 1 GiB heap.
   */
  public static int forHeap(long maxHeapBytes) {
    return (int) Math.max(1_000, Math.min(Integer.MAX_VALUE, maxHeapBytes / 4096));
  }

  public int capacity() {
    return capacity;
  }

  /** A share of the budget, given back on {@link #close}. */
  public final class Share implements AutoCloseable {
    private int held;

    private Share() {}

    /** Takes {@code records} more for this query. */
    public void take(long records) {
      long total = held + records;
      if (total > capacity) {
        throw new TooLarge(total, capacity);
      }
      int n = (int) records;
      try {
        if (!permits.tryAcquire(n, waitMillis, TimeUnit.MILLISECONDS)) {
          throw new Busy(waitMillis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Busy(waitMillis);
      }
      held += n;
    }

    @Override
    public void close() {
      permits.release(held);
      held = 0;
    }
  }

  public Share share() {
    return new Share();
  }

  /** The question holds more records than this node computes from at once. */
  public static final class TooLarge extends RuntimeException {
    private final long records;
    private final int capacity;

    TooLarge(long records, int capacity) {
      super(
          "the period holds "
              + records
              + " records (spell and placement versions, a tenth of contacts and statuses); this"
              + " node computes from at most "
              + capacity
              + " at once (pathway.metrics.max-records): ask a shorter period");
      this.records = records;
      this.capacity = capacity;
    }

    public long records() {
      return records;
    }

    public int capacity() {
      return capacity;
    }
  }

  /** The budget is taken by the queries running now; retry shortly. */
  public static final class Busy extends RuntimeException {
    Busy(long waitedMillis) {
      super(
          "the metric queries running now hold this node's budget (waited "
              + waitedMillis
              + " ms); retry shortly");
    }
  }
}
