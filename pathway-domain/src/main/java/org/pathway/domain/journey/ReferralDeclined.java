package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * At {@code occurredAt}, the team declined the referral (ReferRejectionDate).
 *
 * @param referralId the {@link ReferralReceived} fact this concerns
 * @param reason the rejection reason code or short text, no personal data
 */
@JsonTypeName("pathway.ReferralDeclined")
@Revision("1")
public record ReferralDeclined(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID referralId, String reason)
    implements Fact {

  @Override
  public ReferralDeclined amend(FieldChanges c) {
    return new ReferralDeclined(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        referralId,
        c.text("reason", reason));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(referralId, "referralId");
  }
}
