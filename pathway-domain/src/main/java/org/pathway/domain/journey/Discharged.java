package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.pathway.domain.codes.CodeSystem;

/**
 * The spell ended. Any open leave and delay period end with it.
 *
 * @param occurredAt discharge time (DischDateHospProvSpell/DischTimeHospProvSpell)
 * @param spellId the open spell
 * @param dischargeMethod MethOfDischMHHospProvSpell, e.g. 1 (clinical advice), 4 (died)
 * @param dischargeDestination DestOfDischHospProvSpell, e.g. 19 (usual residence), 29 (temporary,
 *     e.g. step-down)
 */
@JsonTypeName("pathway.Discharged")
@Revision("1")
public record Discharged(
    UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    UUID spellId,
    String dischargeMethod,
    String dischargeDestination)
    implements Fact {

  @Override
  public Discharged amend(FieldChanges c) {
    return new Discharged(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        spellId,
        c.text("dischargeMethod", dischargeMethod),
        c.text("dischargeDestination", dischargeDestination));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(spellId, "spellId");
    check.required(CodeSystem.DISCHARGE_METHOD, "dischargeMethod", dischargeMethod);
    check.required(CodeSystem.DISCHARGE_DESTINATION, "dischargeDestination", dischargeDestination);
  }
}
