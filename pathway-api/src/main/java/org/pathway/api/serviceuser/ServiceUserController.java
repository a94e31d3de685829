package org.pathway.api.serviceuser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.serviceuser.IdentityRepository.Identity;
import org.pathway.api.timeline.TimelineService;
import org.pathway.api.web.CommandExecutor;
import org.pathway.api.web.CommandHeaders;
import org.pathway.api.web.RequestContext;
import org.pathway.api.web.Versions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registering a service user: identity into the identity table, the journey's first event into the
 * stream.
 */
@RestController
@RequestMapping("/service-users")
@Tag(name = "Service users")
public class ServiceUserController {
  private final CommandExecutor executor;
  private final RegistrationService registrations;
  private final IdentityRepository identities;
  private final TimelineService timelines;
  private final RequestContext context;

  ServiceUserController(
      CommandExecutor executor,
      RegistrationService registrations,
      IdentityRepository identities,
      TimelineService timelines,
      RequestContext context) {
    this.executor = executor;
    this.registrations = registrations;
    this.identities = identities;
    this.timelines = timelines;
    this.context = context;
  }

  /**
   * @param serviceUserId the internal id to use (optional; generated when absent)
   * @param factId the id of the registration fact (optional)
   * @param nhsNumber ten digits with a valid modulus-11 check digit (spaces allowed); personal data
   * @param occurredAt when the person came under the trust's care
   */
  public record RegistrationRequest(
      UUID serviceUserId,
      UUID factId,
      @NotBlank String nhsNumber,
      @Size(max = 64) String localIdentifier,
      @Size(max = 200) String givenName,
      @Size(max = 200) String familyName,
      LocalDate dateOfBirth,
      @Pattern(regexp = "^[A-Za-z0-9 ]{2,10}$", message = "must be a UK postcode") String postcode,
      @NotBlank String homeLocality,
      String communityTeam,
      @NotNull OffsetDateTime occurredAt) {}

  public record Registered(UUID serviceUserId, UUID factId, long version) {}

  /** The service user with identity (personal data) and current journey version. */
  public record ServiceUser(UUID serviceUserId, Identity identity, long version) {}

  @PostMapping
  @Operation(
      summary = "Register a service user; identity details are stored outside the event stream")
  public ResponseEntity<Registered> register(
      @Valid @RequestBody RegistrationRequest r, CommandHeaders h, HttpServletRequest http) {
    String author = context.author(http);
    return executor
        .execute(
            h.idempotencyKey(),
            List.of(http.getMethod(), http.getRequestURI(), r),
            Registered.class,
            () -> registrations.register(r, author, h.idempotencyKey()))
        .toResponse();
  }

  @GetMapping("/{serviceUserId}")
  @Operation(summary = "A service user's identity and journey version (personal data)")
  public ResponseEntity<ServiceUser> get(@PathVariable UUID serviceUserId) {
    Identity identity =
        identities
            .find(serviceUserId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "UNKNOWN_SERVICE_USER", "no service user with id " + serviceUserId));
    long version = timelines.version(serviceUserId);
    return ResponseEntity.ok()
        .eTag(Versions.etag(version))
        .body(new ServiceUser(serviceUserId, identity, version));
  }
}
