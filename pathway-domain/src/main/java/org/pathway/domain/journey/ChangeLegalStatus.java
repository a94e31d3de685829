package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a change of Mental Health Act legal status. Produces {@link LegalStatusChanged}; see there
 * for the meaning of each field.
 */
public record ChangeLegalStatus(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    String legalStatus)
    implements FactCommand {

  @Override
  public LegalStatusChanged toFact() {
    return new LegalStatusChanged(serviceUserId, factId, occurredAt, spellId, legalStatus);
  }
}
