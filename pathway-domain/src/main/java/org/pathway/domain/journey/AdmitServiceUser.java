package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Admit the service user to hospital; {@code factId} becomes the spell id. Produces {@link
 * Admitted}; see there for the meaning of each field. With {@code discharge} (optional) a complete
 * past spell is recorded at once.
 */
public record AdmitServiceUser(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID referralId,
    String admissionMethod,
    String admissionSource,
    String legalStatus,
    WardPlacement placement,
    java.time.LocalDate estimatedDischargeDate,
    SpellEnd discharge)
    implements FactCommand {

  /** An admission whose discharge is not yet known. */
  public AdmitServiceUser(
      UUID serviceUserId,
      Long expectedVersion,
      UUID factId,
      Instant occurredAt,
      UUID referralId,
      String admissionMethod,
      String admissionSource,
      String legalStatus,
      WardPlacement placement,
      java.time.LocalDate estimatedDischargeDate) {
    this(
        serviceUserId,
        expectedVersion,
        factId,
        occurredAt,
        referralId,
        admissionMethod,
        admissionSource,
        legalStatus,
        placement,
        estimatedDischargeDate,
        null);
  }

  @Override
  public java.util.List<Fact> toFacts() {
    return discharge == null
        ? java.util.List.of(toFact())
        : java.util.List.of(
            toFact(),
            new Discharged(
                serviceUserId,
                discharge.factId(),
                discharge.occurredAt(),
                factId,
                discharge.dischargeMethod(),
                discharge.dischargeDestination()));
  }

  @Override
  public Admitted toFact() {
    return new Admitted(
        serviceUserId,
        factId,
        occurredAt,
        referralId,
        admissionMethod,
        admissionSource,
        legalStatus,
        placement,
        estimatedDischargeDate);
  }
}
