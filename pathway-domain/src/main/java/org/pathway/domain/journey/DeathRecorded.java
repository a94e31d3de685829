package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The service user died (in hospital, also record the discharge with method 4). Used to exclude
 * deaths within 3 days of discharge from 72-hour follow-up.
 *
 * @param occurredAt time of death
 */
@JsonTypeName("pathway.DeathRecorded")
@Revision("1")
public record DeathRecorded(UUID serviceUserId, UUID factId, Instant occurredAt) implements Fact {

  @Override
  public DeathRecorded amend(FieldChanges c) {
    return new DeathRecorded(serviceUserId, factId, c.instant("occurredAt", occurredAt));
  }

  @Override
  public void validate(CodeCheck check) {}
}
