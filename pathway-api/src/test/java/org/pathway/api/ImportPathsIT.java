package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pathway.api.cli.DemoDataGenerator;
import org.pathway.api.imports.ImportService;
import org.pathway.api.imports.ImportService.LineResult;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bulk import judges each batch in memory and stores it at once; every batch that cannot commit
 * that way runs line by line, each line a command of its own. Both paths must store the same
 * history and give the same answers. One file goes in line by line, a copy of it (every id, key and
 * NHS number replaced) in memory; the two are compared event by event, row by row, answer by
 * answer. The file is a demo population, a migrated one and lines that are refused for every kind
 * of reason, including within one batch (a key used twice, a fact named before it is recorded, an
 * NHS number registered twice, a journey that does not exist).
 */
class ImportPathsIT extends ApiTestBase {
  private static final Pattern UUIDS =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Autowired ImportService imports;

  @Test
  void judged_in_memory_the_import_stores_and_answers_what_it_does_line_by_line() throws Exception {
    compare(ordinary(), null);
  }

  @Test
  void a_migration_judged_in_memory_stores_and_answers_what_it_does_line_by_line()
      throws Exception {
    StringWriter demo = new StringWriter();
    DemoDataGenerator.generate(40, 16, demo);
    String migrated = MigratedDemo.of(demo.toString(), new Random(5));
    // a line recorded before its journey's latest: refused, in memory as in the store
    String[] lines = migrated.split("\n");
    ObjectNode late = (ObjectNode) Api.JSON.readTree(lines[lines.length - 1]);
    late.put("idempotencyKey", "paths-late");
    late.put("factId", UUID.randomUUID().toString());
    late.put("recordedAt", "2020-01-01T00:00:00Z");
    compare(migrated + Api.JSON.writeValueAsString(late) + "\n", "legacy-system");
  }

