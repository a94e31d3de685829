package org.pathway.projections.journey;

import java.time.LocalDate;
import java.util.UUID;
import org.pathway.domain.journey.StepDownOutcome;

/** A step-down housing placement as derived from the facts known at some recorded time. */
public record Placement(
    UUID placementId,
    UUID serviceUserId,
    LocalDate startedOn,
    LocalDate endedOn,
    String scheme,
    String provider,
    UUID dischargeSpellId,
    StepDownOutcome outcome) {}
