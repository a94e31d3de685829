package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Discharge the service user, ending the spell. Produces {@link Discharged}; see there for the
 * meaning of each field.
 */
public record DischargeServiceUser(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    String dischargeMethod,
    String dischargeDestination)
    implements FactCommand {

  @Override
  public Discharged toFact() {
    return new Discharged(
        serviceUserId, factId, occurredAt, spellId, dischargeMethod, dischargeDestination);
  }
}
