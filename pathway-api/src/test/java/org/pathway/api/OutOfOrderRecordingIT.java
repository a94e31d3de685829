package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pathway.api.cli.DemoDataGenerator;

/**
 * True histories learnt out of order, over real HTTP: the cases issue 8 found refused, the
 * data-quality questions they leave until resolved, and a realistic population imported in a random
 * order (respecting only "a fact after the fact it names") that ends in exactly the same
 * contributing records of every metric as the same population imported in clinical order.
 */
class OutOfOrderRecordingIT extends ApiTestBase {
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Api.Response leave(UUID su, UUID spell, String at, Object end) {
    ObjectNode body = Api.json("occurredAt", at, "leaveType", "HOME_LEAVE");
    if (end != null) {
      body.set("end", Api.JSON.valueToTree(end));
    }
    return api.post("/service-users/" + su + "/spells/" + spell + "/leaves", body);
  }

  @Test
  void an_end_recorded_after_the_next_start_and_a_complete_past_leave_are_accepted() {
    UUID[] ids = registerWithReferral();
    UUID su = ids[0];
    UUID spell = admit(su, ids[1], "2025-03-02T10:00:00Z");
    String spells = "/service-users/" + su + "/spells/" + spell;
    UUID first = leave(su, spell, "2025-03-05T10:00:00Z", null).id("factId");
    // the next leave is recorded before the first one's end: accepted, the first flagged
    Api.Response second = leave(su, spell, "2025-03-08T10:00:00Z", null);
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    awaitProjection();
    List<JsonNode> questions = list(api.get("/service-users/" + su + "/data-quality").body());
    assertThat(questions).hasSize(1);
    assertThat(questions.get(0).get("code").asText()).isEqualTo("LEAVE_END_NOT_RECORDED");
    assertThat(questions.get(0).get("factId").asText()).isEqualTo(first.toString());
    assertThat(questions.get(0).at("/resolvedBy/path").asText())
        .isEqualTo(spells + "/leaves/" + first + "/end");
    assertThat(api.get("/service-users/" + su + "/timeline").body().get("questions")).hasSize(1);
    // the end arrives late and resolves the question
    Api.Response end =
        api.post(
            spells + "/leaves/" + first + "/end", Api.json("occurredAt", "2025-03-06T18:00:00Z"));
    assertThat(end.status()).as(end.toString()).isEqualTo(201);
    // a complete past leave before both, in one request
    Api.Response past =
        leave(su, spell, "2025-03-03T09:00:00Z", Map.of("occurredAt", "2025-03-03T20:00:00Z"));
    assertThat(past.status()).as(past.toString()).isEqualTo(201);
    assertThat(past.text("endFactId")).isNotBlank();
    awaitProjection();
    assertThat(list(api.get("/service-users/" + su + "/data-quality").body())).isEmpty();
    // a leave inside a known one is a conflict naming both
    Api.Response overlap =
        leave(su, spell, "2025-03-06T10:00:00Z", Map.of("occurredAt", "2025-03-06T12:00:00Z"));
    assertThat(overlap.status()).isEqualTo(409);
    assertThat(overlap.text("code")).isEqualTo("LEAVES_OVERLAP");
    assertThat(overlap.text("conflictingFactId")).isEqualTo(first.toString());
  }

  @Test
  void a_journey_without_a_community_team_has_its_questions_listed_too() {
    com.fasterxml.jackson.databind.node.ObjectNode registration = Api.registration();
    registration.remove("communityTeam");
    UUID su = api.post("/service-users", registration).id("serviceUserId");
    UUID referral =
        api.post(
                "/service-users/" + su + "/referrals",
                Api.json(
                    "occurredAt", "2025-03-01T10:00:00Z",
                    "sourceOfReferral", "A1",
                    "teamTypeReferredTo", "A02",
                    "priority", "URGENT"))
            .id("factId");
    admit(su, referral, "2025-02-27T10:00:00Z");
    awaitProjection();
    assertThat(
            list(api.get("/data-quality?limit=1000").body().get("questions")).stream()
                .filter(q -> q.get("serviceUserId").asText().equals(su.toString()))
                .map(q -> q.get("code").asText() + " " + q.get("communityTeam")))
        .containsExactly("ADMISSION_BEFORE_REFERRAL null");
  }

