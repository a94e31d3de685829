package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * End the open step-down placement. Produces {@link StepDownPlacementEnded}; see there for the
 * meaning of each field.
 */
public record EndStepDownPlacement(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID placementId,
    StepDownOutcome outcome)
    implements FactCommand {

  @Override
  public StepDownPlacementEnded toFact() {
    return new StepDownPlacementEnded(serviceUserId, factId, occurredAt, placementId, outcome);
  }
}
