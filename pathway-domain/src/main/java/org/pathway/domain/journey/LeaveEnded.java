package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The service user returned from leave.
 *
 * @param spellId the open spell
 * @param leaveId the {@link LeaveStarted} fact this ends
 */
@JsonTypeName("pathway.LeaveEnded")
@Revision("1")
public record LeaveEnded(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID spellId, UUID leaveId)
    implements Fact {

  @Override
  public LeaveEnded amend(FieldChanges c) {
    return new LeaveEnded(
        serviceUserId, factId, c.instant("occurredAt", occurredAt), spellId, leaveId);
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(spellId, "spellId");
    CodeCheck.require(leaveId, "leaveId");
  }
}