  private static String ordinary() throws Exception {
    StringWriter demo = new StringWriter();
    DemoDataGenerator.generate(80, 8, demo);
    String[] lines = demo.toString().split("\n");
    JsonNode registration = Api.JSON.readTree(lines[0]);
    String su = registration.get("serviceUserId").asText();
    String nhs = registration.get("nhsNumber").asText();
    List<String> bad = new ArrayList<>();
    // the same line twice (the second a duplicate), a key reused with another request
    bad.add(lines[3]);
    ObjectNode reused = (ObjectNode) Api.JSON.readTree(lines[4]);
    reused.put("factId", UUID.randomUUID().toString());
    reused.put("idempotencyKey", Api.JSON.readTree(lines[2]).get("idempotencyKey").asText());
    bad.add(Api.JSON.writeValueAsString(reused));
    // a second registration of an NHS number and of a service user
    ObjectNode again = (ObjectNode) registration.deepCopy();
    again.put("idempotencyKey", "paths-nhs-again");
    again.put("serviceUserId", UUID.randomUUID().toString());
    bad.add(Api.JSON.writeValueAsString(again));
    ObjectNode sameId = (ObjectNode) registration.deepCopy();
    sameId.put("idempotencyKey", "paths-id-again");
    sameId.put("nhsNumber", Api.nhsNumber());
    bad.add(Api.JSON.writeValueAsString(sameId));
    // an invalid registration, a command on a journey that does not exist, a future contact,
    // a discharge of a spell that is not there, an unknown fact corrected
    ObjectNode invalid = (ObjectNode) registration.deepCopy();
    invalid.put("idempotencyKey", "paths-invalid");
    invalid.put("serviceUserId", UUID.randomUUID().toString());
    invalid.put("nhsNumber", "1234567890");
    bad.add(Api.JSON.writeValueAsString(invalid));
    String contact =
        "{\"command\":\"RecordCommunityContact\",\"idempotencyKey\":\"%s\",\"serviceUserId\":\"%s\","
            + "\"factId\":\"%s\",\"occurredAt\":\"%s\",\"contactMedium\":\"01\",\"attended\":true}";
    bad.add(
        contact.formatted(
            "paths-nobody", UUID.randomUUID(), UUID.randomUUID(), "2025-01-02T10:00:00Z"));
    bad.add(contact.formatted("paths-future", su, UUID.randomUUID(), "2099-01-02T10:00:00Z"));
    bad.add(
        ("{\"command\":\"DischargeServiceUser\",\"idempotencyKey\":\"paths-discharge\","
                + "\"serviceUserId\":\"%s\",\"factId\":\"%s\",\"spellId\":\"%s\","
                + "\"occurredAt\":\"2025-01-03T10:00:00Z\",\"dischargeMethod\":\"1\",\"dischargeDestination\":\"19\"}")
            .formatted(su, UUID.randomUUID(), UUID.randomUUID()));
    bad.add(
        ("{\"command\":\"CorrectFact\",\"idempotencyKey\":\"paths-correct\",\"serviceUserId\":\"%s\","
                + "\"factId\":\"%s\",\"targetFactId\":\"%s\",\"occurredAt\":\"2025-01-03T10:00:00Z\","
                + "\"changes\":{\"occurredAt\":\"2025-01-01T10:00:00Z\"},\"reason\":\"typo\"}")
            .formatted(su, UUID.randomUUID(), UUID.randomUUID()));
    // a fact that names one recorded later in the same file, then that one and the fact again
    String naming = lines[lines.length - 1];
    String named = lines[lines.length - 2];
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < lines.length - 2; i++) {
      file.append(lines[i]).append('\n');
    }
    file.append(naming).append('\n').append(named).append('\n');
    ObjectNode retried = (ObjectNode) Api.JSON.readTree(naming);
    retried.put("idempotencyKey", "paths-retried");
    file.append(Api.JSON.writeValueAsString(retried)).append('\n');
    bad.forEach(b -> file.append(b).append('\n'));
    assertThat(nhs).isNotBlank();
    return file.toString();
  }

  private void compare(String demo, String migratedFrom) throws Exception {
    // fresh ids, keys and NHS numbers, so that this file is new to the database whatever ran before
    String file = copy(demo, new HashMap<>(), new HashMap<>(), "paths" + UUID.randomUUID() + "-");
    Map<String, String> uuids = new HashMap<>(); // the copy's by the original's
    Map<String, String> nhs = new HashMap<>();
    String copy = copy(file, uuids, nhs, "copy-");

    ImportService.ImportProgress lineByLine = imports.startLineByLine("clinician", migratedFrom);
    List<LineResult> byLine = run(file, lineByLine);
    ImportService.ImportProgress judged = imports.start("clinician", migratedFrom);
    List<LineResult> inMemory = run(copy, judged);
    assertThat(lineByLine.snapshot().get("batches").toString()).contains("inMemory=0");
    // most batches in memory; the second registration of one NHS number under another service user
    // goes to another worker, and when the two workers' batches overlap in time the later insert
    // fails on the unique NHS number and that batch runs line by line (as it would on either path)
    @SuppressWarnings("unchecked")
    Map<String, Long> batches = (Map<String, Long>) judged.snapshot().get("batches");
    assertThat(batches.get("inMemory")).isGreaterThan(batches.get("lineByLine"));
    assertThat(batches.get("lineByLine")).isLessThanOrEqualTo(1);
    assertThat(inMemory).hasSameSizeAs(byLine);
    assertThat(byLine).anyMatch(r -> r.outcome().equals("accepted"));
    Map<String, String> back = new HashMap<>();
    uuids.forEach((original, replaced) -> back.put(replaced, original));
    for (int i = 0; i < byLine.size(); i++) {
      assertThat(answer(inMemory.get(i), back))
          .as("line " + (i + 1))
          .isEqualTo(answer(byLine.get(i), Map.of()));
    }
    if (migratedFrom == null) {
      assertThat(byLine.stream().map(LineResult::outcome).distinct())
          .contains("accepted", "duplicate", "rejected");
    } else {
      assertThat(byLine.get(byLine.size() - 1).outcome()).isEqualTo("rejected");
    }

    for (LineResult r : byLine) {
      if (r.serviceUserId() == null
          || !"RegisterServiceUser".equals(r.command())
          || !r.outcome().equals("accepted")) {
        continue;
      }
      String original = r.serviceUserId().toString();
      assertThat(events(uuids.get(original), back))
          .as("the events of " + original)
          .isEqualTo(events(original, Map.of()));
      Map<String, Object> identity = identity(original);
      Map<String, Object> copied = identity(uuids.get(original));
      copied.put(
          "nhs_number",
          nhs.entrySet().stream()
              .filter(e -> e.getValue().equals(copied.get("nhs_number")))
              .findFirst()
              .orElseThrow()
              .getKey());
      copied.put("service_user_id", original);
      assertThat(copied).isEqualTo(identity);
    }
  }

  /** The file with every UUID, idempotency key and NHS number replaced consistently. */
  private static String copy(
      String file, Map<String, String> uuids, Map<String, String> nhs, String keyPrefix)
      throws Exception {
    StringBuilder out = new StringBuilder();
    for (String line : file.split("\n")) {
      ObjectNode node = (ObjectNode) Api.JSON.readTree(line);
      node.put("idempotencyKey", keyPrefix + node.get("idempotencyKey").asText());
      if (node.hasNonNull("nhsNumber")) {
        String n = node.get("nhsNumber").asText();
        node.put(
            "nhsNumber",
            n.length() == 10 && !n.equals("1234567890")
                ? nhs.computeIfAbsent(n, k -> Api.nhsNumber())
                : n);
      }
      Matcher m = UUIDS.matcher(Api.JSON.writeValueAsString(node));
      StringBuilder replaced = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(
            replaced, uuids.computeIfAbsent(m.group(), k -> UUID.randomUUID().toString()));
      }
      m.appendTail(replaced);
      out.append(replaced).append('\n');
    }
    return out.toString();
  }

  private List<LineResult> run(String file, ImportService.ImportProgress progress)
      throws Exception {
    Path path = Files.createTempFile("import-paths-", ".ndjson");
    try {
      Files.writeString(path, file);
      List<LineResult> results = new ArrayList<>();
      imports.run(progress, path, results::add);
      assertThat(progress.snapshot().get("state")).isEqualTo("FINISHED");
      results.sort(java.util.Comparator.comparingLong(LineResult::line));
      return results;
    } finally {
      Files.delete(path);
    }
  }

  /** What a line was answered, ids mapped back to the original file's. */
  private static String answer(LineResult r, Map<String, String> back) throws Exception {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("line", r.line());
    a.put("outcome", r.outcome());
    a.put("command", r.command());
    a.put("serviceUserId", r.serviceUserId());
    a.put("factId", r.factId());
    if (r.problem() != null) {
      a.put("status", r.problem().getStatus());
      a.put("detail", r.problem().getDetail());
      a.put("properties", r.problem().getProperties());
    }
    return unmap(Api.JSON.writeValueAsString(a), back);
  }

  private static String unmap(String text, Map<String, String> back) {
    if (back.isEmpty()) {
      return text;
    }
    Matcher m = UUIDS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, back.getOrDefault(m.group(), m.group()));
    }
    m.appendTail(out);
    return out.toString().replace("copy-", "");
  }

  /** A journey's events as stored, but for what differs by nature (event ids, times, commands). */
  private List<String> events(String journey, Map<String, String> back) {
    return jdbc.query(
        "SELECT type, sequence_number, payload_type, payload_revision,"
            + " convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta"
            + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
        (rs, i) -> {
          try {
            ObjectNode meta = (ObjectNode) Api.JSON.readTree(rs.getString("meta"));
            assertThat(meta.get("correlationId")).isNotNull().isEqualTo(meta.get("traceId"));
            meta.remove("correlationId");
            meta.remove("traceId");
            Map<String, Object> e = new TreeMap<>();
            e.put("type", rs.getString("type"));
            e.put("sequence", rs.getLong("sequence_number"));
            e.put("payloadType", rs.getString("payload_type"));
            e.put("revision", rs.getString("payload_revision"));
            e.put("payload", Api.JSON.readTree(rs.getString("payload")));
            e.put("meta", Api.JSON.convertValue(meta, TreeMap.class)); // a map: order is no fact
            return unmap(Api.JSON.writeValueAsString(e), back);
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        },
        journey);
  }

  private Map<String, Object> identity(String serviceUserId) {
    Map<String, Object> row =
        new TreeMap<>(
            jdbc.queryForMap(
                "SELECT * FROM service_user_identity WHERE service_user_id = ?::uuid",
                serviceUserId));
    row.put("service_user_id", row.get("service_user_id").toString());
    row.remove("created_at");
    return row;
  }
}
