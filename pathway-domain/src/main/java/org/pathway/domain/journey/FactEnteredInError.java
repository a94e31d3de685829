package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An earlier fact was entered in error (wrong person, never happened): from now on it does not
 * count at all.
 *
 * @param occurredAt when the error was identified
 * @param targetFactId the fact voided
 * @param reason why, in words; no personal data
 */
@JsonTypeName("pathway.FactEnteredInError")
@Revision("1")
public record FactEnteredInError(
    UUID serviceUserId, UUID factId, Instant occurredAt, UUID targetFactId, String reason)
    implements Correction {}
