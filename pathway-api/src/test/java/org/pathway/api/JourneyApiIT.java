package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathway.api.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JourneyApiIT extends ApiTestBase {

  private Api.Response ok(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isIn(200, 201);
    return r;
  }

  @Test
  void a_whole_journey_is_recorded_and_read_back_as_a_timeline() {
    UUID su = register();
    String base = "/service-users/" + su;
    UUID referral =
        ok(api.post(
                base + "/referrals",
                json(
                    "occurredAt",
                    "2025-03-01T10:00:00Z",
                    "sourceOfReferral",
                    "A1",
                    "teamTypeReferredTo",
                    "A02",
                    "priority",
                    "URGENT",
                    "primaryReason",
                    "18")))
            .id("factId");
    ok(
        api.post(
            base + "/referrals/" + referral + "/acceptance",
            json("occurredAt", "2025-03-01T11:00:00Z")));
    // admitted out of area (no local bed), repatriated a week later
    UUID spell =
        ok(api.post(
                base + "/spells",
                json(
                    "occurredAt",
                    "2025-03-02T22:30:00Z",
                    "referralId",
                    referral.toString(),
                    "admissionMethod",
                    "25",
                    "admissionSource",
                    "19",
                    "legalStatus",
                    "02",
                    "placement",
                    Api.placement("PRIORY-2", true, "10", 212),
                    "estimatedDischargeDate",
                    "2025-03-30")))
            .id("factId");
    ok(
        api.post(
            base + "/spells/" + spell + "/ward-transfers",
            json(
                "occurredAt",
                "2025-03-09T14:00:00Z",
                "placement",
                Api.placement("OAK", false, null, 4))));
    ok(
        api.post(
            base + "/spells/" + spell + "/legal-status-changes",
            json("occurredAt", "2025-03-10T09:00:00Z", "legalStatus", "03")));
    UUID leave =
        ok(api.post(
                base + "/spells/" + spell + "/leaves",
                json("occurredAt", "2025-03-15T10:00:00Z", "leaveType", "HOME_LEAVE")))
            .id("factId");
    ok(
        api.post(
            base + "/spells/" + spell + "/leaves/" + leave + "/end",
            json("occurredAt", "2025-03-16T18:00:00Z")));
    ok(
        api.post(
            base + "/spells/" + spell + "/delays",
            json(
                "occurredAt",
                "2025-03-20T12:00:00Z",
                "delayReason",
                "14",
                "attributableTo",
                "06")));
    Api.Response discharge =
        ok(
            api.post(
                base + "/spells/" + spell + "/discharge",
                json(
                    "occurredAt",
                    "2025-03-28T11:00:00Z",
                    "dischargeMethod",
                    "1",
                    "dischargeDestination",
                    "29")));
    UUID placement =
        ok(api.post(
                base + "/step-down-placements",
                json(
                    "occurredAt",
                    "2025-03-28T15:00:00Z",
                    "scheme",
                    "STEP-1",
                    "provider",
                    "HOUSING-A",
                    "dischargeSpellId",
                    spell.toString())))
            .id("factId");
    ok(
        api.post(
            base + "/community-contacts",
            json("occurredAt", "2025-03-30T10:00:00Z", "attended", true, "contactMedium", "01")));
    ok(
        api.post(
            base + "/accommodation-statuses",
            json(
                "occurredAt",
                "2025-04-10T10:00:00Z",
                "settledIndicator",
                "N",
                "accommodationType",
                "11")));
    ok(
        api.post(
            base + "/step-down-placements/" + placement + "/end",
            json("occurredAt", "2025-04-20T10:00:00Z", "outcome", "READMITTED")));
    UUID readmission = admit(su, referral, "2025-04-20T16:00:00Z");

    Api.Response timeline = ok(api.get(base + "/timeline"));
    JsonNode facts = timeline.body().get("facts");
    List<String> types = new ArrayList<>();
    facts.forEach(f -> types.add(f.get("type").asText()));
    assertThat(types)
        .containsExactly(
            "ServiceUserRegistered",
            "ReferralReceived",
            "ReferralAccepted",
            "Admitted",
            "WardTransferred",
            "LegalStatusChanged",
            "LeaveStarted",
            "LeaveEnded",
            "ClinicallyReadyForDischarge",
            "Discharged",
            "StepDownPlacementStarted",
            "CommunityContactRecorded",
            "AccommodationStatusRecorded",
            "StepDownPlacementEnded",
            "Admitted");
    assertThat(timeline.body().get("version").asLong()).isEqualTo(14);
    assertThat(timeline.header("ETag")).isEqualTo("\"14\"");
    JsonNode admission = facts.get(3);
    assertThat(admission.get("factId").asText()).isEqualTo(spell.toString());
    assertThat(admission.at("/values/placement/outOfArea").asBoolean()).isTrue();
    assertThat(admission.at("/values/placement/oapReason").asText()).isEqualTo("10");
    assertThat(admission.get("recordedAt").asText()).isNotBlank();
    assertThat(facts.get(14).get("factId").asText()).isEqualTo(readmission.toString());
    assertThat(discharge.header("ETag")).isEqualTo("\"9\"");
    // the timeline holds internal ids only: no identity data
    assertThat(timeline.body().toString()).doesNotContain("Test").doesNotContain("LS1");
  }

  @Test
  void a_late_entry_lands_in_clinical_order_with_its_recorded_time_and_author() {
    UUID[] ids = registerWithReferral();
    String base = "/service-users/" + ids[0];
    UUID spell = admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    api.post(
        base + "/spells/" + spell + "/discharge",
        json(
            "occurredAt",
            "2025-03-20T10:00:00Z",
            "dischargeMethod",
            "1",
            "dischargeDestination",
            "19"));
    // recorded afterwards, happened before the discharge
    Api.Response late =
        api.post(
            base + "/spells/" + spell + "/legal-status-changes",
            json("occurredAt", "2025-03-05T10:00:00Z", "legalStatus", "03"));
    assertThat(late.status()).isEqualTo(201);
    JsonNode facts = api.get(base + "/timeline").body().get("facts");
    JsonNode change = facts.get(3);
    assertThat(change.get("type").asText()).isEqualTo("LegalStatusChanged");
    assertThat(change.get("recordedBy").asText()).isEqualTo("clinician");
    assertThat(facts.get(4).get("type").asText()).isEqualTo("Discharged");
  }

  @Test
  void corrections_and_entered_in_error_are_shown_against_what_they_amend() {
    UUID[] ids = registerWithReferral();
    String base = "/service-users/" + ids[0];
    UUID spell = admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    UUID contact =
        api.post(
                base + "/community-contacts",
                json("occurredAt", "2025-03-01T10:00:00Z", "attended", true, "contactMedium", "02"))
            .id("factId");
    Api.Response corrected =
        api.post(
            base + "/facts/" + spell + "/corrections",
            json(
                "occurredAt",
                "2025-04-01T09:00:00Z",
                "changes",
                Map.of("occurredAt", "2025-03-01T23:00:00Z", "legalStatus", "02"),
                "reason",
                "admission time keyed wrongly"));
    assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
    Api.Response voided =
        api.post(
            base + "/facts/" + contact + "/entered-in-error",
            json(
                "occurredAt",
                "2025-04-01T09:05:00Z",
                "reason",
                "recorded against the wrong person"));
    assertThat(voided.status()).isEqualTo(201);

    Api.Response admission = api.get(base + "/facts/" + spell);
    assertThat(admission.status()).isEqualTo(200);
    assertThat(admission.text("status")).isEqualTo("CORRECTED");
    assertThat(admission.text("occurredAt")).isEqualTo("2025-03-01T23:00:00Z");
    assertThat(admission.body().at("/values/legalStatus").asText()).isEqualTo("02");
    assertThat(admission.body().at("/original/legalStatus").asText()).isEqualTo("01");
    assertThat(admission.body().at("/corrections/0/recordedBy").asText()).isEqualTo("clinician");
    assertThat(admission.body().at("/corrections/0/reason").asText())
        .isEqualTo("admission time keyed wrongly");
    assertThat(api.get(base + "/facts/" + contact).text("status")).isEqualTo("ENTERED_IN_ERROR");
  }

  @Test
  void the_timeline_as_at_an_earlier_recorded_time_leaves_out_later_knowledge() throws Exception {
    UUID[] ids = registerWithReferral();
    String base = "/service-users/" + ids[0];
    UUID spell = admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    String between = api.get(base + "/facts/" + spell).text("recordedAt");
    Thread.sleep(5);
    api.post(
        base + "/facts/" + spell + "/corrections",
        json(
            "occurredAt",
            "2025-04-01T09:00:00Z",
            "changes",
            Map.of("legalStatus", "03"),
            "reason",
            "typo"));
    JsonNode before = api.get(base + "/timeline?asAt=" + between).body();
    assertThat(before.get("facts")).hasSize(3);
    assertThat(before.at("/facts/2/status").asText()).isEqualTo("ACTIVE");
    assertThat(before.at("/facts/2/values/legalStatus").asText()).isEqualTo("01");
    assertThat(before.get("version").asLong()).isEqualTo(2);
    JsonNode now = api.get(base + "/timeline").body();
    assertThat(now.at("/facts/2/values/legalStatus").asText()).isEqualTo("03");
  }

  @Test
  void the_identity_is_read_separately_with_the_journey_version() {
    UUID su = register();
    Api.Response r = api.get("/service-users/" + su);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().at("/identity/postcode").asText()).isEqualTo("LS1 4AP");
    assertThat(r.header("ETag")).isEqualTo("\"0\"");
    String payload =
        jdbc.queryForObject(
            "SELECT string_agg(convert_from(payload, 'UTF8'), ' ') FROM domain_event_entry WHERE aggregate_identifier = ?",
            String.class,
            su.toString());
    String nhs = r.body().at("/identity/nhsNumber").asText();
    assertThat(payload).doesNotContain(nhs).doesNotContain("LS1 4AP").doesNotContain("1980-05-01");
  }
}
