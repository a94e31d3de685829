package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;

/**
 * The end of a step-down placement recorded in the same request as its start (a complete past
 * placement). Stored as the {@link StepDownPlacementEnded} a separate request would append.
 *
 * @param factId id of the end fact, chosen by the caller
 * @param occurredAt clinical time the placement ended
 * @param outcome how it ended
 */
public record PlacementEnd(UUID factId, Instant occurredAt, StepDownOutcome outcome) {}
