package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.pathway.projections.history.JourneyHistoryProjection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole stream exported as NDJSON and replayed into an empty installation gives identical
 * metric answers.
 */
class ExportReplayIT extends ApiTestBase {

  private static Map<String, JsonNode> answers(Api auditor) {
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (JsonNode family : auditor.get("/metrics").body()) {
      String q = "/metrics/" + family.get("metric").asText() + "?from=2024-04-01&to=2025-12-31";
      JsonNode body = auditor.get(q).body().deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("readModelState");
      answers.put(q, body);
    }
    return answers;
  }

  @Test
  void an_export_replayed_into_an_empty_installation_reaches_identical_answers() throws Exception {
    UUID[] ids = registerWithReferral();
    admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    awaitProjection();
    Api auditor = api.as("auditor");
    Map<String, JsonNode> here = answers(auditor);
    Api.Response export = auditor.get("/audit/export");
    assertThat(export.status()).isEqualTo(200);
    String ndjson = export.raw();
    long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    assertThat(ndjson.split("\n")).hasSize((int) events);
    Api.Response one = auditor.get("/audit/export?serviceUserId=" + ids[0]);
    assertThat(one.raw().split("\n")).hasSize(3);

    Path dataDir = Files.createTempDirectory("pathway-replay-");
    try (ConfigurableApplicationContext other =
        new SpringApplicationBuilder(PathwayApplication.class)
            .run(
                "--server.port=0",
                "--pathway.embedded.port=0",
                "--pathway.embedded.data-dir=" + dataDir)) {
      Api there = new Api(((WebServerApplicationContext) other).getWebServer().getPort(), "admin");
      Api.Response replayed =
          there.send("POST", "/admin/replay", ndjson, "Content-Type", "application/x-ndjson");
      assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
      assertThat(replayed.body().get("eventsReplayed").asLong()).isEqualTo(events);
      Api.Response again =
          there.send("POST", "/admin/replay", ndjson, "Content-Type", "application/x-ndjson");
      assertThat(again.status()).isEqualTo(409);

      JdbcTemplate otherJdbc = other.getBean(JdbcTemplate.class);
      long head =
          otherJdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
      TrackingEventProcessor processor =
          other
              .getBean(EventProcessingConfiguration.class)
              .eventProcessor(
                  JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
              .orElseThrow();
      Processors.await(processor, otherJdbc, head, Duration.ofSeconds(120));
      assertThat(answers(there.as("auditor"))).isEqualTo(here);
    }
  }
}
