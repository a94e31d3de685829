package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * At {@code occurredAt}, the referral was accepted by the team.
 *
 * @param referralId the {@link ReferralReceived} fact this concerns
 */
@JsonTypeName("pathway.ReferralAccepted")
@Revision("1")
public record ReferralAccepted(UUID serviceUserId, UUID factId, Instant occurredAt, UUID referralId)
    implements Fact {

  @Override
  public ReferralAccepted amend(FieldChanges c) {
    return new ReferralAccepted(
        serviceUserId, factId, c.instant("occurredAt", occurredAt), referralId);
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(referralId, "referralId");
  }
}
