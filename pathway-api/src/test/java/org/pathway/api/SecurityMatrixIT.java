package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole role × endpoint matrix of docs/security.md: for every endpoint and every role (and no
 * one), whether the request gets past security (any status but 401/403) or is refused with 401 (not
 * signed in) or 403 (wrong role).
 */
class SecurityMatrixIT extends ApiTestBase {
  private static final String ANON = null;
  private static final List<String> ROLES =
      java.util.Arrays.asList(ANON, "clinician", "analyst", "auditor", "admin");

  private UUID su;
  private UUID spell;

  @BeforeEach
  void journey() {
    UUID[] ids = registerWithReferral();
    su = ids[0];
    spell = admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
  }

  private record Cell(String method, String path, String body, List<String> allowed) {}

  private List<Cell> matrix() {
    String s = "/service-users/" + su;
    String contact =
        "{\"occurredAt\":\"2025-03-03T10:00:00Z\",\"attended\":true,\"contactMedium\":\"01\"}";
    List<Cell> m = new ArrayList<>();
    m.add(new Cell("POST", "/service-users", "{}", List.of("clinician")));
    m.add(new Cell("POST", s + "/community-contacts", contact, List.of("clinician")));
    m.add(
        new Cell(
            "POST", s + "/spells/" + spell + "/legal-status-changes", "{}", List.of("clinician")));
    m.add(new Cell("POST", s + "/facts/" + spell + "/corrections", "{}", List.of("clinician")));
    m.add(new Cell("POST", "/imports", "", List.of("clinician")));
    m.add(new Cell("GET", s, null, List.of("clinician", "auditor")));
    m.add(new Cell("GET", s + "/timeline", null, List.of("clinician", "auditor")));
    m.add(
        new Cell(
            "GET",
            s + "/timeline?asAt=2025-01-01T00:00:00Z",
            null,
            List.of("clinician", "auditor")));
    m.add(new Cell("GET", s + "/facts/" + spell, null, List.of("clinician", "auditor")));
    m.add(new Cell("GET", s + "/history", null, List.of("auditor")));
    m.add(new Cell("GET", "/imports", null, List.of("clinician", "admin")));
    m.add(new Cell("GET", "/metrics", null, List.of("analyst", "auditor")));
    m.add(
        new Cell(
            "GET",
            "/metrics/length-of-stay?from=2025-03-01&to=2025-03-31",
            null,
            List.of("analyst", "auditor")));
    m.add(
        new Cell(
            "GET",
            "/metrics/length-of-stay/records?from=2025-03-01&to=2025-03-31",
            null,
            List.of("analyst", "auditor")));
    m.add(
        new Cell(
            "GET",
            "/metrics/bed-days/series?from=2025-01&to=2025-03",
            null,
            List.of("analyst", "auditor")));
    m.add(new Cell("GET", "/audit/chain/head", null, List.of("auditor")));
    m.add(new Cell("POST", "/audit/chain/verification", "", List.of("auditor")));
    m.add(new Cell("GET", "/audit/access-log", null, List.of("auditor")));
    m.add(new Cell("GET", "/audit/export?serviceUserId=" + su, null, List.of("auditor")));
    m.add(new Cell("GET", "/admin/rebuilds", null, List.of("auditor", "admin")));
    m.add(new Cell("POST", "/admin/replay", "x", List.of("admin")));
    m.add(new Cell("GET", "/actuator/info", null, List.of("auditor", "admin")));
    m.add(
        new Cell(
            "GET",
            "/actuator/health",
            null,
            java.util.Arrays.asList(ANON, "clinician", "analyst", "auditor", "admin")));
    m.add(
        new Cell(
            "GET",
            "/v3/api-docs",
            null,
            java.util.Arrays.asList(ANON, "clinician", "analyst", "auditor", "admin")));
    m.add(new Cell("POST", "/imports/migrations?source=legacy", "", List.of("admin")));
    m.add(new Cell("GET", "/data-quality", null, List.of("clinician", "analyst")));
    m.add(new Cell("GET", s + "/fhir", null, List.of("clinician", "auditor")));
    m.add(new Cell("GET", "/fhir/$export", null, List.of("auditor")));
    m.add(
        new Cell(
            "GET",
            "/code-lists/mhsds-delay-reason",
            null,
            List.of("clinician", "analyst", "auditor", "admin")));
    m.add(new Cell("GET", "/extracts/mhsds/2025-03", null, List.of("analyst", "admin")));
    m.add(new Cell("GET", "/actuator/prometheus", null, List.of("admin")));
    m.add(new Cell("GET", "/nowhere", null, List.of()));
    return m;
  }

