package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a community contact (attended or not). Produces {@link CommunityContactRecorded}; see
 * there for the meaning of each field.
 */
public record RecordCommunityContact(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    boolean attended,
    String contactMedium)
    implements FactCommand {

  @Override
  public CommunityContactRecorded toFact() {
    return new CommunityContactRecorded(serviceUserId, factId, occurredAt, attended, contactMedium);
  }
}
