package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.pathway.api.codes.CodeListController;

/**
 * The bulk export ({@code /fhir/$export}, in the manner of FHIR Bulk Data): asynchronous kick-off,
 * progress, a manifest of NDJSON files by resource type holding every person's journey once (a
 * journey recorded through the API among them, its resources valid), each exported person in the
 * access log, files deleted on request; auditors only.
 */
class FhirBulkExportIT extends ApiTestBase {

  @Test
  void every_journey_leaves_as_ndjson_per_resource_type() throws Exception {
    Journey j = fullJourney();
    awaitProjection();
    Api auditor = api.as("auditor");
    assertThat(auditor.get("/fhir/$export").status()).isEqualTo(400);
    Api.Response since = auditor.get("/fhir/$export?_since=2025-01-01", "Prefer", "respond-async");
    assertThat(since.status()).isEqualTo(400);
    assertThat(since.text("field")).isEqualTo("_since");
    assertThat(api.as("analyst").get("/fhir/$export", "Prefer", "respond-async").status())
        .isEqualTo(403);
    assertThat(api.as("clinician").get("/fhir/$export", "Prefer", "respond-async").status())
        .isEqualTo(403);
    long people = jdbc.queryForObject("SELECT count(*) FROM service_user_identity", Long.class);

    Api.Response kickOff = auditor.get("/fhir/$export", "Prefer", "respond-async");
    assertThat(kickOff.status()).as(kickOff.toString()).isEqualTo(202);
    String status = kickOff.header("Content-Location");
    assertThat(status).startsWith("/fhir/$export-status/");
    Api.Response manifest = auditor.get(status);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (manifest.status() == 202 && System.nanoTime() < deadline) {
      assertThat(manifest.header("X-Progress")).endsWith("people");
      Thread.sleep(250);
      manifest = auditor.get(status);
    }
    assertThat(manifest.status()).as(manifest.toString()).isEqualTo(200);

    Map<String, List<Resource>> byType = new HashMap<>();
    for (JsonNode file : manifest.body().path("output")) {
      String type = file.path("type").asText();
      Api.Response ndjson = auditor.get(file.path("url").asText());
      assertThat(ndjson.status()).isEqualTo(200);
      assertThat(ndjson.header("Content-Type")).startsWith("application/fhir+ndjson");
      List<Resource> resources = new ArrayList<>();
      for (String line : ndjson.raw().split("\n")) {
        if (!line.isBlank()) {
          Resource r = (Resource) FhirValidation.FHIR.newJsonParser().parseResource(line);
          assertThat(r.fhirType()).isEqualTo(type);
          resources.add(r);
        }
      }
      assertThat(resources).as(type).hasSize(file.path("count").asInt());
      byType.put(type, resources);
    }
    assertThat(byType.keySet())
        .containsAll(
            Set.of(
                "Patient",
                "ServiceRequest",
                "Encounter",
                "Observation",
                "Location",
                "EpisodeOfCare"));
    assertThat(byType.get("Patient")).hasSize((int) people);
    List<String> patients =
        byType.get("Patient").stream().map(r -> r.getIdElement().getIdPart()).toList();
    assertThat(patients).doesNotHaveDuplicates().contains(j.serviceUser().toString());
    List<String> locations =
        byType.get("Location").stream().map(r -> r.getIdElement().getIdPart()).toList();
    assertThat(locations).doesNotHaveDuplicates();

    // the recorded journey's resources, each valid
    Set<String> ours =
        Set.of(
            j.serviceUser().toString(),
            j.referral().toString(),
            j.spell().toString(),
            j.placement().toString(),
            j.contact().toString());
    List<String> journey = new ArrayList<>();
    for (List<Resource> resources : byType.values()) {
      for (Resource r : resources) {
        if (ours.contains(r.getIdElement().getIdPart())) {
          journey.add(FhirValidation.FHIR.newJsonParser().encodeResourceToString(r));
        }
      }
    }
    assertThat(journey).hasSize(5);
    CodeListController lists = new CodeListController(new org.pathway.api.codes.UkCoreMaps());
    List<CodeSystem> systems =
        Arrays.stream(org.pathway.domain.codes.CodeSystem.values())
            .map(lists::codeSystemOf)
            .toList();
    assertThat(FhirValidation.errors(systems, journey)).as("validation errors").isEmpty();

    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM access_log WHERE service_user_id = ? AND principal = 'auditor'"
                    + " AND endpoint = '/fhir/$export'",
                Long.class,
                j.serviceUser()))
        .isEqualTo(1L);

    String aFile = manifest.body().path("output").get(0).path("url").asText();
    assertThat(auditor.send("DELETE", status, null).status()).isEqualTo(202);
    assertThat(auditor.get(status).status()).isEqualTo(404);
    assertThat(auditor.get(aFile).status()).isEqualTo(404);
  }

  /**
   * {@code _type} writes only the types asked for; {@code _since} only the people whose journey
   * changed after it (recorded, corrected or voided), each journey whole; other parameters and bad
   * values are refused naming the parameter.
   */
  @Test
  void type_and_since_narrow_the_export() throws Exception {
    fullJourney(); // untouched since: left out
    Journey changed = fullJourney();
    awaitProjection();
    Thread.sleep(20);
    java.time.Instant since = java.time.Instant.now();
    Thread.sleep(20);
    Journey added = fullJourney();
    assertThat(
            enteredInError(changed.serviceUser(), changed.contact(), "2025-04-02T10:00:00Z")
                .status())
        .isEqualTo(201);
    awaitProjection();
    Api auditor = api.as("auditor");
    for (String[] bad :
        new String[][] {
          {"_type=Patient,Appointment", "_type"},
          {"_since=yesterday", "_since"},
          {"_since=2999-01-01T00:00:00Z", "_since"},
          {"_outputFormat=text/csv", "_outputFormat"},
          {"_elements=id", "_elements"}
        }) {
      Api.Response r = auditor.get("/fhir/$export?" + bad[0], "Prefer", "respond-async");
      assertThat(r.status()).as(bad[0] + " " + r).isEqualTo(400);
      assertThat(r.text("field")).isEqualTo(bad[1]);
    }

    Api.Response kickOff =
        auditor.get(
            "/fhir/$export?_type=Patient,Encounter&_outputFormat=application/fhir%2Bndjson&_since="
                + since,
            "Prefer",
            "respond-async");
    assertThat(kickOff.status()).as(kickOff.toString()).isEqualTo(202);
    String status = kickOff.header("Content-Location");
    Api.Response manifest = auditor.get(status);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (manifest.status() == 202 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      manifest = auditor.get(status);
    }
    assertThat(manifest.status()).as(manifest.toString()).isEqualTo(200);
    assertThat(manifest.text("request")).contains("_type=Patient,Encounter").contains("_since=");
    Map<String, List<String>> ids = new HashMap<>();
    for (JsonNode file : manifest.body().path("output")) {
      List<String> of = new ArrayList<>();
      for (String line : auditor.get(file.path("url").asText()).raw().split("\n")) {
        if (!line.isBlank()) {
          of.add(
              FhirValidation.FHIR.newJsonParser().parseResource(line).getIdElement().getIdPart());
        }
      }
      ids.put(file.path("type").asText(), of);
    }
    assertThat(ids.keySet()).containsExactlyInAnyOrder("Patient", "Encounter");
    assertThat(ids.get("Patient"))
        .containsExactlyInAnyOrder(
            changed.serviceUser().toString(), added.serviceUser().toString());
    // each journey whole: the spell recorded before _since of the person changed after it too;
    // the voided contact is gone
    assertThat(ids.get("Encounter"))
        .contains(changed.spell().toString(), added.spell().toString(), added.contact().toString())
        .doesNotContain(changed.contact().toString());
    auditor.send("DELETE", status, null);
  }
}
