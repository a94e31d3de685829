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
import org.pathway.domain.journey.AcceptReferral;
import org.pathway.domain.journey.CloseReferral;
import org.pathway.domain.journey.DeclineReferral;
import org.pathway.domain.journey.RecordReferral;
import org.pathway.domain.journey.ReferralPriority;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journey's referrals: received, accepted, declined, closed. Each endpoint sends one journey
 * command and answers 201 with the new fact's id and the journey version (also the {@code ETag});
 * every one accepts {@code Idempotency-Key} and {@code If-Match}. The fact id may be chosen by the
 * client ({@code factId}) or is generated. The table of endpoints and commands is in docs/api.md.
 */
@RestController
@RequestMapping("/service-users/{serviceUserId}")
@Tag(name = "Referrals", description = "Referrals received, accepted, declined and closed")
public class ReferralController {
  private final JourneyCommandRunner commands;

  ReferralController(JourneyCommandRunner commands) {
    this.commands = commands;
  }

  public record ReferralRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotBlank String sourceOfReferral,
      @NotBlank String teamTypeReferredTo,
      @NotNull ReferralPriority priority,
      String primaryReason) {}

  public record ReferralOutcomeRequest(
      UUID factId, @NotNull OffsetDateTime occurredAt, String reason) {}

  @PostMapping("/referrals")
  @Operation(summary = "Record a referral received; the new fact id is the referral id")
  public ResponseEntity<FactRecorded> recordReferral(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody ReferralRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordReferral(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                r.sourceOfReferral(),
                r.teamTypeReferredTo(),
                r.priority(),
                r.primaryReason()));
  }

  @PostMapping("/referrals/{referralId}/acceptance")
  @Operation(summary = "Accept a referral")
  public ResponseEntity<FactRecorded> acceptReferral(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID referralId,
      @Valid @RequestBody ReferralOutcomeRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new AcceptReferral(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                referralId));
  }

  @PostMapping("/referrals/{referralId}/decline")
  @Operation(summary = "Decline a referral")
  public ResponseEntity<FactRecorded> declineReferral(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID referralId,
      @Valid @RequestBody ReferralOutcomeRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new DeclineReferral(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                referralId,
                r.reason()));
  }

  @PostMapping("/referrals/{referralId}/closure")
  @Operation(summary = "Close a referral")
  public ResponseEntity<FactRecorded> closeReferral(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID referralId,
      @Valid @RequestBody ReferralOutcomeRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new CloseReferral(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                referralId,
                r.reason()));
  }
}