  @Test
  void every_role_reaches_exactly_what_the_matrix_allows() {
    Map<String, String> wrong = new LinkedHashMap<>();
    for (Cell cell : matrix()) {
      for (String role : ROLES) {
        Api.Response r =
            api.as(role)
                .send(
                    cell.method(),
                    cell.path(),
                    cell.body(),
                    cell.path().startsWith("/imports") || cell.path().startsWith("/admin/replay")
                        ? new String[] {"Content-Type", "application/x-ndjson"}
                        : new String[0]);
        boolean allowed = cell.allowed().stream().anyMatch(a -> java.util.Objects.equals(a, role));
        int status = r.status();
        boolean ok =
            allowed
                ? status != 401 && status != 403
                : (role == null && !cell.path().equals("/nowhere")
                    ? status == 401
                    : status == 403 || status == 401);
        if (!ok) {
          wrong.put(cell.method() + " " + cell.path() + " as " + role, status + " " + r.body());
        }
        if (status == 401 || status == 403) {
          assertThat(r.header("Content-Type")).startsWith("application/problem+json");
          assertThat(r.text("code")).isIn("UNAUTHENTICATED", "FORBIDDEN");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void a_wrong_password_is_401_and_records_nothing() {
    long before = eventCount(su);
    Api.Response r =
        api.post(
            "/service-users/" + su + "/community-contacts",
            Api.json("occurredAt", "2025-03-03T10:00:00Z", "attended", true, "contactMedium", "01"),
            "Authorization",
            "Basic " + java.util.Base64.getEncoder().encodeToString("clinician:nope".getBytes()));
    assertThat(r.status()).isEqualTo(401);
    assertThat(eventCount(su)).isEqualTo(before);
  }

  @Test
  void analysts_see_pseudonyms_never_internal_ids_and_auditors_see_internal_ids() {
    awaitProjection();
    String q = "/metrics/bed-days/records?from=2025-03-01&to=2025-03-31";
    Api.Response analyst = api.as("analyst").get(q);
    assertThat(analyst.text("ids")).isEqualTo("pseudonymised");
    assertThat(analyst.body().toString())
        .doesNotContain(su.toString())
        .doesNotContain(spell.toString());
    // other classes' populations share the month: the auditor pages until the spell's records
    StringBuilder audited = new StringBuilder();
    Api.Response auditor = api.as("auditor").get(q);
    audited.append(auditor.body());
    while (!audited.toString().contains(spell.toString()) && auditor.body().hasNonNull("next")) {
      auditor = api.as("auditor").get(q + "&after=" + auditor.body().get("next").asText());
      audited.append(auditor.body());
    }
    assertThat(audited.toString()).contains(spell.toString());
    // stable: the same record has the same pseudonym in a second query
    assertThat(api.as("analyst").get(q).body()).isEqualTo(analyst.body());
  }

  @Test
  void every_read_of_identified_data_is_in_the_access_log_which_the_application_cannot_alter() {
    api.as("auditor").get("/service-users/" + su + "/timeline");
    api.get("/service-users/" + su);
    Api.Response log = api.as("auditor").get("/audit/access-log?serviceUserId=" + su);
    assertThat(log.status()).isEqualTo(200);
    List<String> who = new ArrayList<>();
    log.body()
        .forEach(
            e ->
                who.add(
                    e.get("principal").asText()
                        + " "
                        + e.get("role").asText()
                        + " "
                        + e.get("endpoint").asText()));
    assertThat(who)
        .contains(
            "auditor AUDITOR /service-users/" + su + "/timeline",
            "clinician CLINICIAN /service-users/" + su);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("DELETE FROM access_log"))
        .rootCause()
        .hasMessageContaining("append-only");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> jdbc.update("UPDATE access_log SET principal = 'x'"))
        .rootCause()
        .hasMessageContaining("append-only");
  }
}
