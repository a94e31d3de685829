package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The service user moved ward within the open spell: the current ward stay ended and a new one (id
 * {@code factId}) began. A move from an out-of-area placement to a local one is a repatriation; the
 * reverse starts an OAP.
 *
 * @param occurredAt time of the move (EndDateWardStay of the old stay = StartDateWardStay of the
 *     new)
 * @param spellId the open spell
 * @param placement the new ward
 */
@JsonTypeName("pathway.WardTransferred")
@Revision("1")
public record WardTransferred(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID spellId, WardPlacement placement)
    implements Fact {

  @Override
  public WardTransferred amend(FieldChanges c) {
    return new WardTransferred(
        serviceUserId, factId, c.instant("occurredAt", occurredAt), spellId, placement.amend(c));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(spellId, "spellId");
    CodeCheck.require(placement, "placement");
    placement.validate(check, "placement.");
  }
}
