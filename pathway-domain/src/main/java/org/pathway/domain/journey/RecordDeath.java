package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the service user's death. Produces {@link DeathRecorded}; see there for the meaning of
 * each field.
 */
public record RecordDeath(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt)
    implements FactCommand {

  @Override
  public DeathRecorded toFact() {
    return new DeathRecorded(serviceUserId, factId, occurredAt);
  }
}
