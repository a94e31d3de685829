package org.pathway.api.codes;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.pathway.api.error.ApiProblem;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.codes.CodeEntry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every effective-dated code list Pathway checks recorded facts against (the bundled MHSDS lists),
 * as JSON and as FHIR R4 CodeSystem and ValueSet resources, so that a ward's form or an EPR offers
 * only the codes Pathway will accept on a given date. Not personal data: any signed-in role may
 * read them.
 */
@RestController
@RequestMapping("/code-lists")
@Tag(name = "Code lists")
public class CodeListController {
  /** The canonical base of Pathway's FHIR CodeSystem and ValueSet urls. */
  public static final String CANONICAL = "https://pathway.dev/fhir/";

  static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final CodeCatalogue codes = CodeCatalogue.loadBundled();

  private final UkCoreMaps maps;

  public CodeListController(UkCoreMaps maps) {
    this.maps = maps;
  }

  /**
   * HAPI's R4 context, made at the first FHIR request (it takes a second or two): not at start-up.
   */
  private static FhirContext fhir() {
    return FhirContext.forR4Cached();
  }

  /** One list: its name (as in exports and the analysts' views) and where to find it. */
  public record CodeListSummary(
      String name,
      int entries,
      String href,
      String codeSystem,
      String valueSet,
      String ukCoreConceptMap) {}

  /** One effective-dated entry of a list ({@code validTo} exclusive; either may be null). */
  public record Code(
      String code, String label, LocalDate validFrom, LocalDate validTo, String group) {}

  /** A list, all of it or only the codes valid on {@code date}. */
  public record CodeList(String name, LocalDate date, List<Code> codes) {}

  @GetMapping
  @Operation(summary = "The code lists Pathway checks against")
  public List<CodeListSummary> lists() {
    return Arrays.stream(org.pathway.domain.codes.CodeSystem.values())
        .map(
            s ->
                new CodeListSummary(
                    s.systemId(),
                    codes.entries(s).size(),
                    "/code-lists/" + s.systemId(),
                    CANONICAL + "CodeSystem/" + s.systemId(),
                    CANONICAL + "ValueSet/" + s.systemId(),
                    maps.lists().contains(s.systemId())
                        ? "/code-lists/" + s.systemId() + "/ConceptMap"
                        : null))
        .toList();
  }

  @GetMapping("/{name}")
  @Operation(summary = "One code list; with date, only the codes valid on that local date")
  public CodeList list(
      @PathVariable String name,
      @Parameter(description = "a local date, e.g. 2025-04-01") @RequestParam(required = false)
          String date) {
    org.pathway.domain.codes.CodeSystem system = system(name);
    LocalDate on = date(date);
    return new CodeList(
        name,
        on,
        codes.entries(system).stream()
            .filter(e -> on == null || e.validOn(on))
            .map(e -> new Code(e.code(), e.description(), e.validFrom(), e.validTo(), group(e)))
            .toList());
  }

  @GetMapping(value = "/{name}/CodeSystem", produces = "application/fhir+json")
  @Operation(summary = "One code list as a FHIR R4 CodeSystem (every code ever valid)")
  public ResponseEntity<String> codeSystem(@PathVariable String name) {
    return fhirJson(codeSystemOf(system(name)));
  }

