package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.pathway.domain.codes.CodeSystem;

/**
 * A referral to a mental-health service was received (MHSDS MHS101/MHS102). Its {@code factId} is
 * the referral id.
 *
 * @param occurredAt when the referral was received (ReferralRequestReceivedDate/Time)
 * @param sourceOfReferral SourceOfReferralMH, e.g. A1 (GP); validated by its letter group
 * @param teamTypeReferredTo ServTeamTypeRefToMH, e.g. A06 (CMHT functional)
 * @param priority clinical response priority
 * @param primaryReason PrimReasonReferralMH, e.g. 18 (in crisis); optional
 */
@JsonTypeName("pathway.ReferralReceived")
@Revision("1")
public record ReferralReceived(
    UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    String sourceOfReferral,
    String teamTypeReferredTo,
    ReferralPriority priority,
    String primaryReason)
    implements Fact {

  @Override
  public ReferralReceived amend(FieldChanges c) {
    return new ReferralReceived(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        c.text("sourceOfReferral", sourceOfReferral),
        c.text("teamTypeReferredTo", teamTypeReferredTo),
        c.enumValue("priority", priority, ReferralPriority.class),
        c.text("primaryReason", primaryReason));
  }

  @Override
  public void validate(CodeCheck check) {
    check.referralSource("sourceOfReferral", sourceOfReferral);
    check.required(CodeSystem.TEAM_TYPE, "teamTypeReferredTo", teamTypeReferredTo);
    CodeCheck.require(priority, "priority");
    check.optional(CodeSystem.PRIMARY_REFERRAL_REASON, "primaryReason", primaryReason);
  }
}
