package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a period of leave; {@code factId} becomes the leave id. With {@code end} (optional) a
 * complete past leave is recorded at once. Produces {@link LeaveStarted}; see there for the meaning
 * of each field.
 */
public record StartLeave(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    LeaveType leaveType,
    PeriodEnd end)
    implements FactCommand {

  /** A leave whose end is not yet known. */
  public StartLeave(
      UUID serviceUserId,
      Long expectedVersion,
      UUID factId,
      Instant occurredAt,
      UUID spellId,
      LeaveType leaveType) {
    this(serviceUserId, expectedVersion, factId, occurredAt, spellId, leaveType, null);
  }

  @Override
  public java.util.List<Fact> toFacts() {
    return end == null
        ? java.util.List.of(toFact())
        : java.util.List.of(
            toFact(),
            new LeaveEnded(serviceUserId, end.factId(), end.occurredAt(), spellId, factId));
  }

  @Override
  public LeaveStarted toFact() {
    return new LeaveStarted(serviceUserId, factId, occurredAt, spellId, leaveType);
  }
}
