package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A service user entered Pathway. Identity details (NHS number, name, date of birth, postcode,
 * local identifier) are not here: they live in the identity table, designed for erasure.
 *
 * @param occurredAt when the person came under the trust's care (clinical time)
 * @param homeLocality code of the locality the person lives in: the catchment for out-of-area
 *     decisions
 * @param communityTeam code of the person's local community team
 */
@JsonTypeName("pathway.ServiceUserRegistered")
@Revision("1")
public record ServiceUserRegistered(
    UUID serviceUserId, UUID factId, Instant occurredAt, String homeLocality, String communityTeam)
    implements Fact {

  @Override
  public ServiceUserRegistered amend(FieldChanges c) {
    return new ServiceUserRegistered(
        serviceUserId,
        factId,
        c.instant("occurredAt", occurredAt),
        c.text("homeLocality", homeLocality),
        c.text("communityTeam", communityTeam));
  }

  @Override
  public void validate(CodeCheck check) {
    CodeCheck.require(homeLocality, "homeLocality");
  }
}
