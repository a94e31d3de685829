package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the service user is clinically ready for discharge; {@code factId} becomes the delay
 * id. Produces {@link ClinicallyReadyForDischarge}; see there for the meaning of each field.
 */
public record RecordClinicallyReadyForDischarge(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    String delayReason,
    String attributableTo)
    implements FactCommand {

  @Override
  public ClinicallyReadyForDischarge toFact() {
    return new ClinicallyReadyForDischarge(
        serviceUserId, factId, occurredAt, spellId, delayReason, attributableTo);
  }
}
