package org.pathway.domain.journey;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An earlier fact was amended: from now on it counts with {@code changes} applied. The original
 * stays in the stream and in the audit history.
 *
 * @param occurredAt when the error was identified
 * @param targetFactId the fact amended
 * @param changes new values by field name, as text (ISO-8601 for times and dates); {@code null}
 *     clears an optional field
 * @param reason why, in words; no personal data
 */
@JsonTypeName("pathway.FactCorrected")
@Revision("1")
public record FactCorrected(
    UUID serviceUserId,
    UUID factId,
    Instant occurredAt,
    UUID targetFactId,
    Map<String, String> changes,
    String reason)
    implements Correction {}