  @Test
  void a_complete_past_spell_an_admission_before_its_referral_and_a_second_acceptance() {
    UUID[] ids = registerWithReferral(); // referral received 2025-03-01T10:00Z
    UUID su = ids[0];
    ObjectNode body = (ObjectNode) Api.JSON.valueToTree(admission(ids[1], "2025-02-27T22:00:00Z"));
    body.set(
        "discharge",
        Api.json(
            "occurredAt",
            "2025-03-04T10:00:00Z",
            "dischargeMethod",
            "1",
            "dischargeDestination",
            "19"));
    Api.Response spell = api.post("/service-users/" + su + "/spells", body);
    assertThat(spell.status()).as(spell.toString()).isEqualTo(201);
    assertThat(spell.text("endFactId")).isNotBlank();
    assertThat(eventCount(su)).isEqualTo(4); // registration, referral, admission, discharge
    awaitProjection();
    List<JsonNode> questions = list(api.get("/service-users/" + su + "/data-quality").body());
    assertThat(questions)
        .extracting(q -> q.get("code").asText())
        .containsExactly("ADMISSION_BEFORE_REFERRAL");
    // clinicians see the team's questions with ids; analysts only pseudonyms, no detail
    JsonNode team = api.get("/data-quality?team=CMHT-N&limit=1000").body();
    assertThat(team.get("ids").asText()).isEqualTo("internal");
    assertThat(list(team.get("questions")))
        .anyMatch(q -> q.get("serviceUserId").asText().equals(su.toString()));
    JsonNode analyst = api.as("analyst").get("/data-quality?team=CMHT-N&limit=1000").body();
    assertThat(analyst.get("ids").asText()).isEqualTo("pseudonymised");
    assertThat(analyst.toString()).doesNotContain(su.toString());
    assertThat(list(analyst.get("questions"))).allMatch(q -> q.get("detail").isNull());
    assertThat(api.as("auditor").get("/data-quality").status()).isEqualTo(403);

    String referral = "/service-users/" + su + "/referrals/" + ids[1];
    assertThat(
            api.post(referral + "/acceptance", Api.json("occurredAt", "2025-03-01T11:00:00Z"))
                .status())
        .isEqualTo(201);
    Api.Response again =
        api.post(referral + "/acceptance", Api.json("occurredAt", "2025-03-01T12:00:00Z"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("code")).isEqualTo("REFERRAL_ALREADY_ACCEPTED");
    assertThat(again.text("conflictingFactId")).isNotBlank();
  }

  @Test
  void a_population_imported_in_random_order_gives_the_same_records_as_in_clinical_order()
      throws Exception {
    StringWriter demo = new StringWriter();
    DemoDataGenerator.generate(80, 23, demo);
    // fresh ids and NHS numbers, so that no other test's demo population collides with this one
    Map<String, String> fresh = new HashMap<>();
    List<ObjectNode> inOrder = new ArrayList<>();
    for (String line : demo.toString().split("\n")) {
      inOrder.add((ObjectNode) renamed(Api.JSON.readTree(line), fresh));
    }
    Map<String, String> copyOf = new HashMap<>();
    List<ObjectNode> copy = new ArrayList<>();
    for (ObjectNode line : inOrder) {
      copy.add((ObjectNode) renamed(line, copyOf));
    }
    List<ObjectNode> shuffled = shuffle(copy, new Random(5));
    assertThat(shuffled).isNotEqualTo(copy);

    assertThat(rejected(importLines(inOrder))).isEmpty();
    assertThat(rejected(importLines(shuffled))).as("lines refused in random order").isEmpty();
    awaitProjection();

    Map<String, String> original = new HashMap<>();
    copyOf.forEach((from, to) -> original.put(to, from));
    Set<String> firstPopulation = new HashSet<>();
    inOrder.forEach(l -> firstPopulation.add(l.path("serviceUserId").asText()));
    JsonNode families = api.as("analyst").get("/metrics").body();
    assertThat(families.size()).isGreaterThan(5);
    for (JsonNode family : families) {
      String name = family.path("metric").asText();
      List<JsonNode> records =
          allRecords("/metrics/" + name + "/records?from=2024-04-01&to=2026-10-31");
      List<String> first = new ArrayList<>();
      List<String> second = new ArrayList<>();
      for (JsonNode row : records) {
        String su = row.path("serviceUserId").asText();
        if (firstPopulation.contains(su)) {
          first.add(row.toString());
        } else if (original.containsKey(su)) {
          second.add(renamed(row, original).toString());
        }
      }
      assertThat(second).as(name).isNotEmpty().containsExactlyInAnyOrderElementsOf(first);
    }
  }

  /** Every page of a drill-down, following its cursors. */
  private List<JsonNode> allRecords(String url) {
    List<JsonNode> all = new ArrayList<>();
    String after = null;
    do {
      JsonNode page =
          api.as("auditor")
              .get(url + "&limit=250" + (after == null ? "" : "&after=" + after))
              .body();
      page.path("records").forEach(all::add);
      after = page.path("next").isTextual() ? page.path("next").asText() : null;
    } while (after != null);
    return all;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  /** Every id replaced consistently (a second population with the same history). */
  private static JsonNode renamed(JsonNode node, Map<String, String> mapping) {
    if (node.isTextual() && UUID_TEXT.matcher(node.asText()).matches()) {
      return TextNode.valueOf(
          mapping.computeIfAbsent(node.asText(), k -> UUID.randomUUID().toString()));
    }
    if (node.isObject()) {
      ObjectNode copy = Api.JSON.createObjectNode();
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("idempotencyKey")) {
                  copy.put("idempotencyKey", "copy-" + e.getValue().asText());
                } else if (e.getKey().equals("nhsNumber")) {
                  copy.put("nhsNumber", Api.nhsNumber());
                } else {
                  copy.set(e.getKey(), renamed(e.getValue(), mapping));
                }
              });
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = Api.JSON.createArrayNode();
      node.forEach(n -> copy.add(renamed(n, mapping)));
      return copy;
    }
    return node;
  }

  /**
   * A random order of the lines in which each journey starts with its registration and every line
   * comes after the lines that record the facts it names; journeys interleave.
   */
  private static List<ObjectNode> shuffle(List<ObjectNode> lines, Random random) {
    Map<String, ObjectNode> recordedBy = new HashMap<>();
    for (ObjectNode l : lines) {
      for (String id : ids(l)) {
        recordedBy.put(id, l);
      }
    }
    Map<ObjectNode, Set<ObjectNode>> needs = new LinkedHashMap<>();
    Map<String, ObjectNode> registrations = new HashMap<>();
    for (ObjectNode l : lines) {
      if (l.path("command").asText().equals("RegisterServiceUser")) {
        registrations.put(l.path("serviceUserId").asText(), l);
      }
    }
    for (ObjectNode l : lines) {
      Set<ObjectNode> deps = new HashSet<>();
      l.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("factId") && recordedBy.containsKey(e.getValue().asText())) {
                  deps.add(recordedBy.get(e.getValue().asText()));
                }
              });
      ObjectNode registration = registrations.get(l.path("serviceUserId").asText());
      if (registration != null && registration != l) {
        deps.add(registration);
      }
      deps.remove(l);
      needs.put(l, deps);
    }
    // A fact recorded wrongly, voided and recorded again (the demo's mistaken discharge): the
    // voided fact is not part of the true history, and its replacement would conflict with it
    // while it stands, so a later fact of the same kind comes after the void.
    for (int v = 0; v < lines.size(); v++) {
      ObjectNode voiding = lines.get(v);
      if (!voiding.path("command").asText().equals("MarkEnteredInError")) {
        continue;
      }
      ObjectNode target = recordedBy.get(voiding.path("targetFactId").asText());
      for (ObjectNode later : lines.subList(v + 1, lines.size())) {
        if (target != null
            && later.path("serviceUserId").equals(voiding.path("serviceUserId"))
            && later.path("command").equals(target.path("command"))) {
          needs.get(later).add(voiding);
        }
      }
    }
    List<ObjectNode> order = new ArrayList<>();
    Set<ObjectNode> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<ObjectNode> remaining = new ArrayList<>(lines);
    while (!remaining.isEmpty()) {
      List<ObjectNode> ready =
          remaining.stream().filter(l -> done.containsAll(needs.get(l))).toList();
      ObjectNode next = ready.get(random.nextInt(ready.size()));
      remaining.remove(next);
      order.add(next);
      done.add(next);
    }
    return order;
  }

  private static List<String> ids(ObjectNode line) {
    List<String> ids = new ArrayList<>();
    if (line.hasNonNull("factId")) {
      ids.add(line.get("factId").asText());
    }
    for (String end : List.of("end", "discharge")) {
      if (line.path(end).hasNonNull("factId")) {
        ids.add(line.path(end).get("factId").asText());
      }
    }
    if (line.path("command").asText().equals("RegisterServiceUser")) {
      ids.add(line.path("serviceUserId").asText());
    }
    return ids;
  }

  private List<JsonNode> importLines(List<ObjectNode> lines) throws Exception {
    StringBuilder ndjson = new StringBuilder();
    lines.forEach(l -> ndjson.append(l).append('\n'));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/imports"))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", RebuildIT.basic("clinician"))
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> results = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      results.add(Api.JSON.readTree(line));
    }
    return results;
  }

  private static List<String> rejected(List<JsonNode> results) {
    return results.stream()
        .filter(l -> "rejected".equals(l.path("outcome").asText()))
        .map(JsonNode::toString)
        .toList();
  }
}
