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

  /** Whether the record at {@code other} (never an {@link #after} key) comes after this. */
  boolean isBefore(PersonKeyset other) {
    int c = MetricsRepository.UUID_ORDER.compare(serviceUserId, other.serviceUserId);
    if (c != 0) {
      return c < 0;
    }
    if (identity == null) {
      return false;
    }
    c = identity.compareTo(other.identity);
    return c < 0 || (c == 0 && ordinal < other.ordinal);
  }

  /** A record and where it stands. */
  record Placed(PersonKeyset key, Row row) {}

  /**
   * {@code rows} (each with its {@code serviceUserId}) by service user, then identity, each with
   * its key; records of one person and identity keep the family's order and are numbered in it.
   */
  static java.util.List<Placed> inOrder(java.util.List<Row> rows) {
    java.util.List<Placed> keyed = new java.util.ArrayList<>(rows.size());
    for (Row row : rows) {
      keyed.add(
          new Placed(
              new PersonKeyset((UUID) row.get("serviceUserId"), RecordPage.identity(row), 0), row));
    }
    keyed.sort(
        java.util.Comparator.comparing(
                (Placed p) -> p.key().serviceUserId(), MetricsRepository.UUID_ORDER)
            .thenComparing(p -> p.key().identity()));
    java.util.List<Placed> numbered = new java.util.ArrayList<>(keyed.size());
    for (Placed p : keyed) {
      PersonKeyset before = numbered.isEmpty() ? null : numbered.get(numbered.size() - 1).key();
      boolean same =
          before != null
              && before.serviceUserId().equals(p.key().serviceUserId())
              && before.identity().equals(p.key().identity());
      numbered.add(
          new Placed(
              new PersonKeyset(
                  p.key().serviceUserId(), p.key().identity(), same ? before.ordinal() + 1 : 0),
              p.row()));
    }
    return numbered;
  }
}
