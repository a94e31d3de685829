package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the service user's accommodation status. Produces {@link AccommodationStatusRecorded}; see
 * there for the meaning of each field.
 */
public record RecordAccommodationStatus(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    String settledIndicator,
    String accommodationType)
    implements FactCommand {

  @Override
  public AccommodationStatusRecorded toFact() {
    return new AccommodationStatusRecorded(
        serviceUserId, factId, occurredAt, settledIndicator, accommodationType);
  }
}
