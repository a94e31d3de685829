package org.pathway.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pathway.api.serviceuser.IdentityRepository;
import org.pathway.api.timeline.TimelineService;
import org.pathway.api.web.Versions;
import org.pathway.domain.journey.AccommodationStatusRecorded;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.ReferralReceived;
import org.pathway.projections.journey.JourneyDerivation;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.pathway.projections.timeline.Timeline;
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

  private final TimelineService timelines;
  private final IdentityRepository identities;

  FhirJourneyController(TimelineService timelines, IdentityRepository identities) {
    this.timelines = timelines;
    this.identities = identities;
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
    Instant at = asAt == null ? null : asAt.toInstant();
    Timeline timeline = timelines.timeline(serviceUserId, at);
    List<Fact> current = new ArrayList<>();
    for (Timeline.Entry e : timeline.facts()) {
      if (e.status() != Timeline.Status.ENTERED_IN_ERROR) {
        current.add(e.values());
      }
    }
    JourneyBundle bundle = new JourneyBundle(at);
    bundle.patient(serviceUserId, identities.find(serviceUserId).orElse(null));
    current.stream()
        .filter(ReferralReceived.class::isInstance)
        .map(ReferralReceived.class::cast)
        .forEach(bundle::referral);
    JourneyDerivation.Derived derived = JourneyDerivation.derive(current);
    for (Spell s : derived.spells().values()) {
      bundle.spell(s);
    }
    for (Placement p : derived.placements().values()) {
      bundle.stepDown(p);
    }
    for (Fact f : current) {
      if (f instanceof CommunityContactRecorded c) {
        bundle.contact(c);
      } else if (f instanceof AccommodationStatusRecorded a) {
        bundle.accommodation(a);
      }
    }
    return ResponseEntity.ok()
        .contentType(FHIR_JSON)
        .eTag(Versions.etag(timeline.version()))
        .body(
            FhirContext.forR4Cached()
                .newJsonParser()
                .setPrettyPrint(true)
                .encodeResourceToString(bundle.bundle()));
  }
}
