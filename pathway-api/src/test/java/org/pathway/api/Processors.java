package org.pathway.api;

import java.time.Duration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/** Waiting for a tracking processor: every one of its segments past an event. */
public final class Processors {
  private Processors() {}

  /** Whether this node processes every segment of the processor and each is at or past head. */
  public static boolean reached(TrackingEventProcessor processor, JdbcTemplate jdbc, long head) {
    long segments =
        jdbc.queryForObject(
            "SELECT count(*) FROM token_entry WHERE processor_name = ?",
            Long.class,
            processor.getName());
    var status = processor.processingStatus().values();
    return segments > 0
        && status.size() == segments
        && status.stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
  }

  public static void await(
      TrackingEventProcessor processor, JdbcTemplate jdbc, long head, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!reached(processor, jdbc, head)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(processor.getName() + " did not reach event " + head);
      }
      Thread.sleep(20);
    }
  }
}
