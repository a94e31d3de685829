package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a referral was received; {@code factId} becomes the referral id. Produces {@link
 * ReferralReceived}; see there for the meaning of each field.
 */
public record RecordReferral(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    String sourceOfReferral,
    String teamTypeReferredTo,
    ReferralPriority priority,
    String primaryReason)
    implements FactCommand {

  @Override
  public ReferralReceived toFact() {
    return new ReferralReceived(
        serviceUserId,
        factId,
        occurredAt,
        sourceOfReferral,
        teamTypeReferredTo,
        priority,
        primaryReason);
  }
}
