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
