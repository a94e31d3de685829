package org.pathway.projections.timeline;

import java.time.Instant;
import org.pathway.domain.journey.JourneyEvent;

/**
 * One event of a journey as stored: its position in the journey, the event, and when and by whom it
 * was recorded (the message timestamp and {@code author} metadata).
 */
public record StoredEvent(
    long sequence, JourneyEvent event, Instant recordedAt, String recordedBy) {}
