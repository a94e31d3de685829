package org.pathway.api.journey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.pathway.api.web.CommandExecutor;
import org.pathway.api.web.CommandExecutor.Outcome;
import org.pathway.api.web.RequestContext;
import org.pathway.api.web.Versions;
import org.pathway.domain.journey.AcceptReferral;
import org.pathway.domain.journey.AdmitServiceUser;
import org.pathway.domain.journey.ChangeLegalStatus;
import org.pathway.domain.journey.CloseReferral;
import org.pathway.domain.journey.CorrectFact;
import org.pathway.domain.journey.DeclineReferral;
import org.pathway.domain.journey.DischargeServiceUser;
import org.pathway.domain.journey.EndDelay;
import org.pathway.domain.journey.EndLeave;
import org.pathway.domain.journey.EndStepDownPlacement;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.LeaveType;
import org.pathway.domain.journey.MarkEnteredInError;
import org.pathway.domain.journey.PeriodEnd;
import org.pathway.domain.journey.PlacementEnd;
import org.pathway.domain.journey.RecordAccommodationStatus;
import org.pathway.domain.journey.RecordClinicallyReadyForDischarge;
import org.pathway.domain.journey.RecordCommunityContact;
import org.pathway.domain.journey.RecordDeath;
import org.pathway.domain.journey.RecordReferral;
import org.pathway.domain.journey.Recorded;
import org.pathway.domain.journey.ReferralPriority;
import org.pathway.domain.journey.SpellEnd;
import org.pathway.domain.journey.StartLeave;
import org.pathway.domain.journey.StartStepDownPlacement;
import org.pathway.domain.journey.StepDownOutcome;
import org.pathway.domain.journey.TransferWard;
import org.pathway.domain.journey.WardPlacement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint per journey command. Each answers 201 with the new fact's id and the journey version
 * (also the {@code ETag}); accepts {@code Idempotency-Key} and {@code If-Match}. The fact id may be
 * chosen by the client ({@code factId}) or is generated here.
 */
@RestController
@RequestMapping("/service-users/{serviceUserId}")
@Tag(name = "Journey", description = "Record the facts of a service user's journey")
public class JourneyController {

  private final CommandExecutor executor;
  private final RequestContext context;

  JourneyController(CommandExecutor executor, RequestContext context) {
    this.executor = executor;
    this.context = context;
  }

