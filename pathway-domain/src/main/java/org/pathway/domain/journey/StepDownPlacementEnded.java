package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The step-down placement ended.
 *
 * @param placementId the {@link StepDownPlacementStarted} fact this ends
 * @param outcome settled accommodation, readmitted or other
 */
@JsonTypeName("pathway.StepDownPlacementEnded")
@Revision("1")
public record StepDownPlacementEnded(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID placementId, StepDownOutcome outcome)
    implements Fact {

  @Override
  public StepDownPlacementEnded amend(FieldChanges c) {
    return new StepDownPlacementEnded(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        placementId,
        c.enumValue("outcome", outcome, StepDownOutcome.class));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(placementId, "placementId");
    CodeCheck.require(outcome, "outcome");
  }
}
