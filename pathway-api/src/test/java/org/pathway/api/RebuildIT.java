package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.pathway.projections.history.JourneyHistoryProjection;

/**
 * Dropping every read model and replaying from the first event gives identical answers for every
 * metric.
 */
class RebuildIT extends ApiTestBase {

  private Map<String, JsonNode> everyAnswer(String asAt) {
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (JsonNode family : api.as("auditor").get("/metrics").body()) {
      String name = family.get("metric").asText();
      for (String by : iterable(family.get("breakdowns"))) {
        String q =
            "/metrics/"
                + name
                + "?from=2024-04-01&to=2025-09-30&by="
                + by
                + (asAt == null ? "" : "&asAt=" + asAt);
        Api.Response r = api.as("auditor").get(q);
        assertThat(r.status()).as(q + " " + r).isEqualTo(200);
        answers.put(q, r.body());
      }
      String records =
          "/metrics/"
              + name
              + "/records?from=2025-01-01&to=2025-03-31&limit=1000"
              + (asAt == null ? "" : "&asAt=" + asAt);
      answers.put(records, api.as("auditor").get(records).body());
    }
    return answers;
  }

  static String basic(String user) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + user + "-demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Iterable<String> iterable(JsonNode array) {
    java.util.List<String> values = new java.util.ArrayList<>();
    values.add("");
    array.forEach(v -> values.add(v.asText()));
    return values.stream().map(v -> v.isEmpty() ? "" : v).toList();
  }

  @Test
  void a_full_replay_rebuilds_every_read_model_to_the_same_answers() throws Exception {
    importDemo(150, 11);
    String midway =
        jdbc.queryForObject(
            "SELECT time_stamp FROM domain_event_entry ORDER BY global_index OFFSET"
                + " (SELECT count(*) / 2 FROM domain_event_entry) LIMIT 1",
            String.class);
    Map<String, JsonNode> now = everyAnswer(null);
    Map<String, JsonNode> then = everyAnswer(midway);
    Map<String, Object> rowCounts =
        jdbc.queryForMap(
            "SELECT (SELECT count(*) FROM fact_version) f, (SELECT count(*) FROM spell_version) s,"
                + " (SELECT count(*) FROM placement_version) p");

    TrackingEventProcessor processor =
        processing
            .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElseThrow();
    processor.shutDown();
    jdbc.execute("TRUNCATE fact_version, spell_version, placement_version");
    processor.resetTokens();
    processor.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!jdbc.queryForMap(
                "SELECT (SELECT count(*) FROM fact_version) f, (SELECT count(*) FROM spell_version) s,"
                    + " (SELECT count(*) FROM placement_version) p")
            .equals(rowCounts)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    awaitProjection();
    assertThat(everyAnswer(null)).isEqualTo(now);
    assertThat(everyAnswer(midway)).isEqualTo(then);
    assertThat(now.values().stream().anyMatch(a -> a.toString().contains("\"value\":0.0") == false))
        .isTrue();
  }
}
