package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathway.api.cli.DemoDataGenerator;

/**
 * Bulk import over HTTP: the demo population goes in whole, a re-import appends nothing, bad lines
 * are named.
 */
class ImportApiIT extends ApiTestBase {

  private List<JsonNode> post(String ndjson) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/imports"))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", RebuildIT.basic("clinician"))
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/x-ndjson");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      lines.add(Api.JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void the_demo_population_imports_without_rejections_and_a_reimport_appends_nothing()
      throws Exception {
    StringWriter demo = new StringWriter();
    long commands = DemoDataGenerator.generate(60, 7, demo);
    long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

    List<JsonNode> first = post(demo.toString());
    JsonNode summary = first.get(first.size() - 1).get("summary");
    assertThat(summary.get("linesProcessed").asLong()).isEqualTo(commands);
    assertThat(first.stream().filter(l -> "rejected".equals(l.path("outcome").asText())).toList())
        .isEmpty();
    assertThat(summary.get("accepted").asLong()).isEqualTo(commands);
    long after = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    assertThat(after - before).isEqualTo(commands);

    List<JsonNode> again = post(demo.toString());
    JsonNode second = again.get(again.size() - 1).get("summary");
    assertThat(second.get("duplicates").asLong()).isEqualTo(commands);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
        .isEqualTo(after);

    String importId = summary.get("importId").asText();
    Api.Response progress = api.get("/imports/" + importId);
    assertThat(progress.text("state")).isEqualTo("FINISHED");
  }

  @Test
  void each_bad_line_is_rejected_with_a_problem_naming_the_field_and_the_rest_goes_in()
      throws Exception {
    String su = "0f0f0f0f-0000-4000-8000-000000000001";
    String ndjson =
        String.join(
            "\n",
            "{\"command\":\"RegisterServiceUser\",\"idempotencyKey\":\"imp-it-1\",\"serviceUserId\":\""
                + su
                + "\","
                + "\"nhsNumber\":\""
                + Api.nhsNumber()
                + "\",\"homeLocality\":\"N\",\"occurredAt\":\"2024-06-01T09:00:00Z\"}",
            "{\"command\":\"RecordCommunityContact\",\"idempotencyKey\":\"imp-it-2\",\"serviceUserId\":\""
                + su
                + "\","
                + "\"factId\":\"0f0f0f0f-0000-4000-8000-000000000002\",\"occurredAt\":\"2024-06-02T09:00:00Z\","
                + "\"attended\":true,\"contactMedium\":\"77\"}",
            "{\"command\":\"Teleport\",\"idempotencyKey\":\"imp-it-3\",\"serviceUserId\":\""
                + su
                + "\"}",
            "not json",
            "{\"command\":\"RecordCommunityContact\",\"serviceUserId\":\"" + su + "\"}",
            "{\"command\":\"RecordCommunityContact\",\"idempotencyKey\":\"imp-it-6\",\"serviceUserId\":\""
                + su
                + "\","
                + "\"factId\":\"0f0f0f0f-0000-4000-8000-000000000006\",\"occurredAt\":\"2024-06-02T09:00:00Z\","
                + "\"attended\":true,\"contactMedium\":\"01\"}");
    List<JsonNode> results = post(ndjson);
    results.sort(java.util.Comparator.comparingLong(n -> n.path("line").asLong(Long.MAX_VALUE)));
    assertThat(results.get(0).get("outcome").asText()).isEqualTo("accepted");
    assertThat(results.get(1).at("/problem/code").asText()).isEqualTo("INVALID_CODE");
    assertThat(results.get(1).at("/problem/field").asText()).isEqualTo("contactMedium");
    assertThat(results.get(2).at("/problem/field").asText()).isEqualTo("command");
    assertThat(results.get(3).at("/problem/code").asText()).isEqualTo("MALFORMED_REQUEST");
    assertThat(results.get(4).at("/problem/field").asText()).isEqualTo("idempotencyKey");
    assertThat(results.get(5).get("outcome").asText()).isEqualTo("accepted");
  }
}
