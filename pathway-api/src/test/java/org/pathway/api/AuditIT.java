package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tamper evidence: the application cannot change stored events; a privileged connection can
 * (triggers bypassed), and verification finds every edit, deletion and reordering. Each tamper is
 * undone afterwards.
 */
class AuditIT extends ApiTestBase {

  private Api auditor() {
    return api.as("auditor");
  }

  private void awaitSealed() {
    long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Long sealed = jdbc.queryForObject("SELECT max(global_index) FROM event_seal", Long.class);
      if (sealed != null && sealed >= head) {
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("not sealed up to " + head);
  }

  /**
   * Runs SQL as a superuser with triggers off (session_replication_role = replica), as an attacker
   * could.
   */
  private void privileged(Consumer<JdbcTemplate> tamper) {
    jdbc.execute(
        (org.springframework.jdbc.core.ConnectionCallback<Void>)
            con -> {
              boolean auto = con.getAutoCommit();
              con.setAutoCommit(false);
              try (var st = con.createStatement()) {
                st.execute("SET LOCAL session_replication_role = replica");
              }
              tamper.accept(
                  new JdbcTemplate(
                      new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                          con, true)));
              con.commit();
              con.setAutoCommit(auto);
              return null;
            });
  }

  private JsonNode verify() {
    Api.Response r = auditor().post("/audit/chain/verification", "");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body();
  }

  private long recordJourney() {
    UUID[] ids = registerWithReferral();
    admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    awaitSealed();
    return jdbc.queryForObject(
        "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
        Long.class,
        ids[0].toString());
  }

  @Test
  void the_chain_is_intact_and_its_head_is_published() {
    recordJourney();
    JsonNode result = verify();
    assertThat(result.get("intact").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.get("detail").asText()).startsWith("intact up to event ");
    JsonNode head = auditor().get("/audit/chain/head").body();
    assertThat(head.get("hash").asText()).isEqualTo(result.get("headHash").asText()).hasSize(64);
    assertThat(head.get("lastGlobalIndex").asLong())
        .isEqualTo(result.get("verifiedUpToGlobalIndex").asLong());
  }

  @Test
  void the_command_line_verifies_the_chain_and_exports_one_record() throws Exception {
    long index = recordJourney();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int code =
        org.pathway.api.cli.Cli.run(
            new String[] {"verify", "--url", "http://127.0.0.1:" + port},
            new java.io.PrintStream(out, true),
            System.err);
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("intact up to event ");
    String su =
        jdbc.queryForObject(
            "SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?",
            String.class,
            index);
    java.nio.file.Path file = java.nio.file.Files.createTempFile("export-", ".ndjson");
    assertThat(
            org.pathway.api.cli.Cli.run(
                new String[] {
                  "export",
                  file.toString(),
                  "--service-user",
                  su,
                  "--url",
                  "http://127.0.0.1:" + port
                },
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                System.err))
        .isZero();
    assertThat(java.nio.file.Files.readAllLines(file)).hasSize(3).allMatch(l -> l.contains(su));
    // the analyst's credentials are refused
    assertThat(
            org.pathway.api.cli.Cli.run(
                new String[] {"verify", "--url", "http://127.0.0.1:" + port, "--user", "analyst"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream())))
        .isEqualTo(1);
  }

  @Test
  void the_application_role_cannot_update_or_delete_events() {
    recordJourney();
    assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload_type = 'x'"))
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry"))
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM event_seal"))
        .rootCause()
        .hasMessageContaining("append-only");
  }

  @Test
  void an_edited_event_is_found() {
    long index = recordJourney();
    Map<String, Object> original =
        jdbc.queryForMap("SELECT payload FROM domain_event_entry WHERE global_index = ?", index);
    String edited =
        new String((byte[]) original.get("payload"), java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"legalStatus\":\"01\"", "\"legalStatus\":\"03\"");
    privileged(
        t ->
            t.update(
                "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                edited.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                index));
    try {
      JsonNode result = verify();
      assertThat(result.get("intact").asBoolean()).isFalse();
      assertThat(result.get("problem").asText()).isEqualTo("CONTENT_CHANGED");
      assertThat(result.get("atGlobalIndex").asLong()).isEqualTo(index);
    } finally {
      privileged(
          t ->
              t.update(
                  "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                  original.get("payload"),
                  index));
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void a_deleted_event_is_found() {
    long index = recordJourney();
    Map<String, Object> row =
        jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", index);
    privileged(t -> t.update("DELETE FROM domain_event_entry WHERE global_index = ?", index));
    try {
      JsonNode result = verify();
      assertThat(result.get("problem").asText()).isEqualTo("MISSING");
      assertThat(result.get("atGlobalIndex").asLong()).isEqualTo(index);
    } finally {
      privileged(
          t ->
              t.update(
                  "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,"
                      + " type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  row.get("global_index"),
                  row.get("event_identifier"),
                  row.get("aggregate_identifier"),
                  row.get("sequence_number"),
                  row.get("type"),
                  row.get("time_stamp"),
                  row.get("payload_type"),
                  row.get("payload_revision"),
                  row.get("payload"),
                  row.get("meta_data")));
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void reordered_events_are_found() {
    long second = recordJourney();
    long first = second - 1;
    privileged(
        t -> {
          t.update("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", first);
          t.update(
              "UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?",
              first,
              second);
          t.update(
              "UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", second);
        });
    try {
      JsonNode result = verify();
      assertThat(result.get("problem").asText()).isEqualTo("CONTENT_CHANGED");
      assertThat(result.get("atGlobalIndex").asLong()).isEqualTo(first);
    } finally {
      privileged(
          t -> {
            t.update(
                "UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", first);
            t.update(
                "UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?",
                first,
                second);
            t.update(
                "UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", second);
          });
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void the_history_between_two_recorded_times_lists_additions_corrections_and_voids()
      throws Exception {
    UUID[] ids = registerWithReferral();
    String base = "/service-users/" + ids[0];
    UUID spell = admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    String t1 = api.get(base + "/facts/" + spell).text("recordedAt");
    Thread.sleep(5);
    correct(ids[0], spell, Map.of("legalStatus", "03"), "2025-04-01T10:00:00Z");
    UUID contact = contact(ids[0], "2025-03-01T10:00:00Z", "01");
    enteredInError(ids[0], contact, "2025-04-01T10:00:00Z");
    JsonNode diff = auditor().get(base + "/history?from=" + t1).body().get("changes");
    assertThat(diff).hasSize(3);
    assertThat(diff.get(0).get("change").asText()).isEqualTo("CORRECTED");
    assertThat(diff.get(0).get("recordedBy").asText()).isEqualTo("clinician");
    assertThat(diff.get(1).get("change").asText()).isEqualTo("ADDED");
    assertThat(diff.get(2).get("change").asText()).isEqualTo("ENTERED_IN_ERROR");
    Api.Response bad = auditor().get(base + "/history?from=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text("field")).isEqualTo("from");
  }
}
