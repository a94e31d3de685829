package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.pathway.domain.codes.CodeSystem;

/**
 * A community care contact took place or was planned and missed (MHSDS MHS201); used for 72-hour
 * follow-up.
 *
 * @param occurredAt contact time
 * @param attended whether the service user attended
 * @param contactMedium consultation mechanism: 01 face-to-face, 02 telephone, 04 talk-type, 11
 *     video
 */
@JsonTypeName("pathway.CommunityContactRecorded")
@Revision("1")
public record CommunityContactRecorded(
    UUID serviceUserId, UUID factId, Instant occurredAt, boolean attended, String contactMedium)
    implements Fact {

  @Override
  public CommunityContactRecorded amend(FieldChanges c) {
    return new CommunityContactRecorded(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        c.bool("attended", attended),
        c.text("contactMedium", contactMedium));
  }

  @Override
  public void validate(CodeCheck check) {
    check.required(CodeSystem.CONTACT_MEDIUM, "contactMedium", contactMedium);
  }
}
