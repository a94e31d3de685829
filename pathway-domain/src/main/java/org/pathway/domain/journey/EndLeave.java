package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End the open leave. Produces {@link LeaveEnded}; see there for the meaning of each field. */
public record EndLeave(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    UUID leaveId)
    implements FactCommand {

  @Override
  public LeaveEnded toFact() {
    return new LeaveEnded(serviceUserId, factId, occurredAt, spellId, leaveId);
  }
}
