package org.pathway.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.pathway.api.web.Versions;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One person's journey as a FHIR R4 Bundle ({@link JourneyBundle}), as now known or as known at a
 * past recorded time; identified, so for clinicians and auditors, and access-logged like every read
 * under {@code /service-users/{id}}. Entered-in-error facts are left out; corrected ones appear as
 * corrected.
 */
@RestController
@RequestMapping("/service-users/{serviceUserId}")
@Tag(name = "FHIR")
public class FhirJourneyController {
  private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final JourneyBundles bundles;

  FhirJourneyController(JourneyBundles bundles) {
    this.bundles = bundles;
  }

  @GetMapping(value = "/fhir", produces = "application/fhir+json")
  @Operation(
      summary = "The journey as a FHIR R4 Bundle, optionally as known at a past recorded time")
  public ResponseEntity<String> journey(
      @PathVariable UUID serviceUserId,
      @Parameter(
              description =
                  "recorded time, ISO-8601 with offset; facts recorded later are left out")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime asAt) {
    JourneyBundles.Made made = bundles.of(serviceUserId, asAt == null ? null : asAt.toInstant());
    return ResponseEntity.ok()
        .contentType(FHIR_JSON)
        .eTag(Versions.etag(made.version()))
        .body(
            FhirContext.forR4Cached()
                .newJsonParser()
                .setPrettyPrint(true)
                .encodeResourceToString(made.bundle()));
  }
}
