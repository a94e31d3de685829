package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.pathway.api.codes.CodeListController;

/**
 * {@code GET /service-users/{id}/fhir}: a journey recorded through the API comes out as a FHIR R4
 * Bundle holding each of its facts in the resource the mapping names, with the recorded codes,
 * dates and references, as known now and as known before its discharge was recorded; HAPI's
 * validator finds no error in it; only clinicians and auditors may read it, and each read is in the
 * access log.
 */
class FhirJourneyIT extends ApiTestBase {

  private Bundle bundle(String path) {
    Api.Response r = api.get(path);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/fhir+json");
    return FhirValidation.FHIR.newJsonParser().parseResource(Bundle.class, r.raw());
  }

  /** A resource's id as the Bundle carries it (HAPI reads it from the entry's urn:uuid: URL). */
  private static String id(Resource r) {
    return r.getIdElement().getValue().replaceFirst("^urn:uuid:", "");
  }

  private static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
    return b.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /**
   * Where UK Core's list lags MHSDS v6 (the ConceptMap of /code-lists): a discharge to a penal
   * establishment (MHSDS 40) is UK Core's wider 38 beside Pathway's 40; to a care home with nursing
   * (55, which UK Core cannot say) Pathway's code alone.
   */
  @Test
  void a_discharge_destination_uk_core_lacks_is_pathways_code_with_uk_cores_where_it_maps() {
    for (String[] c : new String[][] {{"40", "38"}, {"55", null}}) {
      UUID[] ids = registerWithReferral();
      UUID spell = admit(ids[0], ids[1], "2025-04-01T10:00:00Z");
      Api.Response discharged =
          api.post(
              "/service-users/" + ids[0] + "/spells/" + spell + "/discharge",
              Api.json(
                  "occurredAt",
                  "2025-04-09T10:00:00Z",
                  "dischargeMethod",
                  "1",
                  "dischargeDestination",
                  c[0]));
      assertThat(discharged.status()).as(discharged.toString()).isEqualTo(201);
      Encounter e =
          all(bundle("/service-users/" + ids[0] + "/fhir"), Encounter.class).stream()
              .filter(x -> "IMP".equals(x.getClass_().getCode()))
              .findFirst()
              .orElseThrow();
      List<String> codings =
          e.getHospitalization().getDischargeDisposition().getCoding().stream()
              .map(x -> x.getSystem() + "|" + x.getCode())
              .toList();
      List<String> expected = new java.util.ArrayList<>();
      if (c[1] != null) {
        expected.add(
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland|" + c[1]);
      }
      expected.add("https://pathway.dev/fhir/CodeSystem/mhsds-discharge-destination|" + c[0]);
      assertThat(codings).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void a_journey_as_a_bundle_with_each_fact_in_its_resource_and_no_validation_error()
      throws Exception {
    Journey j = fullJourney();
    awaitProjection();
    String path = "/service-users/" + j.serviceUser() + "/fhir";
    Bundle b = bundle(path);
    assertThat(b.getType()).isEqualTo(Bundle.BundleType.COLLECTION);

    Patient patient = all(b, Patient.class).get(0);
    String nhs =
        api.get("/service-users/" + j.serviceUser()).body().at("/identity/nhsNumber").asText();
    assertThat(patient.getIdentifierFirstRep().getSystem())
        .isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
    assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(nhs);

    ServiceRequest referral = all(b, ServiceRequest.class).get(0);
    assertThat(id(referral)).isEqualTo(j.referral().toString());
    assertThat(referral.getSubject().getReference()).isEqualTo("urn:uuid:" + j.serviceUser());

    List<Encounter> encounters = all(b, Encounter.class);
    Encounter spell =
        encounters.stream()
            .filter(e -> "IMP".equals(e.getClass_().getCode()))
            .findFirst()
            .orElseThrow();
    assertThat(id(spell)).isEqualTo(j.spell().toString());
    assertThat(spell.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    assertThat(spell.getPeriod().getStart().toInstant())
        .isEqualTo(Instant.parse("2025-03-05T10:00:00Z"));
    assertThat(spell.getPeriod().getEnd().toInstant())
        .isEqualTo(Instant.parse("2025-03-28T11:00:00Z"));
    assertThat(spell.getBasedOnFirstRep().getReference()).isEqualTo("urn:uuid:" + j.referral());
    assertThat(spell.getHospitalization().getDischargeDisposition().getCoding())
        .extracting(c -> c.getSystem() + "|" + c.getCode())
        .containsExactly(
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland|29",
            "https://pathway.dev/fhir/CodeSystem/mhsds-discharge-destination|29");
    assertThat(spell.getHospitalization().getAdmitSource().getCodingFirstRep().getCode())
        .isEqualTo("19");
    assertThat(spell.getLocation()).hasSize(1);
    assertThat(spell.getLocationFirstRep().getPeriod().getStartElement().getValueAsString())
        .isEqualTo("2025-03-05");
    assertThat(
            ((org.hl7.fhir.r4.model.CodeableConcept)
                    spell
                        .getLocationFirstRep()
                        .getExtensionByUrl(
                            "https://pathway.dev/fhir/StructureDefinition/out-of-area-placement")
                        .getExtensionByUrl("reason")
                        .getValue())
                .getCodingFirstRep()
                .getCode())
        .isEqualTo("10");
    assertThat(encounters.stream().filter(e -> "AMB".equals(e.getClass_().getCode()))).hasSize(1);

    Observation delay =
        all(b, Observation.class).stream()
            .filter(
                o ->
                    o.getCode()
                        .getCodingFirstRep()
                        .getCode()
                        .equals("clinically-ready-for-discharge"))
            .findFirst()
            .orElseThrow();
    assertThat(delay.getEncounter().getReference()).isEqualTo("urn:uuid:" + j.spell());
    assertThat(delay.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("14");
    assertThat(delay.getEffectivePeriod().getStartElement().getValueAsString())
        .isEqualTo("2025-03-20");
    assertThat(delay.getEffectivePeriod().getEndElement().getValueAsString())
        .isEqualTo("2025-03-28");

    EpisodeOfCare stepDown = all(b, EpisodeOfCare.class).get(0);
    assertThat(id(stepDown)).isEqualTo(j.placement().toString());

    CodeListController lists = new CodeListController(new org.pathway.api.codes.UkCoreMaps());
    List<CodeSystem> ours =
        Arrays.stream(org.pathway.domain.codes.CodeSystem.values())
            .map(lists::codeSystemOf)
            .toList();
    assertThat(FhirValidation.errors(ours, List.of(api.get(path).raw())))
        .as("validation errors")
        .isEmpty();
    // the validator does find errors: an Observation without its required status
    assertThat(
            FhirValidation.errors(
                ours, List.of("{\"resourceType\":\"Observation\",\"code\":{\"text\":\"x\"}}")))
        .isNotEmpty();
    // and the UK Core profiles are applied: an NHS number identifier without its number is no
    // error in R4, but is one in UKCore-Patient (identifier:nhsNumber.value 1..1)
    String noNumber =
        "{\"resourceType\":\"Patient\",%s\"identifier\":[{\"system\":"
            + "\"https://fhir.nhs.uk/Id/nhs-number\"}]}";
    assertThat(FhirValidation.errors(ours, List.of(String.format(noNumber, "")))).isEmpty();
    assertThat(
            FhirValidation.errors(
                ours,
                List.of(
                    String.format(
                        noNumber,
                        "\"meta\":{\"profile\":[\"https://fhir.hl7.org.uk/StructureDefinition/"
                            + "UKCore-Patient\"]},"))))
        .anySatisfy(e -> assertThat(e).contains("nhsNumber"));
    // every resource of the bundle claims its UK Core profile
    for (Bundle.BundleEntryComponent entry : b.getEntry()) {
      assertThat(entry.getResource().getMeta().getProfile().get(0).getValue())
          .isEqualTo(
              "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
                  + entry.getResource().fhirType());
    }

    // as known before the discharge was recorded: the spell in progress
    Instant before =
        jdbc.queryForObject(
                "SELECT min(recorded_from) FROM fact_version WHERE fact_type = 'Discharged'"
                    + " AND service_user_id = ?",
                java.sql.Timestamp.class,
                j.serviceUser())
            .toInstant()
            .minusMillis(1);
    Bundle then = bundle(path + "?asAt=" + before);
    Encounter spellThen =
        all(then, Encounter.class).stream()
            .filter(e -> "IMP".equals(e.getClass_().getCode()))
            .findFirst()
            .orElseThrow();
    assertThat(spellThen.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
    assertThat(spellThen.getPeriod().hasEnd()).isFalse();

    // identified: clinicians and auditors only, and logged
    assertThat(api.as("auditor").get(path).status()).isEqualTo(200);
    assertThat(api.as("analyst").get(path).status()).isEqualTo(403);
    assertThat(api.as("admin").get(path).status()).isEqualTo(403);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM access_log WHERE service_user_id = ? AND endpoint LIKE '%/fhir'",
                Long.class, j.serviceUser()))
        .isGreaterThanOrEqualTo(3);
  }
}
