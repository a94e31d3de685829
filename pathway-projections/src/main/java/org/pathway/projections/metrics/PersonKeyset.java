package org.pathway.projections.metrics;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a record stands in a drill-down paged by service user: its person (in PostgreSQL's order of
 * uuids, {@link MetricsRepository#UUID_ORDER}), then its identity among that person's records
 * ({@link RecordPage#identity}: its kind and ids), then its position among records of one identity
 * (none is expected). {@code identity == null} stands after every record of the person: where a
 * page stopped looking before it was full.
 */
public record PersonKeyset(UUID serviceUserId, String identity, int ordinal) implements PageKey {
  public PersonKeyset {
    Objects.requireNonNull(serviceUserId);
    if (ordinal < 0) {
      throw new IllegalArgumentException("negative ordinal");
    }
  }

  /** After every record of {@code serviceUserId}. */
  public static PersonKeyset after(UUID serviceUserId) {
    return new PersonKeyset(serviceUserId, null, 0);
  }

  /** Whether the record at ({@code person}, {@code identity}, {@code ordinal}) comes after this. */
  boolean isBefore(UUID person, String identity, int ordinal) {
    int c = MetricsRepository.UUID_ORDER.compare(serviceUserId, person);
    if (c != 0) {
      return c < 0;
    }
    if (this.identity == null) {
      return false;
    }
    c = this.identity.compareTo(identity);
    return c < 0 || (c == 0 && this.ordinal < ordinal);
  }
}
