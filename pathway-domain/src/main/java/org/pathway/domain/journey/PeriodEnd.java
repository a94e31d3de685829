package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;

/**
 * The end of a leave or delay period recorded in the same request as its start, because both are
 * already known (late entry of a complete past period). Stored as the same end event a separate
 * request would append, in the same transaction as the start.
 *
 * @param factId id of the end fact ({@link LeaveEnded} or {@link DelayEnded}), chosen by the caller
 * @param occurredAt clinical time the period ended
 */
public record PeriodEnd(UUID factId, Instant occurredAt) {}
