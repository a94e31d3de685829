package org.pathway.api.serviceuser;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.pathway.api.config.AxonConfiguration;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.serviceuser.IdentityRepository.Identity;
import org.pathway.api.serviceuser.ServiceUserController.Registered;
import org.pathway.api.serviceuser.ServiceUserController.RegistrationRequest;
import org.pathway.api.web.CommandExecutor;
import org.pathway.api.web.CommandExecutor.Outcome;
import org.pathway.domain.journey.RegisterServiceUser;
import org.pathway.domain.serviceuser.NhsNumber;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Registers a service user: the identity row and the journey's first event, in the caller's
 * transaction. Used by the REST endpoint and by bulk import, so both apply the same rules.
 */
@Service
public class RegistrationService {
  private final CommandExecutor executor;
  private final IdentityRepository identities;

  RegistrationService(CommandExecutor executor, IdentityRepository identities) {
    this.executor = executor;
    this.identities = identities;
  }

  /** Checks what can be checked without the database. */
  public void validate(RegistrationRequest r) {
    if (r.nhsNumber() == null || !NhsNumber.isValid(r.nhsNumber().replaceAll("[ -]", ""))) {
      throw ApiProblem.badRequest("nhsNumber", "nhsNumber is not a valid NHS number (check digit)");
    }
    if (r.occurredAt() == null) {
      throw ApiProblem.badRequest("occurredAt", "occurredAt is required");
    }
    if (r.homeLocality() == null || r.homeLocality().isBlank()) {
      throw ApiProblem.badRequest("homeLocality", "homeLocality is required");
    }
    if (r.dateOfBirth() != null && r.dateOfBirth().isAfter(r.occurredAt().toLocalDate())) {
      throw ApiProblem.badRequest("dateOfBirth", "dateOfBirth is after the registration");
    }
  }

  /** To be run inside {@link CommandExecutor#execute}. */
  public Outcome<Registered> register(RegistrationRequest r, String author, String idempotencyKey) {
    return register(
        r,
        idempotencyKey == null
            ? Map.of(AxonConfiguration.AUTHOR, author)
            : Map.of(
                AxonConfiguration.AUTHOR,
                author,
                AxonConfiguration.IDEMPOTENCY_KEY,
                idempotencyKey));
  }

  /** As above, with the event's metadata given whole (a migrated registration carries more). */
  public Outcome<Registered> register(RegistrationRequest r, Map<String, ?> metaData) {
    Registration registration = prepare(r);
    if (identities.findByNhsNumber(registration.identity().nhsNumber()).isPresent()) {
      throw nhsNumberRegistered();
    }
    UUID serviceUserId = registration.command().serviceUserId();
    if (identities.find(serviceUserId).isPresent()) {
      throw alreadyRegistered(serviceUserId);
    }
    identities.insert(registration.identity());
    executor.send(registration.command(), metaData);
    return registration.outcome();
  }

  /** A registration checked as far as it can be without the database, its ids chosen. */
  public record Registration(Identity identity, RegisterServiceUser command) {
    /** The answer to it once stored. */
    public Outcome<Registered> outcome() {
      UUID serviceUserId = command.serviceUserId();
      return new Outcome<>(
          HttpStatus.CREATED,
          URI.create("/service-users/" + serviceUserId),
          0,
          new Registered(serviceUserId, command.factId(), 0));
    }
  }

  /** Validates the request and chooses the ids it leaves out (the bulk import checks the rest). */
  public Registration prepare(RegistrationRequest r) {
    validate(r);
    String digits = r.nhsNumber().replaceAll("[ -]", "");
    UUID serviceUserId = r.serviceUserId() != null ? r.serviceUserId() : UUID.randomUUID();
    UUID factId = r.factId() != null ? r.factId() : UUID.randomUUID();
    return new Registration(
        new Identity(
            serviceUserId,
            digits,
            r.localIdentifier(),
            r.givenName(),
            r.familyName(),
            r.dateOfBirth(),
            r.postcode() == null ? null : r.postcode().toUpperCase()),
        new RegisterServiceUser(
            serviceUserId,
            factId,
            r.occurredAt().toInstant(),
            r.homeLocality(),
            r.communityTeam()));
  }

  public static ApiProblem nhsNumberRegistered() {
    return ApiProblem.conflict(
        "NHS_NUMBER_REGISTERED",
        "nhsNumber",
        "a service user with this NHS number is already registered");
  }

  public static ApiProblem alreadyRegistered(UUID serviceUserId) {
    return ApiProblem.conflict(
        "ALREADY_REGISTERED",
        "serviceUserId",
        "service user " + serviceUserId + " is already registered");
  }
}
