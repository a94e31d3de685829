package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a period of leave; {@code factId} becomes the leave id. Produces {@link LeaveStarted}; see
 * there for the meaning of each field.
 */
public record StartLeave(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    LeaveType leaveType)
    implements FactCommand {

  @Override
  public LeaveStarted toFact() {
    return new LeaveStarted(serviceUserId, factId, occurredAt, spellId, leaveType);
  }
}
