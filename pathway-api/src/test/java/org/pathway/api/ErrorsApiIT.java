package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathway.api.Api.json;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every client error is a problem detail naming what was wrong, and changes nothing. */
class ErrorsApiIT extends ApiTestBase {

  private static void problem(Api.Response r, int status, String code, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.text("code")).as(r.toString()).isEqualTo(code);
    assertThat(r.text("title")).isNotBlank();
    assertThat(r.text("detail")).isNotBlank();
    if (field != null) {
      assertThat(r.text("field")).as(r.toString()).isEqualTo(field);
    }
  }

  @Test
  void a_missing_field_is_a_400_naming_it() {
    UUID[] ids = registerWithReferral();
    long before = eventCount(ids[0]);
    Api.Response r =
        api.post(
            "/service-users/" + ids[0] + "/spells",
            json(
                "occurredAt",
                "2025-03-02T10:00:00Z",
                "referralId",
                ids[1].toString(),
                "admissionMethod",
                "21",
                "admissionSource",
                "19",
                "placement",
                Api.placement("OAK", false, null, 1)));
    problem(r, 400, "INVALID_FIELD_VALUE", "legalStatus");
    assertThat(eventCount(ids[0])).isEqualTo(before);
  }

  @Test
  void a_nested_missing_field_is_named_by_its_path() {
    UUID[] ids = registerWithReferral();
    Map<String, Object> placement = Api.placement("OAK", false, null, 1);
    placement.remove("bedType");
    Api.Response r =
        api.post(
            "/service-users/" + ids[0] + "/spells",
            admission(ids[1], "2025-03-02T10:00:00Z", placement));
    problem(r, 400, "INVALID_FIELD_VALUE", "placement.bedType");
  }

  @Test
  void malformed_json_and_wrong_types_are_400() {
    UUID su = register();
    problem(
        api.post("/service-users/" + su + "/community-contacts", "{not json"),
        400,
        "MALFORMED_REQUEST",
        null);
    problem(
        api.post(
            "/service-users/" + su + "/community-contacts",
            json("occurredAt", "yesterday", "attended", true, "contactMedium", "01")),
        400,
        "MALFORMED_REQUEST",
        "occurredAt");
    problem(
        api.post(
            "/service-users/" + su + "/community-contacts",
            json(
                "occurredAt",
                "2025-03-01T10:00:00Z",
                "attended",
                true,
                "contactMedium",
                "01",
                "nhsNumber",
                "x")),
        400,
        "MALFORMED_REQUEST",
        "nhsNumber");
  }

  @Test
  void an_invalid_code_is_a_400_naming_the_field() {
    UUID[] ids = registerWithReferral();
    Api.Response r =
        api.post(
            "/service-users/" + ids[0] + "/community-contacts",
            json("occurredAt", "2025-03-01T10:00:00Z", "attended", true, "contactMedium", "77"));
    problem(r, 400, "INVALID_CODE", "contactMedium");
  }

  @Test
  void a_time_in_the_future_is_a_400() {
    UUID su = register();
    problem(
        api.post(
            "/service-users/" + su + "/community-contacts",
            json("occurredAt", "2099-01-01T10:00:00Z", "attended", true, "contactMedium", "01")),
        400,
        "OCCURRED_IN_FUTURE",
        "occurredAt");
  }

  @Test
  void an_invalid_nhs_number_is_a_400_and_a_duplicate_a_409() {
    problem(
        api.post(
            "/service-users",
            json(
                "nhsNumber",
                "9434765918",
                "homeLocality",
                "N",
                "occurredAt",
                "2025-01-10T09:00:00Z")),
        400,
        "INVALID_FIELD_VALUE",
        "nhsNumber");
    String nhs = Api.nhsNumber();
    Object body = json("nhsNumber", nhs, "homeLocality", "N", "occurredAt", "2025-01-10T09:00:00Z");
    assertThat(api.post("/service-users", body).status()).isEqualTo(201);
    problem(api.post("/service-users", body), 409, "NHS_NUMBER_REGISTERED", "nhsNumber");
  }

  @Test
  void unknown_ids_are_404() {
    UUID nobody = UUID.randomUUID();
    problem(api.get("/service-users/" + nobody + "/timeline"), 404, "UNKNOWN_SERVICE_USER", null);
    problem(api.get("/service-users/" + nobody), 404, "UNKNOWN_SERVICE_USER", null);
    // a command to a journey that does not exist: a 404, and no warning with a stack trace in the
    // log (Axon's repository writes one for every journey it fails to load)
    ch.qos.logback.classic.Logger repository =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(
                "org.axonframework.modelling.command.AbstractRepository");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    repository.addAppender(logged);
    try {
      problem(
          api.post(
              "/service-users/" + nobody + "/community-contacts",
              json("occurredAt", "2025-03-01T10:00:00Z", "attended", true, "contactMedium", "01")),
          404,
          "UNKNOWN_SERVICE_USER",
          null);
    } finally {
      repository.detachAppender(logged);
    }
    assertThat(logged.list).isEmpty();
    UUID su = register();
    problem(
        api.post(
            "/service-users/" + su + "/spells/" + UUID.randomUUID() + "/discharge",
            json(
                "occurredAt",
                "2025-03-20T10:00:00Z",
                "dischargeMethod",
                "1",
                "dischargeDestination",
                "19")),
        404,
        "UNKNOWN_FACT",
        "spellId");
    problem(
        api.get("/service-users/" + su + "/facts/" + UUID.randomUUID()), 404, "UNKNOWN_FACT", null);
  }

  @Test
  void a_malformed_id_in_the_path_is_a_400() {
    problem(
        api.get("/service-users/not-a-uuid/timeline"), 400, "INVALID_FIELD_VALUE", "serviceUserId");
  }

  @Test
  void a_broken_rule_is_a_409_with_its_code_and_changes_nothing() {
    UUID[] ids = registerWithReferral();
    admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    long before = eventCount(ids[0]);
    String etag = api.get("/service-users/" + ids[0] + "/timeline").header("ETag");
    Api.Response overlap =
        api.post("/service-users/" + ids[0] + "/spells", admission(ids[1], "2025-03-02T10:00:00Z"));
    problem(overlap, 409, "SPELLS_OVERLAP", null);
    assertThat(overlap.text("factId")).isNotBlank();
    assertThat(overlap.text("conflictingFactId")).isNotBlank();
    assertThat(eventCount(ids[0])).isEqualTo(before);
    assertThat(api.get("/service-users/" + ids[0] + "/timeline").header("ETag")).isEqualTo(etag);
  }

  @Test
  void a_stale_if_match_is_a_412_and_the_current_one_succeeds() {
    UUID[] ids = registerWithReferral();
    String etag = api.get("/service-users/" + ids[0] + "/timeline").header("ETag");
    assertThat(etag).isEqualTo("\"1\"");
    Object contact =
        json("occurredAt", "2025-03-01T10:00:00Z", "attended", true, "contactMedium", "01");
    Api.Response first =
        api.post("/service-users/" + ids[0] + "/community-contacts", contact, "If-Match", etag);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("ETag")).isEqualTo("\"2\"");
    long before = eventCount(ids[0]);
    problem(
        api.post("/service-users/" + ids[0] + "/community-contacts", contact, "If-Match", etag),
        412,
        "STALE_VERSION",
        null);
    assertThat(eventCount(ids[0])).isEqualTo(before);
    problem(
        api.post("/service-users/" + ids[0] + "/community-contacts", contact, "If-Match", "banana"),
        400,
        "INVALID_FIELD_VALUE",
        "If-Match");
  }

  @Test
  void a_retry_with_the_same_idempotency_key_returns_the_first_result_and_appends_nothing() {
    UUID[] ids = registerWithReferral();
    String key = UUID.randomUUID().toString();
    Object body = admission(ids[1], "2025-03-02T10:00:00Z");
    Api.Response first =
        api.post("/service-users/" + ids[0] + "/spells", body, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    long after = eventCount(ids[0]);
    Api.Response retry =
        api.post("/service-users/" + ids[0] + "/spells", body, "Idempotency-Key", key);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(eventCount(ids[0])).isEqualTo(after);
    problem(
        api.post(
            "/service-users/" + ids[0] + "/spells",
            admission(ids[1], "2025-03-03T10:00:00Z"),
            "Idempotency-Key",
            key),
        409,
        "IDEMPOTENCY_KEY_REUSED",
        "Idempotency-Key");
  }

  @Test
  void a_rejected_command_leaves_its_idempotency_key_free() {
    UUID[] ids = registerWithReferral();
    String key = UUID.randomUUID().toString();
    Object bad =
        json("occurredAt", "2025-03-01T10:00:00Z", "attended", true, "contactMedium", "77");
    assertThat(
            api.post(
                    "/service-users/" + ids[0] + "/community-contacts", bad, "Idempotency-Key", key)
                .status())
        .isEqualTo(400);
    Object good =
        json("occurredAt", "2025-03-01T10:00:00Z", "attended", true, "contactMedium", "01");
    assertThat(
            api.post(
                    "/service-users/" + ids[0] + "/community-contacts",
                    good,
                    "Idempotency-Key",
                    key)
                .status())
        .isEqualTo(201);
  }

  @Test
  void a_correction_that_breaks_the_journey_is_a_409_and_unknown_fields_a_400() {
    UUID[] ids = registerWithReferral();
    UUID spell = admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    api.post(
        "/service-users/" + ids[0] + "/spells/" + spell + "/discharge",
        json(
            "occurredAt",
            "2025-03-20T10:00:00Z",
            "dischargeMethod",
            "1",
            "dischargeDestination",
            "19"));
    problem(
        api.post(
            "/service-users/" + ids[0] + "/facts/" + spell + "/corrections",
            json(
                "occurredAt",
                "2025-04-01T10:00:00Z",
                "changes",
                Map.of("occurredAt", "2025-03-25T10:00:00Z"),
                "reason",
                "wrong date")),
        409,
        "PRECEDES_DEPENDENCY",
        null);
    problem(
        api.post(
            "/service-users/" + ids[0] + "/facts/" + spell + "/corrections",
            json(
                "occurredAt",
                "2025-04-01T10:00:00Z",
                "changes",
                Map.of("colour", "blue"),
                "reason",
                "x")),
        400,
        "UNKNOWN_FIELD",
        "changes.colour");
    problem(
        api.post(
            "/service-users/" + ids[0] + "/facts/" + spell + "/entered-in-error",
            json("occurredAt", "2025-04-01T10:00:00Z", "reason", "x")),
        409,
        "HAS_DEPENDENTS",
        null);
  }

  @Test
  void an_unsupported_method_or_media_type_is_a_problem_too() {
    UUID su = register();
    Api.Response r = api.post("/service-users/" + su + "/timeline", json());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
  }
}
