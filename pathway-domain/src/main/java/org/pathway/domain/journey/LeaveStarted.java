package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The service user went on leave from the ward; {@code factId} is the leave id. Only one leave is
 * open at a time.
 *
 * @param spellId the open spell
 * @param leaveType home leave or leave of absence (s17)
 */
@JsonTypeName("pathway.LeaveStarted")
@Revision("1")
public record LeaveStarted(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID spellId, LeaveType leaveType)
    implements Fact {

  @Override
  public LeaveStarted amend(FieldChanges c) {
    return new LeaveStarted(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        spellId,
        c.enumValue("leaveType", leaveType, LeaveType.class));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(spellId, "spellId");
    CodeCheck.require(leaveType, "leaveType");
  }
}