  /**
   * The answer to every journey command; {@code endFactId} is the id of the end fact when a
   * complete period was recorded in one request.
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record FactRecorded(UUID serviceUserId, UUID factId, UUID endFactId, long version) {}

  // --- request bodies
  // ------------------------------------------------------------------------------------

  public record ReferralRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotBlank String sourceOfReferral,
      @NotBlank String teamTypeReferredTo,
      @NotNull ReferralPriority priority,
      String primaryReason) {}

  public record ReferralOutcomeRequest(
      UUID factId, @NotNull OffsetDateTime occurredAt, String reason) {}

  public record PlacementRequest(
      @NotBlank String ward,
      @NotBlank String bedType,
      String wardSecurityLevel,
      @NotBlank String provider,
      @NotBlank String locality,
      boolean outOfArea,
      String oapReason,
      Integer distanceFromHomeKm) {
    WardPlacement toPlacement() {
      return new WardPlacement(
          ward,
          bedType,
          wardSecurityLevel,
          provider,
          locality,
          outOfArea,
          oapReason,
          distanceFromHomeKm);
    }
  }

  public record AdmissionRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotNull UUID referralId,
      @NotBlank String admissionMethod,
      @NotBlank String admissionSource,
      @NotBlank String legalStatus,
      @NotNull @Valid PlacementRequest placement,
      LocalDate estimatedDischargeDate,
      @Valid DischargeRequest discharge) {}

  public record TransferRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotNull @Valid PlacementRequest placement) {}

  public record LegalStatusRequest(
      UUID factId, @NotNull OffsetDateTime occurredAt, @NotBlank String legalStatus) {}

  public record LeaveRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotNull LeaveType leaveType,
      @Valid EndRequest end) {}

  public record EndRequest(UUID factId, @NotNull OffsetDateTime occurredAt) {}

  public record DelayRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotBlank String delayReason,
      @NotBlank String attributableTo,
      @Valid EndRequest end) {}

  public record DischargeRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotBlank String dischargeMethod,
      @NotBlank String dischargeDestination) {}

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

  public record CorrectionRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotEmpty Map<String, String> changes,
      @NotBlank String reason) {}

  public record EnteredInErrorRequest(
      UUID factId, @NotNull OffsetDateTime occurredAt, @NotBlank String reason) {}

  // --- referrals
  // -----------------------------------------------------------------------------------------

  @PostMapping("/referrals")
  @Operation(summary = "Record a referral received; the new fact id is the referral id")
  public ResponseEntity<Object> recordReferral(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody ReferralRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordReferral(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                r.sourceOfReferral(),
                r.teamTypeReferredTo(),
                r.priority(),
                r.primaryReason()));
  }

  @PostMapping("/referrals/{referralId}/acceptance")
  @Operation(summary = "Accept a referral")
  public ResponseEntity<Object> acceptReferral(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID referralId,
      @Valid @RequestBody ReferralOutcomeRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new AcceptReferral(
                serviceUserId, v, id(r.factId()), r.occurredAt().toInstant(), referralId));
  }

  @PostMapping("/referrals/{referralId}/decline")
  @Operation(summary = "Decline a referral")
  public ResponseEntity<Object> declineReferral(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID referralId,
      @Valid @RequestBody ReferralOutcomeRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new DeclineReferral(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                referralId,
                r.reason()));
  }

  @PostMapping("/referrals/{referralId}/closure")
  @Operation(summary = "Close a referral")
  public ResponseEntity<Object> closeReferral(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID referralId,
      @Valid @RequestBody ReferralOutcomeRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new CloseReferral(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                referralId,
                r.reason()));
  }

  // --- hospital spells
  // -----------------------------------------------------------------------------------

  @PostMapping("/spells")
  @Operation(
      summary =
          "Admit: start a hospital spell; the new fact id is the spell id. With `discharge`, a"
              + " complete past spell is recorded at once")
  public ResponseEntity<Object> admit(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody AdmissionRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new AdmitServiceUser(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                r.referralId(),
                r.admissionMethod(),
                r.admissionSource(),
                r.legalStatus(),
                r.placement().toPlacement(),
                r.estimatedDischargeDate(),
                r.discharge() == null
                    ? null
                    : new SpellEnd(
                        id(r.discharge().factId()),
                        r.discharge().occurredAt().toInstant(),
                        r.discharge().dischargeMethod(),
                        r.discharge().dischargeDestination())));
  }

  @PostMapping("/spells/{spellId}/ward-transfers")
  @Operation(summary = "Move to another ward (a move back from out of area is a repatriation)")
  public ResponseEntity<Object> transfer(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody TransferRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new TransferWard(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.placement().toPlacement()));
  }

  @PostMapping("/spells/{spellId}/legal-status-changes")
  @Operation(summary = "Record a change of Mental Health Act legal status")
  public ResponseEntity<Object> changeLegalStatus(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody LegalStatusRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new ChangeLegalStatus(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.legalStatus()));
  }

  @PostMapping("/spells/{spellId}/leaves")
  @Operation(
      summary =
          "Start home leave or leave of absence; the new fact id is the leave id. With `end`, a"
              + " complete past leave is recorded at once")
  public ResponseEntity<Object> startLeave(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody LeaveRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new StartLeave(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.leaveType(),
                periodEnd(r.end())));
  }

  @PostMapping("/spells/{spellId}/leaves/{leaveId}/end")
  @Operation(summary = "End a leave")
  public ResponseEntity<Object> endLeave(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @PathVariable UUID leaveId,
      @Valid @RequestBody EndRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new EndLeave(
                serviceUserId, v, id(r.factId()), r.occurredAt().toInstant(), spellId, leaveId));
  }

  @PostMapping("/spells/{spellId}/delays")
  @Operation(
      summary =
          "Record clinically ready for discharge; the new fact id is the delay id. With `end`, a"
              + " complete past delay period is recorded at once")
  public ResponseEntity<Object> clinicallyReady(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody DelayRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordClinicallyReadyForDischarge(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.delayReason(),
                r.attributableTo(),
                periodEnd(r.end())));
  }

  @PostMapping("/spells/{spellId}/delays/{delayId}/end")
  @Operation(summary = "End a delay period while the spell continues")
  public ResponseEntity<Object> endDelay(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @PathVariable UUID delayId,
      @Valid @RequestBody EndRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new EndDelay(
                serviceUserId, v, id(r.factId()), r.occurredAt().toInstant(), spellId, delayId));
  }

  @PostMapping("/spells/{spellId}/discharge")
  @Operation(summary = "Discharge: end the spell")
  public ResponseEntity<Object> discharge(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody DischargeRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new DischargeServiceUser(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.dischargeMethod(),
                r.dischargeDestination()));
  }

  // --- community
  // -----------------------------------------------------------------------------------------

  @PostMapping("/step-down-placements")
  @Operation(
      summary =
          "Start a step-down housing placement; the new fact id is the placement id. With `end`, a"
              + " complete past placement is recorded at once")
  public ResponseEntity<Object> startStepDown(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody StepDownStartRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new StartStepDownPlacement(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                r.scheme(),
                r.provider(),
                r.dischargeSpellId(),
                r.end() == null
                    ? null
                    : new PlacementEnd(
                        id(r.end().factId()),
                        r.end().occurredAt().toInstant(),
                        r.end().outcome())));
  }

  @PostMapping("/step-down-placements/{placementId}/end")
  @Operation(summary = "End a step-down placement with its outcome")
  public ResponseEntity<Object> endStepDown(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID placementId,
      @Valid @RequestBody StepDownEndRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new EndStepDownPlacement(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                placementId,
                r.outcome()));
  }

  @PostMapping("/community-contacts")
  @Operation(summary = "Record a community contact (attended or not)")
  public ResponseEntity<Object> contact(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody ContactRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordCommunityContact(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                r.attended(),
                r.contactMedium()));
  }

  @PostMapping("/accommodation-statuses")
  @Operation(summary = "Record an accommodation status")
  public ResponseEntity<Object> accommodation(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody AccommodationRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordAccommodationStatus(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                r.settledIndicator(),
                r.accommodationType()));
  }

  @PostMapping("/death")
  @Operation(summary = "Record the service user's death")
  public ResponseEntity<Object> death(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody EndRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) -> new RecordDeath(serviceUserId, v, id(r.factId()), r.occurredAt().toInstant()));
  }

  // --- corrections
  // ---------------------------------------------------------------------------------------

  @PostMapping("/facts/{targetFactId}/corrections")
  @Operation(summary = "Amend named fields of an earlier fact (a new event; the original is kept)")
  public ResponseEntity<Object> correct(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID targetFactId,
      @Valid @RequestBody CorrectionRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new CorrectFact(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                targetFactId,
                r.changes(),
                r.reason()));
  }

  @PostMapping("/facts/{targetFactId}/entered-in-error")
  @Operation(
      summary =
          "Mark an earlier fact as entered in error (it stops counting; the original is kept)")
  public ResponseEntity<Object> enteredInError(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID targetFactId,
      @Valid @RequestBody EnteredInErrorRequest r,
      Headers h,
      HttpServletRequest http) {
    return run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new MarkEnteredInError(
                serviceUserId,
                v,
                id(r.factId()),
                r.occurredAt().toInstant(),
                targetFactId,
                r.reason()));
  }

  // -------------------------------------------------------------------------------------------------------

  /** The optional headers every command accepts. */
  public record Headers(String idempotencyKey, String ifMatch) {}

  private ResponseEntity<Object> run(
      HttpServletRequest http,
      Headers headers,
      UUID serviceUserId,
      Object body,
      Function<Long, JourneyCommand> command) {
    Long expectedVersion = Versions.expected(headers.ifMatch());
    String author = context.author(http);
    return executor.execute(
        headers.idempotencyKey(),
        List.of(http.getMethod(), http.getRequestURI(), body),
        () -> {
          Recorded recorded =
              executor.send(command.apply(expectedVersion), author, headers.idempotencyKey());
          return new Outcome(
              HttpStatus.CREATED,
              URI.create("/service-users/" + serviceUserId + "/facts/" + recorded.factId()),
              recorded.version(),
              new FactRecorded(
                  serviceUserId, recorded.factId(), recorded.endFactId(), recorded.version()));
        });
  }

  private static PeriodEnd periodEnd(EndRequest end) {
    return end == null ? null : new PeriodEnd(id(end.factId()), end.occurredAt().toInstant());
  }

  private static UUID id(UUID requested) {
    return requested != null ? requested : UUID.randomUUID();
  }
}
