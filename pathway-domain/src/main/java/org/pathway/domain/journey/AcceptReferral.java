package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Accept a received referral. Produces {@link ReferralAccepted}; see there for the meaning of each
 * field.
 */
public record AcceptReferral(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID referralId)
    implements FactCommand {

  @Override
  public ReferralAccepted toFact() {
    return new ReferralAccepted(serviceUserId, factId, occurredAt, referralId);
  }
}
