package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;

/**
 * The discharge of a past spell recorded in the same request as its admission. Stored as the {@link
 * Discharged} a separate request would append; see there for the fields.
 *
 * @param factId id of the discharge fact, chosen by the caller
 * @param occurredAt discharge time
 */
public record SpellEnd(
    UUID factId, Instant occurredAt, String dischargeMethod, String dischargeDestination) {}
