package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start the journey of a service user whose identity is already stored in the identity table under
 * {@code serviceUserId}. Produces {@link ServiceUserRegistered}.
 */
public record RegisterServiceUser(
    @TargetAggregateIdentifier UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    String homeLocality,
    String communityTeam)
    implements JourneyCommand {

  public ServiceUserRegistered toFact() {
    return new ServiceUserRegistered(
        serviceUserId, factId, occurredAt, homeLocality, communityTeam);
  }
}
