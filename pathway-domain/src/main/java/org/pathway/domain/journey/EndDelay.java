package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * End the open delay period while the spell continues. Produces {@link DelayEnded}; see there for
 * the meaning of each field.
 */
public record EndDelay(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    UUID delayId)
    implements FactCommand {

  @Override
  public DelayEnded toFact() {
    return new DelayEnded(serviceUserId, factId, occurredAt, spellId, delayId);
  }
}
