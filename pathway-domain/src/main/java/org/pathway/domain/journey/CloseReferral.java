package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close a referral (discharge from the service). Produces {@link ReferralClosed}; see there for the
 * meaning of each field.
 */
public record CloseReferral(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID referralId,
    String reason)
    implements FactCommand {

  @Override
  public ReferralClosed toFact() {
    return new ReferralClosed(serviceUserId, factId, occurredAt, referralId, reason);
  }
}
