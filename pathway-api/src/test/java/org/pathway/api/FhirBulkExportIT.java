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
}
