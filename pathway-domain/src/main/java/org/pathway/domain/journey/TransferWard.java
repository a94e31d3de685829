package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Move the service user to another ward within the open spell. Produces {@link WardTransferred};
 * see there for the meaning of each field.
 */
public record TransferWard(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    WardPlacement placement)
    implements FactCommand {

  @Override
  public WardTransferred toFact() {
    return new WardTransferred(serviceUserId, factId, occurredAt, spellId, placement);
  }
}
