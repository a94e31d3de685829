package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a step-down housing placement; {@code factId} becomes the placement id. Produces {@link
 * StepDownPlacementStarted}; see there for the meaning of each field.
 */
public record StartStepDownPlacement(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    String scheme,
    String provider,
    UUID dischargeSpellId)
    implements FactCommand {

  @Override
  public StepDownPlacementStarted toFact() {
    return new StepDownPlacementStarted(
        serviceUserId, factId, occurredAt, scheme, provider, dischargeSpellId);
  }
}
