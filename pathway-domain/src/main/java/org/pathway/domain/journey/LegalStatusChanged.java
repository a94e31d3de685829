package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.pathway.domain.codes.CodeSystem;

/**
 * The Mental Health Act legal status changed during the spell (MHSDS MHS401 period start).
 *
 * @param spellId the open spell
 * @param legalStatus the new legal status classification, e.g. 03 (section 3)
 */
@JsonTypeName("pathway.LegalStatusChanged")
@Revision("1")
public record LegalStatusChanged(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID spellId, String legalStatus)
    implements Fact {

  @Override
  public LegalStatusChanged amend(FieldChanges c) {
    return new LegalStatusChanged(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        spellId,
        c.text("legalStatus", legalStatus));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(spellId, "spellId");
    check.required(CodeSystem.LEGAL_STATUS, "legalStatus", legalStatus);
  }
}
