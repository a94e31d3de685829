package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a step-down housing placement; {@code factId} becomes the placement id. Produces {@link
 * StepDownPlacementStarted}; see there for the meaning of each field. With {@code end} (optional) a
 * complete past placement is recorded at once.
 */
public record StartStepDownPlacement(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    String scheme,
    String provider,
    UUID dischargeSpellId,
    PlacementEnd end)
    implements FactCommand {

  /** A placement whose end is not yet known. */
  public StartStepDownPlacement(
      UUID serviceUserId,
      Long expectedVersion,
      UUID factId,
      Instant occurredAt,
      String scheme,
      String provider,
      UUID dischargeSpellId) {
    this(
        serviceUserId,
        expectedVersion,
        factId,
        occurredAt,
        scheme,
        provider,
        dischargeSpellId,
        null);
  }

  @Override
  public java.util.List<Fact> toFacts() {
    return end == null
        ? java.util.List.of(toFact())
        : java.util.List.of(
            toFact(),
            new StepDownPlacementEnded(
                serviceUserId, end.factId(), end.occurredAt(), factId, end.outcome()));
  }

  @Override
  public StepDownPlacementStarted toFact() {
    return new StepDownPlacementStarted(
        serviceUserId, factId, occurredAt, scheme, provider, dischargeSpellId);
  }
}
