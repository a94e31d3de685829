package org.pathway.projections.timeline;

import java.time.Instant;
import org.pathway.domain.journey.JourneyEvent;

/**
 * One event of a journey as stored: its position in the journey, the event, when and by whom it was
 * recorded ({@link org.pathway.projections.journey.Provenance}) and, for a fact migrated from
 * another system, that system's name (else {@code null}).
 */
public record StoredEvent(
    long sequence, JourneyEvent event, Instant recordedAt, String recordedBy, String migratedFrom) {

  public StoredEvent(long sequence, JourneyEvent event, Instant recordedAt, String recordedBy) {
    this(sequence, event, recordedAt, recordedBy, null);
  }
}
