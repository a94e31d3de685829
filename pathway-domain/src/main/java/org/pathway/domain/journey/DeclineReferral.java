package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Decline a received referral. Produces {@link ReferralDeclined}; see there for the meaning of each
 * field.
 */
public record DeclineReferral(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID referralId,
    String reason)
    implements FactCommand {

  @Override
  public ReferralDeclined toFact() {
    return new ReferralDeclined(serviceUserId, factId, occurredAt, referralId, reason);
  }
}
