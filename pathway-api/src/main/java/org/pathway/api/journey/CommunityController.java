package org.pathway.api.journey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.pathway.api.web.CommandHeaders;
import org.pathway.api.web.FactRecorded;
import org.pathway.domain.journey.EndStepDownPlacement;
import org.pathway.domain.journey.PlacementEnd;
import org.pathway.domain.journey.RecordAccommodationStatus;
import org.pathway.domain.journey.RecordCommunityContact;
import org.pathway.domain.journey.RecordDeath;
import org.pathway.domain.journey.StartStepDownPlacement;
import org.pathway.domain.journey.StepDownOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journey's life outside hospital: step-down placements, community contacts, accommodation
 * status and death. Each endpoint sends one journey command and answers 201 with the new fact's id
 * and the journey version (also the {@code ETag}); every one accepts {@code Idempotency-Key} and
 * {@code If-Match}. The fact id may be chosen by the client ({@code factId}) or is generated. The
 * table of endpoints and commands is in docs/api.md.
 */
@RestController
@RequestMapping("/service-users/{serviceUserId}")
@Tag(
    name = "Community",
    description = "Life outside hospital: step-down housing, contacts, accommodation, death")
public class CommunityController {
  private final JourneyCommandRunner commands;

  CommunityController(JourneyCommandRunner commands) {
    this.commands = commands;
  }

  public record StepDownStartRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotBlank String scheme,
      @NotBlank String provider,
      UUID dischargeSpellId,
      @Valid StepDownEndRequest end) {}

  public record StepDownEndRequest(
      UUID factId, @NotNull OffsetDateTime occurredAt, @NotNull StepDownOutcome outcome) {}

  public record ContactRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotNull Boolean attended,
      @NotBlank String contactMedium) {}

  public record AccommodationRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotBlank String settledIndicator,
      String accommodationType) {}

  @PostMapping("/step-down-placements")
  @Operation(
      summary =
          "Start a step-down housing placement; the new fact id is the placement id. With `end`, a"
              + " complete past placement is recorded at once")
  public ResponseEntity<FactRecorded> startStepDown(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody StepDownStartRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new StartStepDownPlacement(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                r.scheme(),
                r.provider(),
                r.dischargeSpellId(),
                r.end() == null
                    ? null
                    : new PlacementEnd(
                        JourneyCommandRunner.id(r.end().factId()),
                        r.end().occurredAt().toInstant(),
                        r.end().outcome())));
  }

  @PostMapping("/step-down-placements/{placementId}/end")
  @Operation(summary = "End a step-down placement with its outcome")
  public ResponseEntity<FactRecorded> endStepDown(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID placementId,
      @Valid @RequestBody StepDownEndRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new EndStepDownPlacement(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                placementId,
                r.outcome()));
  }

  @PostMapping("/community-contacts")
  @Operation(summary = "Record a community contact (attended or not)")
  public ResponseEntity<FactRecorded> contact(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody ContactRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordCommunityContact(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                r.attended(),
                r.contactMedium()));
  }

  @PostMapping("/accommodation-statuses")
  @Operation(summary = "Record an accommodation status")
  public ResponseEntity<FactRecorded> accommodation(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody AccommodationRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordAccommodationStatus(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                r.settledIndicator(),
                r.accommodationType()));
  }

  @PostMapping("/death")
  @Operation(summary = "Record the service user's death")
  public ResponseEntity<FactRecorded> death(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody SpellController.EndRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordDeath(
                serviceUserId, v, JourneyCommandRunner.id(r.factId()), r.occurredAt().toInstant()));
  }
}