  @GetMapping(value = "/{name}/ConceptMap", produces = "application/fhir+json")
  @Operation(
      summary =
          "Where UK Core's code system lags MHSDS v6: the list's codes in UK Core, as a FHIR R4"
              + " ConceptMap (discharge destinations)")
  public ResponseEntity<String> conceptMap(@PathVariable String name) {
    system(name);
    return fhirJson(
        maps.conceptMap(name)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "NO_CONCEPT_MAP",
                        "the list '"
                            + name
                            + "' has no map to UK Core: its codes are UK Core's, or UK Core has"
                            + " no such list (maps: "
                            + String.join(", ", maps.lists())
                            + ")")));
  }

  @GetMapping(value = "/{name}/ValueSet", produces = "application/fhir+json")
  @Operation(
      summary = "One code list as a FHIR R4 ValueSet: with date, the codes valid on that date")
  public ResponseEntity<String> valueSet(
      @PathVariable String name,
      @Parameter(description = "a local date, e.g. 2025-04-01") @RequestParam(required = false)
          String date) {
    return fhirJson(valueSetOf(system(name), date(date)));
  }

  /** The list as a CodeSystem: one concept per code, with when it was valid and its group. */
  public CodeSystem codeSystemOf(org.pathway.domain.codes.CodeSystem system) {
    CodeSystem cs = new CodeSystem();
    cs.setId(system.systemId());
    cs.setUrl(CANONICAL + "CodeSystem/" + system.systemId());
    cs.setName(javaName(system.systemId()));
    cs.setTitle("MHSDS " + system.systemId().substring("mhsds-".length()).replace('-', ' '));
    cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
    cs.setExperimental(false);
    cs.setPublisher("Pathway");
    cs.setDescription(
        "The codes Pathway accepts for this MHSDS field, with the dates between which each may be"
            + " used (validTo exclusive).");
    cs.setCaseSensitive(true);
    cs.setValueSet(CANONICAL + "ValueSet/" + system.systemId());
    cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    cs.addProperty()
        .setCode("validFrom")
        .setDescription("the first local date on which the code may be used")
        .setType(CodeSystem.PropertyType.DATETIME);
    cs.addProperty()
        .setCode("validTo")
        .setDescription("the local date from which the code may no longer be used")
        .setType(CodeSystem.PropertyType.DATETIME);
    cs.addProperty()
        .setCode("group")
        .setDescription("the NHS England grouping of the code (e.g. inappropriate)")
        .setType(CodeSystem.PropertyType.STRING);
    Map<String, List<CodeEntry>> byCode = new LinkedHashMap<>();
    for (CodeEntry e : codes.entries(system)) {
      byCode.computeIfAbsent(e.code(), c -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<CodeEntry>> c : byCode.entrySet()) {
      List<CodeEntry> entries = c.getValue();
      CodeEntry latest = entries.get(entries.size() - 1);
      CodeSystem.ConceptDefinitionComponent concept =
          cs.addConcept().setCode(c.getKey()).setDisplay(latest.description());
      if (entries.stream().allMatch(e -> e.validFrom() != null)) {
        LocalDate from =
            entries.stream().map(CodeEntry::validFrom).min(LocalDate::compareTo).orElseThrow();
        concept.addProperty().setCode("validFrom").setValue(new DateTimeType(from.toString()));
      }
      if (entries.stream().allMatch(e -> e.validTo() != null)) {
        LocalDate to =
            entries.stream().map(CodeEntry::validTo).max(LocalDate::compareTo).orElseThrow();
        concept.addProperty().setCode("validTo").setValue(new DateTimeType(to.toString()));
      }
      String group = group(latest);
      if (group != null) {
        concept.addProperty().setCode("group").setValue(new StringType(group));
      }
    }
    cs.setCount(byCode.size());
    return cs;
  }

  /** The list as a ValueSet of its CodeSystem: all its codes, or those valid on {@code date}. */
  public ValueSet valueSetOf(org.pathway.domain.codes.CodeSystem system, LocalDate date) {
    ValueSet vs = new ValueSet();
    vs.setId(system.systemId());
    vs.setUrl(CANONICAL + "ValueSet/" + system.systemId());
    vs.setName(javaName(system.systemId()));
    vs.setTitle(
        "MHSDS "
            + system.systemId().substring("mhsds-".length()).replace('-', ' ')
            + (date == null ? "" : ", valid on " + date));
    vs.setStatus(Enumerations.PublicationStatus.ACTIVE);
    vs.setExperimental(false);
    vs.setPublisher("Pathway");
    if (date != null) {
      vs.setVersion(date.toString());
    }
    ValueSet.ConceptSetComponent include =
        vs.getCompose().addInclude().setSystem(CANONICAL + "CodeSystem/" + system.systemId());
    codes.entries(system).stream()
        .filter(e -> date == null || e.validOn(date))
        .map(CodeEntry::code)
        .distinct()
        .forEach(
            code ->
                include
                    .addConcept()
                    .setCode(code)
                    .setDisplay(
                        codes.entries(system).stream()
                            .filter(e -> e.code().equals(code))
                            .filter(e -> date == null || e.validOn(date))
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .description()));
    return vs;
  }

  private ResponseEntity<String> fhirJson(org.hl7.fhir.instance.model.api.IBaseResource resource) {
    return ResponseEntity.ok()
        .contentType(FHIR_JSON)
        .body(fhir().newJsonParser().setPrettyPrint(true).encodeResourceToString(resource));
  }

  private static org.pathway.domain.codes.CodeSystem system(String name) {
    return Arrays.stream(org.pathway.domain.codes.CodeSystem.values())
        .filter(s -> s.systemId().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "UNKNOWN_CODE_LIST",
                    "no code list '" + name + "': GET /code-lists names every list"));
  }

  private static LocalDate date(String date) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("date", "date must be a local date such as 2025-04-01");
    }
  }

  private static String group(CodeEntry e) {
    return e.group() == null || e.group().isBlank() ? null : e.group();
  }

  private static String javaName(String systemId) {
    StringBuilder name = new StringBuilder();
    for (String part : systemId.split("-")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }
}
