package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.codes.CodeEntry;

/**
 * The code lists served: as JSON, all of a list or the codes valid on a date, exactly the codes the
 * rules accept on that date; as FHIR R4 CodeSystem and ValueSet resources that HAPI's validator
 * finds no error in; refusals as problems.
 */
class CodeListsIT extends ApiTestBase {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final CodeCatalogue CATALOGUE = CodeCatalogue.loadBundled();

  @Test
  void each_list_on_a_date_holds_exactly_the_codes_the_rules_accept_then() {
    Api.Response all = api.get("/code-lists");
    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    assertThat(all.body()).hasSize(org.pathway.domain.codes.CodeSystem.values().length);
    for (org.pathway.domain.codes.CodeSystem system :
        org.pathway.domain.codes.CodeSystem.values()) {
      List<LocalDate> dates = new ArrayList<>(List.of(LocalDate.of(2025, 4, 1)));
      for (CodeEntry e : CATALOGUE.entries(system)) {
        if (e.validTo() != null) {
          dates.add(e.validTo()); // the first day it is no longer valid
          dates.add(e.validTo().minusDays(1));
        }
        if (e.validFrom() != null) {
          dates.add(e.validFrom());
          dates.add(e.validFrom().minusDays(1));
        }
      }
      for (LocalDate date : dates) {
        Api.Response r = api.get("/code-lists/" + system.systemId() + "?date=" + date);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Set<String> served = new TreeSet<>();
        r.body().path("codes").forEach(c -> served.add(c.path("code").asText()));
        Set<String> accepted = new TreeSet<>();
        for (CodeEntry e : CATALOGUE.entries(system)) {
          if (CATALOGUE.isValid(system, e.code(), date)) {
            accepted.add(e.code());
          }
        }
        assertThat(served).as(system + " on " + date).isEqualTo(accepted);
      }
    }
    JsonNode oap = api.get("/code-lists/mhsds-oap-reason").body();
    assertThat(oap.path("codes").findValuesAsText("group")).contains("inappropriate");
  }

  /** UK Core's DischargeDestinationEngland as published (FHIR-R4-UKCORE-STAGING-MAIN, 1.0.0). */
  private static final java.util.Set<String> UK_CORE_DISCHARGE_DESTINATIONS =
      java.util.Set.of(
          "19", "29", "30", "37", "38", "48", "49", "50", "51", "52", "53", "54", "65", "66", "79",
          "84", "85", "87", "88", "98", "99");

