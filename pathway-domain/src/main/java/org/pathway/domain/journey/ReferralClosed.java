package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * At {@code occurredAt}, the referral was closed / the person discharged from the service
 * (ServDischDate).
 *
 * @param referralId the {@link ReferralReceived} fact this concerns
 * @param reason the closure reason code or short text, no personal data
 */
@JsonTypeName("pathway.ReferralClosed")
@Revision("1")
public record ReferralClosed(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID referralId, String reason)
    implements Fact {

  @Override
  public ReferralClosed amend(FieldChanges c) {
    return new ReferralClosed(
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
