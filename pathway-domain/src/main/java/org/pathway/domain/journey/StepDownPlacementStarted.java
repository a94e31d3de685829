package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The service user moved into a step-down housing placement; {@code factId} is the placement id.
 *
 * @param scheme local code of the step-down scheme
 * @param provider code of the housing provider running it
 * @param dischargeSpellId the spell whose discharge the placement follows, if any; it must be
 *     discharged by then
 */
@JsonTypeName("pathway.StepDownPlacementStarted")
@Revision("1")
public record StepDownPlacementStarted(
    UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    String scheme,
    String provider,
    UUID dischargeSpellId)
    implements Fact {

  @Override
  public StepDownPlacementStarted amend(FieldChanges c) {
    return new StepDownPlacementStarted(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        c.text("scheme", scheme),
        c.text("provider", provider),
        dischargeSpellId);
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(scheme, "scheme");
    CodeCheck.require(provider, "provider");
  }
}
