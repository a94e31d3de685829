package org.pathway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A demo population as a trust's migration from its old system would bring it: every line with the
 * source's recorded time and author, so that the history was learnt over two years, as it happened,
 * not all at once.
 */
public final class MigratedDemo {
  private MigratedDemo() {}

  /**
   * The demo's command lines, each recorded 10 minutes to 3 days after it happened (one in 15
   * between 20 and 140 days late), in the journey's order, and never after 1 November 2026.
   */
  public static String of(String demo, Random random) throws Exception {
    StringBuilder out = new StringBuilder();
    Map<String, Instant> lastRecorded = new HashMap<>();
    for (String line : demo.split("\n")) {
      ObjectNode node = (ObjectNode) Api.JSON.readTree(line);
      String journey = node.path("serviceUserId").asText();
      Instant occurred =
          node.hasNonNull("occurredAt")
              ? Instant.parse(node.get("occurredAt").asText())
              : lastRecorded.get(journey);
      Instant recorded = occurred.plusSeconds(600 + random.nextInt(3 * 86_400));
      if (random.nextInt(15) == 0) {
        recorded = recorded.plusSeconds(86_400L * (20 + random.nextInt(120))); // learnt late
      }
      Instant before = lastRecorded.get(journey);
      if (before != null && recorded.isBefore(before)) {
        recorded = before.plusSeconds(1 + random.nextInt(3_600)); // the source's order
      }
      if (recorded.isAfter(Instant.parse("2026-11-01T00:00:00Z"))) {
        recorded = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(random.nextInt(86_400));
      }
      lastRecorded.put(journey, recorded);
      node.put("recordedAt", recorded.toString());
      node.put("recordedBy", "legacy:demo");
      out.append(Api.JSON.writeValueAsString(node)).append('\n');
    }
    return out.toString();
  }
}
