package org.pathway.domain.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Clinical dates. Every national metric counts whole days on the Europe/London local date of a
 * fact's {@code occurredAt} (shared/domain/metrics.md §0), so this is the one place that converts
 * an instant to a date.
 */
public final class ClinicalTime {
  public static final ZoneId ZONE = ZoneId.of("Europe/London");

  private ClinicalTime() {}

  public static LocalDate localDate(Instant instant) {
    return instant.atZone(ZONE).toLocalDate();
  }
}
