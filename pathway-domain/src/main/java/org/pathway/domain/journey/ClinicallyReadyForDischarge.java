package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.pathway.domain.codes.CodeSystem;

/**
 * The service user was judged clinically ready for discharge but stays in hospital: a delay period
 * (MHSDS MHS518) begins; {@code factId} is the delay id. It ends with {@link DelayEnded} or the
 * discharge.
 *
 * @param spellId the open spell
 * @param delayReason the delay reason, v6 01–37/98 (v5 letter codes before April 2024); housing
 *     reasons are flagged in the code list
 * @param attributableTo AttribToIndic: 04 NHS, 05 social care, 06 both (07 housing before v6)
 */
@JsonTypeName("pathway.ClinicallyReadyForDischarge")
@Revision("1")
public record ClinicallyReadyForDischarge(
    UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    String delayReason,
    String attributableTo)
    implements Fact {

  @Override
  public ClinicallyReadyForDischarge amend(FieldChanges c) {
    return new ClinicallyReadyForDischarge(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        spellId,
        c.text("delayReason", delayReason),
        c.text("attributableTo", attributableTo));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(spellId, "spellId");
    check.required(CodeSystem.DELAY_REASON, "delayReason", delayReason);
    check.required(CodeSystem.DELAY_ATTRIBUTABLE_TO, "attributableTo", attributableTo);
  }
}
