package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Admit the service user to hospital; {@code factId} becomes the spell id. Produces {@link
 * Admitted}; see there for the meaning of each field.
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
    java.time.LocalDate estimatedDischargeDate)
    implements FactCommand {

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