  @Test
  void discharge_destinations_map_to_uk_core_where_it_has_them_and_the_map_validates() {
    Api.Response r = api.get("/code-lists/mhsds-discharge-destination/ConceptMap");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/fhir+json");
    org.hl7.fhir.r4.model.ConceptMap map =
        FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.ConceptMap.class, r.raw());
    org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent group = map.getGroupFirstRep();
    assertThat(group.getTarget())
        .isEqualTo("https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland");
    java.util.Map<String, String> mapped = new java.util.TreeMap<>();
    for (var element : group.getElement()) {
      var target = element.getTargetFirstRep();
      mapped.put(element.getCode(), target.getEquivalence().toCode() + ":" + target.getCode());
      if (target.getCode() != null) {
        assertThat(UK_CORE_DISCHARGE_DESTINATIONS).contains(target.getCode());
      }
      // a code both lists have is the same concept; every other one says why
      if (UK_CORE_DISCHARGE_DESTINATIONS.contains(element.getCode())) {
        assertThat(target.getCode()).isEqualTo(element.getCode());
        assertThat(target.getEquivalence().toCode()).isEqualTo("equivalent");
      } else {
        assertThat(target.getComment()).isNotBlank();
      }
    }
    // every code Pathway accepts, once
    assertThat(mapped.keySet())
        .containsExactlyInAnyOrderElementsOf(
            CATALOGUE.entries(org.pathway.domain.codes.CodeSystem.DISCHARGE_DESTINATION).stream()
                .map(org.pathway.domain.codes.CodeEntry::code)
                .distinct()
                .toList());
    assertThat(mapped)
        .containsEntry("40", "wider:38")
        .containsEntry("42", "wider:38")
        .containsEntry("55", "unmatched:null")
        .containsEntry("56", "unmatched:null")
        .containsEntry("89", "unmatched:null");
    CodeSystem ours =
        FHIR.newJsonParser()
            .parseResource(
                CodeSystem.class,
                api.get("/code-lists/mhsds-discharge-destination/CodeSystem").raw());
    assertThat(FhirValidation.errors(List.of(ours), List.of(r.raw())))
        .as("validation errors")
        .isEmpty();
    assertThat(api.get("/code-lists").raw())
        .contains("\"ukCoreConceptMap\":\"/code-lists/mhsds-discharge-destination/ConceptMap\"");
    Api.Response none = api.get("/code-lists/mhsds-bed-type/ConceptMap");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.text("code")).isEqualTo("NO_CONCEPT_MAP");
  }

  @Test
  void refusals_are_problems() {
    Api.Response unknown = api.get("/code-lists/mhsds-nothing");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("code")).isEqualTo("UNKNOWN_CODE_LIST");
    Api.Response badDate = api.get("/code-lists/mhsds-bed-type?date=2025-13-01");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.text("field")).isEqualTo("date");
    assertThat(api.get("/code-lists/mhsds-bed-type/ValueSet?date=yesterday").status())
        .isEqualTo(400);
    assertThat(api.as(null).get("/code-lists").status()).isEqualTo(401);
    assertThat(api.as("analyst").get("/code-lists").status()).isEqualTo(200);
  }

  @Test
  void as_fhir_every_code_system_and_value_set_validates_without_error() {
    List<CodeSystem> systems = new ArrayList<>();
    List<String> valueSets = new ArrayList<>();
    for (org.pathway.domain.codes.CodeSystem system :
        org.pathway.domain.codes.CodeSystem.values()) {
      Api.Response cs = api.get("/code-lists/" + system.systemId() + "/CodeSystem");
      assertThat(cs.status()).as(cs.toString()).isEqualTo(200);
      assertThat(cs.header("Content-Type")).startsWith("application/fhir+json");
      CodeSystem parsed = FHIR.newJsonParser().parseResource(CodeSystem.class, cs.raw());
      assertThat(parsed.getConcept()).isNotEmpty();
      systems.add(parsed);
      Api.Response vs = api.get("/code-lists/" + system.systemId() + "/ValueSet?date=2025-04-01");
      assertThat(vs.status()).as(vs.toString()).isEqualTo(200);
      ValueSet v = FHIR.newJsonParser().parseResource(ValueSet.class, vs.raw());
      assertThat(v.getCompose().getIncludeFirstRep().getSystem()).isEqualTo(parsed.getUrl());
      for (ValueSet.ConceptReferenceComponent c :
          v.getCompose().getIncludeFirstRep().getConcept()) {
        assertThat(CATALOGUE.isValid(system, c.getCode(), LocalDate.of(2025, 4, 1))).isTrue();
      }
      valueSets.add(vs.raw());
    }

    List<String> resources = new ArrayList<>(valueSets);
    systems.forEach(s -> resources.add(FHIR.newJsonParser().encodeResourceToString(s)));
    List<String> errors = FhirValidation.errors(systems, resources);
    assertThat(errors).as("validation errors").isEmpty();
  }

  @Test
  void the_openapi_description_points_each_coded_field_at_its_list() throws Exception {
    JsonNode spec = Api.JSON.readTree(api.as(null).get("/v3/api-docs").raw());
    java.util.Map<String, String> pointed = new java.util.TreeMap<>();
    spec.path("components")
        .path("schemas")
        .forEach(
            schema ->
                schema
                    .path("properties")
                    .fields()
                    .forEachRemaining(
                        p -> {
                          if (p.getValue().has("x-code-list")) {
                            pointed.put(p.getKey(), p.getValue().path("x-code-list").asText());
                            assertThat(p.getValue().path("description").asText())
                                .contains(
                                    "/code-lists/" + p.getValue().path("x-code-list").asText());
                          }
                        }));
    java.util.Map<String, String> expected = new java.util.TreeMap<>();
    org.pathway.api.codes.CodedFields.FIELDS.forEach((f, l) -> expected.put(f, l.systemId()));
    assertThat(pointed).isEqualTo(expected);
    // every list Pathway checks against is some field's
    assertThat(new TreeSet<>(pointed.values()))
        .hasSize(org.pathway.domain.codes.CodeSystem.values().length);
  }
}
