package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Where a record stands in a drill-down paged from the aggregates: its anchor date, then its spell
 * (in PostgreSQL's order of uuids, {@link MetricsRepository#UUID_ORDER}). A page starts after the
 * last keyset of the one before.
 */
public record Keyset(LocalDate anchorOn, UUID spellId) implements PageKey {
  public Keyset {
    java.util.Objects.requireNonNull(anchorOn);
    java.util.Objects.requireNonNull(spellId);
  }
}
