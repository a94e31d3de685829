package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Migration from another system: an administrator imports a journey whose lines carry the source's
 * recorded time and author; they are kept, the timeline and audit history say where the facts came
 * from, and the figures as at a past date are those the source would have given then.
 */
class MigrationImportIT extends ApiTestBase {
  private static final String SOURCE = "RiO (trust EPR)";

  private HttpResponse<String> send(String path, String user, String ndjson) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", RebuildIT.basic(user))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private List<JsonNode> migrate(String ndjson) throws Exception {
    HttpResponse<String> r =
        send(
            "/imports/migrations?source="
                + java.net.URLEncoder.encode(SOURCE, java.nio.charset.StandardCharsets.UTF_8),
            "admin",
            ndjson);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      lines.add(Api.JSON.readTree(line));
    }
    return lines;
  }

  private static String line(Object... keyValues) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return Api.JSON.writeValueAsString(m);
  }

  /** A journey as the source recorded it: admitted 1 May 2024, discharge entered on 20 May. */
  private String journey(UUID su, UUID ref, UUID spell, String prefix) throws Exception {
    return String.join(
        "\n",
        line(
            "command",
            "RegisterServiceUser",
            "idempotencyKey",
            prefix + "-1",
            "serviceUserId",
            su.toString(),
            "nhsNumber",
            Api.nhsNumber(),
            "homeLocality",
            "NORTH",
            "occurredAt",
            "2024-04-01T09:00:00Z",
            "recordedAt",
            "2024-04-01T09:30:00Z",
            "recordedBy",
            "rio:jsmith"),
        line(
            "command",
            "RecordReferral",
            "idempotencyKey",
            prefix + "-2",
            "serviceUserId",
            su.toString(),
            "factId",
            ref.toString(),
            "occurredAt",
            "2024-04-20T10:00:00Z",
            "sourceOfReferral",
            "A1",
            "teamTypeReferredTo",
            "A02",
            "priority",
            "URGENT",
            "recordedAt",
            "2024-04-20T11:00:00Z",
            "recordedBy",
            "rio:jsmith"),
        line(
            "command",
            "AdmitServiceUser",
            "idempotencyKey",
            prefix + "-3",
            "serviceUserId",
            su.toString(),
            "factId",
            spell.toString(),
            "occurredAt",
            "2024-05-01T10:00:00Z",
            "referralId",
            ref.toString(),
            "admissionMethod",
            "21",
            "admissionSource",
            "19",
            "legalStatus",
            "01",
            "placement",
            Api.placement("OAK", false, null, 4),
            "recordedAt",
            "2024-05-01T10:20:00Z",
            "recordedBy",
            "rio:wardclerk"),
        line(
            "command",
            "DischargeServiceUser",
            "idempotencyKey",
            prefix + "-4",
            "serviceUserId",
            su.toString(),
            "factId",
            UUID.randomUUID().toString(),
            "occurredAt",
            "2024-05-11T10:00:00Z",
            "spellId",
            spell.toString(),
            "dischargeMethod",
            "1",
            "dischargeDestination",
            "19",
            // entered nine days late in the source system
            "recordedAt",
            "2024-05-20T16:00:00Z",
            "recordedBy",
            "rio:wardclerk"));
  }

  @Test
  void migrated_facts_keep_their_source_recorded_time_and_author_for_every_as_at_answer()
      throws Exception {
    UUID su = UUID.randomUUID();
    UUID ref = UUID.randomUUID();
    UUID spell = UUID.randomUUID();
    String file = journey(su, ref, spell, "mig-" + su);
    awaitProjection();
    String may = "/metrics/length-of-stay?from=2024-05-01&to=2024-05-31&asAt=";
    double baselineBefore =
        figure(api.as("analyst").get(may + "2024-05-15T00:00:00Z"), "discharges");
    double baselineAfter =
        figure(api.as("analyst").get(may + "2024-05-21T00:00:00Z"), "discharges");
    List<JsonNode> results = migrate(file);
    JsonNode summary = results.get(results.size() - 1).get("summary");
    assertThat(summary.get("accepted").asLong()).as(results.toString()).isEqualTo(4);
    assertThat(summary.get("migratedFrom").asText()).isEqualTo(SOURCE);

    // the timeline: the source's recorded time and author, and where it came from
    Api.Response timeline = api.get("/service-users/" + su + "/timeline");
    assertThat(timeline.status()).isEqualTo(200);
    JsonNode admission = null;
    for (JsonNode f : timeline.body().get("facts")) {
      assertThat(f.get("migratedFrom").asText()).isEqualTo(SOURCE);
      if (f.get("factId").asText().equals(spell.toString())) {
        admission = f;
      }
    }
    assertThat(admission.get("recordedAt").asText()).isEqualTo("2024-05-01T10:20:00Z");
    assertThat(admission.get("recordedBy").asText()).isEqualTo("rio:wardclerk");
    // as known on 15 May 2024 the discharge had not been entered
    Api.Response known = api.get("/service-users/" + su + "/timeline?asAt=2024-05-15T00:00:00Z");
    assertThat(known.body().get("facts")).hasSize(3);

    // the audit history says the same
    JsonNode changes =
        api.as("auditor").get("/service-users/" + su + "/history").body().get("changes");
    assertThat(changes).hasSize(4);
    changes.forEach(c -> assertThat(c.get("migratedFrom").asText()).isEqualTo(SOURCE));
    assertThat(changes.get(3).get("recordedAt").asText()).isEqualTo("2024-05-20T16:00:00Z");

    // the figures: as at 15 May 2024 this spell is no discharge of May; as at 21 May it is one, of
    // 10 days (other tests' migrations share the database: the figures move by this spell only)
    awaitProjection();
    String q = "/metrics/length-of-stay?from=2024-05-01&to=2024-05-31";
    Api.Response before = api.as("analyst").get(q + "&asAt=2024-05-15T00:00:00Z");
    Api.Response after = api.as("analyst").get(q + "&asAt=2024-05-21T00:00:00Z");
    assertThat(figure(before, "discharges") - baselineBefore).isZero();
    assertThat(figure(after, "discharges") - baselineAfter).isEqualTo(1.0);
    String records = "/metrics/length-of-stay/records?from=2024-05-01&to=2024-05-31&asAt=";
    assertThat(spellRecords(records + "2024-05-15T00:00:00Z", spell)).isEmpty();
    List<JsonNode> discharged = spellRecords(records + "2024-05-21T00:00:00Z", spell);
    assertThat(discharged).hasSize(1);
    assertThat(discharged.get(0).get("los").asInt()).isEqualTo(10);

    // the stored event keeps the truth about when Pathway stored it, beside the source's time
    Map<String, Object> stored =
        jdbc.queryForMap(
            "SELECT time_stamp, convert_from(meta_data, 'UTF8')::jsonb AS meta FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 2",
            su.toString());
    JsonNode meta = Api.JSON.readTree(stored.get("meta").toString());
    assertThat(meta.get("recordedAt").asText()).isEqualTo("2024-05-01T10:20:00Z");
    assertThat(meta.get("author").asText()).isEqualTo("rio:wardclerk");
    assertThat(meta.get("migratedBy").asText()).isEqualTo("admin");
    assertThat(java.time.Instant.parse(stored.get("time_stamp").toString()))
        .isAfter(java.time.Instant.parse("2026-01-01T00:00:00Z"));

    // a re-run of the same file appends nothing
    long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    List<JsonNode> again = migrate(file);
    assertThat(again.get(again.size() - 1).get("summary").get("duplicates").asLong()).isEqualTo(4);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
        .isEqualTo(events);
  }

  /** The drill-down records of one spell, as the auditor (who sees internal ids) reads them. */
  private List<JsonNode> spellRecords(String path, UUID spell) {
    Api.Response r = api.as("auditor").get(path);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> found = new java.util.ArrayList<>();
    r.body()
        .get("records")
        .forEach(
            rec -> {
              if (rec.path("spellId").asText().equals(spell.toString())) {
                found.add(rec);
              }
            });
    return found;
  }

  private static double figure(Api.Response r, String name) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    for (JsonNode f : r.body().get("total").get("figures")) {
      if (f.get("name").asText().equals(name)) {
        return f.get("value").asDouble();
      }
    }
    throw new AssertionError("no figure " + name + " in " + r);
  }

  @Test
  void only_administrators_migrate_and_bad_provenance_is_refused_line_by_line() throws Exception {
    UUID su = UUID.randomUUID();
    UUID ref = UUID.randomUUID();
    UUID spell = UUID.randomUUID();
    String file = journey(su, ref, spell, "mig-bad-" + su);
    assertThat(send("/imports/migrations?source=RiO", "clinician", file).statusCode())
        .isEqualTo(403);
    assertThat(send("/imports/migrations", "admin", file).statusCode()).isEqualTo(400);
    // an ordinary import does not take a recorded time
    HttpResponse<String> ordinary = send("/imports", "clinician", file);
    assertThat(ordinary.body().split("\n")[0])
        .contains("\"rejected\"")
        .contains("recordedAt and recordedBy are taken only by a migration import");

    String[] lines = file.split("\n");
    String registration = lines[0];
    String referral = lines[1];
    List<JsonNode> results =
        migrate(
            String.join(
                "\n",
                registration,
                // no recordedAt
                referral.replace(",\"recordedAt\":\"2024-04-20T11:00:00Z\"", ""),
                // recorded before it happened
                referral
                    .replace("2024-04-20T11:00:00Z", "2024-04-19T11:00:00Z")
                    .replace("-2\"", "-2b\""),
                // recorded in the future
                referral
                    .replace("2024-04-20T11:00:00Z", "2099-01-01T00:00:00Z")
                    .replace("-2\"", "-2c\""),
                // recorded before the journey's last stored fact
                referral
                    .replace("2024-04-20T11:00:00Z", "2024-04-01T09:00:00Z")
                    .replace("2024-04-20T10:00:00Z", "2024-04-01T08:00:00Z")
                    .replace("-2\"", "-2d\""),
                // and the good line still goes in
                referral));
    assertThat(results.get(0).get("outcome").asText()).isEqualTo("accepted");
    assertThat(results.get(1).at("/problem/detail").asText()).contains("recordedAt");
    assertThat(results.get(2).at("/problem/detail").asText()).contains("before occurredAt");
    assertThat(results.get(3).at("/problem/detail").asText()).contains("after the migration");
    assertThat(results.get(4).at("/problem/code").asText()).isEqualTo("RECORDED_OUT_OF_ORDER");
    assertThat(results.get(4).at("/problem/status").asInt()).isEqualTo(409);
    assertThat(results.get(5).get("outcome").asText()).as(results.toString()).isEqualTo("accepted");
  }
}
