package org.pathway.domain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Amend named fields of an earlier fact. Produces {@link FactCorrected}; refused if the amended
 * journey would be inconsistent (e.g. an admission moved after its discharge).
 *
 * @param factId id of the correction itself
 * @param occurredAt when the error was identified
 * @param targetFactId the fact to amend
 * @param changes new values by field name, as text
 * @param reason why; no personal data
 */
public record CorrectFact(
    @TargetAggregateIdentifier UUID serviceUserId,
    Long expectedVersion,
    UUID factId,
    Instant occurredAt,
    UUID targetFactId,
    Map<String, String> changes,
    String reason)
    implements JourneyCommand {}
