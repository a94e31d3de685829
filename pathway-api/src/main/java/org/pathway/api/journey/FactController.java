package org.pathway.api.journey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.pathway.api.web.CommandHeaders;
import org.pathway.api.web.FactRecorded;
import org.pathway.domain.journey.CorrectFact;
import org.pathway.domain.journey.MarkEnteredInError;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journey's corrections of earlier facts and facts entered in error (the originals are kept).
 * Each endpoint sends one journey command and answers 201 with the new fact's id and the journey
 * version (also the {@code ETag}); every one accepts {@code Idempotency-Key} and {@code If-Match}.
 * The fact id may be chosen by the client ({@code factId}) or is generated. The table of endpoints
 * and commands is in docs/api.md.
 */
@RestController
@RequestMapping("/service-users/{serviceUserId}")
@Tag(name = "Facts", description = "Corrections and entries in error")
public class FactController {
  private final JourneyCommandRunner commands;

  FactController(JourneyCommandRunner commands) {
    this.commands = commands;
  }

  public record CorrectionRequest(
      UUID factId,
      @NotNull OffsetDateTime occurredAt,
      @NotEmpty Map<String, String> changes,
      @NotBlank String reason) {}

  public record EnteredInErrorRequest(
      UUID factId, @NotNull OffsetDateTime occurredAt, @NotBlank String reason) {}

  @PostMapping("/facts/{targetFactId}/corrections")
  @Operation(summary = "Amend named fields of an earlier fact (a new event; the original is kept)")
  public ResponseEntity<FactRecorded> correct(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID targetFactId,
      @Valid @RequestBody CorrectionRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new CorrectFact(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                targetFactId,
                r.changes(),
                r.reason()));
  }

  @PostMapping("/facts/{targetFactId}/entered-in-error")
  @Operation(
      summary =
          "Mark an earlier fact as entered in error (it stops counting; the original is kept)")
  public ResponseEntity<FactRecorded> enteredInError(
      @PathVariable UUID serviceUserId,
      @PathVariable UUID targetFactId,
      @Valid @RequestBody EnteredInErrorRequest r,
      CommandHeaders h,
      HttpServletRequest http) {
    return commands.run(
        http,
        h,
        serviceUserId,
        r,
        (v) ->
            new MarkEnteredInError(
                serviceUserId,
                v,
                JourneyCommandRunner.id(r.factId()),
                r.occurredAt().toInstant(),
                targetFactId,
                r.reason()));
  }
}
