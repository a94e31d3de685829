package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the service user is clinically ready for discharge; {@code factId} becomes the delay
 * id. Produces {@link ClinicallyReadyForDischarge}; see there for the meaning of each field. With
 * {@code end} (optional) a complete past delay period is recorded at once.
 */
public record RecordClinicallyReadyForDischarge(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    String delayReason,
    String attributableTo,
    PeriodEnd end)
    implements FactCommand {

  /** A delay period whose end is not yet known. */
  public RecordClinicallyReadyForDischarge(
      UUID serviceUserId,
      Long expectedVersion,
      UUID factId,
      Instant occurredAt,
      UUID spellId,
      String delayReason,
      String attributableTo) {
    this(
        serviceUserId,
        expectedVersion,
        factId,
        occurredAt,
        spellId,
        delayReason,
        attributableTo,
        null);
  }

  @Override
  public java.util.List<Fact> toFacts() {
    return end == null
        ? java.util.List.of(toFact())
        : java.util.List.of(
            toFact(),
            new DelayEnded(serviceUserId, end.factId(), end.occurredAt(), spellId, factId));
  }

  @Override
  public ClinicallyReadyForDischarge toFact() {
    return new ClinicallyReadyForDischarge(
        serviceUserId, factId, occurredAt, spellId, delayReason, attributableTo);
  }
}
