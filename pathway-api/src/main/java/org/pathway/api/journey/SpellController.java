package org.pathway.api.journey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.pathway.api.web.CommandHeaders;
import org.pathway.api.web.FactRecorded;
import org.pathway.domain.journey.AdmitServiceUser;
import org.pathway.domain.journey.ChangeLegalStatus;
import org.pathway.domain.journey.DischargeServiceUser;
import org.pathway.domain.journey.EndDelay;
import org.pathway.domain.journey.EndLeave;
import org.pathway.domain.journey.LeaveType;
import org.pathway.domain.journey.RecordClinicallyReadyForDischarge;
import org.pathway.domain.journey.SpellEnd;
import org.pathway.domain.journey.StartLeave;
import org.pathway.domain.journey.TransferWard;
import org.pathway.domain.journey.WardPlacement;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journey's hospital spells: admission (with its ward placement), ward transfers, legal status,
 * leave, clinically ready for discharge (delays) and discharge. Each endpoint sends one journey
 * command and answers 201 with the new fact's id and the journey version (also the {@code ETag});
 * every one accepts {@code Idempotency-Key} and {@code If-Match}. The fact id may be chosen by the
 * client ({@code factId}) or is generated. The table of endpoints and commands is in docs/api.md.
 */
@RestController
@RequestMapping("/service-users/{serviceUserId}")
@Tag(
    name = "Spells",
    description = "Hospital spells: admission, ward moves, legal status, leave, delays, discharge")
public class SpellController {
  private final JourneyCommandRunner commands;

  SpellController(JourneyCommandRunner commands) {
    this.commands = commands;
  }

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

  public record DischargeRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotBlank String dischargeMethod,
      @NotBlank String dischargeDestination) {}

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

  @PostMapping("/spells")
  @Operation(
      summary =
          "Admit: start a hospital spell; the new fact id is the spell id. With `discharge`, a"
              + " complete past spell is recorded at once")
  public ResponseEntity<FactRecorded> admit(
      @PathVariable UUID serviceUserId,
      @Valid @RequestBody AdmissionRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new AdmitServiceUser(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
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
                        JourneyCommandRunner.id(r.discharge().factId()),
                        r.discharge().occurredAt().toInstant(),
                        r.discharge().dischargeMethod(),
                        r.discharge().dischargeDestination())));
  }

  @PostMapping("/spells/{spellId}/ward-transfers")
  @Operation(summary = "Move to another ward (a move back from out of area is a repatriation)")
  public ResponseEntity<FactRecorded> transfer(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody TransferRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new TransferWard(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.placement().toPlacement()));
  }

  @PostMapping("/spells/{spellId}/legal-status-changes")
  @Operation(summary = "Record a change of Mental Health Act legal status")
  public ResponseEntity<FactRecorded> changeLegalStatus(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody LegalStatusRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new ChangeLegalStatus(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.legalStatus()));
  }

  @PostMapping("/spells/{spellId}/leaves")
  @Operation(
      summary =
          "Start home leave or leave of absence; the new fact id is the leave id. With `end`, a"
              + " complete past leave is recorded at once")
  public ResponseEntity<FactRecorded> startLeave(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody LeaveRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new StartLeave(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.leaveType(),
                JourneyCommandRunner.periodEnd(r.end())));
  }

  @PostMapping("/spells/{spellId}/leaves/{leaveId}/end")
  @Operation(summary = "End a leave")
  public ResponseEntity<FactRecorded> endLeave(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @PathVariable UUID leaveId,
      @Valid @RequestBody EndRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new EndLeave(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                leaveId));
  }

  @PostMapping("/spells/{spellId}/delays")
  @Operation(
      summary =
          "Record clinically ready for discharge; the new fact id is the delay id. With `end`, a"
              + " complete past delay period is recorded at once")
  public ResponseEntity<FactRecorded> clinicallyReady(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody DelayRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new RecordClinicallyReadyForDischarge(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.delayReason(),
                r.attributableTo(),
                JourneyCommandRunner.periodEnd(r.end())));
  }

  @PostMapping("/spells/{spellId}/delays/{delayId}/end")
  @Operation(summary = "End a delay period while the spell continues")
  public ResponseEntity<FactRecorded> endDelay(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @PathVariable UUID delayId,
      @Valid @RequestBody EndRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new EndDelay(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                delayId));
  }

  @PostMapping("/spells/{spellId}/discharge")
  @Operation(summary = "Discharge: end the spell")
  public ResponseEntity<FactRecorded> discharge(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID spellId,
      @Valid @RequestBody DischargeRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new DischargeServiceUser(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                spellId,
                r.dischargeMethod(),
                r.dischargeDestination()));
  }
}
