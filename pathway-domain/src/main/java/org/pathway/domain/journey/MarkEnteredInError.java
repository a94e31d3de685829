package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Void an earlier fact that should never have been recorded. Produces {@link FactEnteredInError};
 * refused when other facts still depend on it (void those first) or when it is the registration.
 *
 * @param factId id of the correction itself
 * @param occurredAt when the error was identified
 * @param targetFactId the fact to void
 * @param reason why; no personal data
 */
public record MarkEnteredInError(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID targetFactId,
    String reason)
    implements JourneyCommand {}
