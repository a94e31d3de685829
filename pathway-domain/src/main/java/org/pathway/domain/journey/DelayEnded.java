package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The delay period ended while the person stayed in hospital (e.g. no longer clinically ready).
 *
 * @param spellId the open spell
 * @param delayId the {@link ClinicallyReadyForDischarge} fact this ends
 */
@JsonTypeName("pathway.DelayEnded")
@Revision("1")
public record DelayEnded(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID spellId, UUID delayId)
    implements Fact {

  @Override
  public DelayEnded amend(FieldChanges c) {
    return new DelayEnded(
        serviceUserId, factId, c.instant("occurredAt", occurredAt), spellId, delayId);
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(spellId, "spellId");
    CodeCheck.require(delayId, "delayId");
  }
}
