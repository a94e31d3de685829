package org.pathway.projections.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of a drill-down, by keyset: records are ordered by their identity (the row's {@code
 * kind}, then every id column in row order, as the caller sees them — pseudonyms for analysts), and
 * a page starts after the last identity of the one before. A record added or removed between two
 * requests neither repeats nor hides another one, as an offset would. Records with one identity
 * (none is expected) are told apart by their position among themselves.
 *
 * @param total every record of the request, across all pages
 * @param next the cursor of the following page, or {@code null} on the last one
 */
public record RecordPage(List<Row> records, int total, String next) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /**
   * The page of {@code rows} after {@code cursor} (from the first when {@code null}).
   *
   * @throws IllegalArgumentException when the cursor is not one this class wrote
   */
  public static RecordPage of(List<Row> rows, String cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    List<Keyed> keyed = new ArrayList<>(rows.size());
    for (Row row : rows) {
      keyed.add(new Keyed(identity(row), row));
    }
    keyed.sort(Comparator.comparing(Keyed::key)); // stable: equal keys keep the family's order
    List<Row> page = new ArrayList<>(Math.min(limit, keyed.size()));
    Cursor lastShown = null;
    String lastKey = null;
    int ordinal = 0;
    for (Keyed k : keyed) {
      ordinal = k.key.equals(lastKey) ? ordinal + 1 : 0;
      lastKey = k.key;
      if (after != null && !after.isBefore(k.key, ordinal)) {
        continue;
      }
      if (page.size() == limit) {
        return new RecordPage(page, rows.size(), lastShown.encode());
      }
      page.add(k.row);
      lastShown = new Cursor(k.key, ordinal);
    }
    return new RecordPage(page, rows.size(), null);
  }

  /** The row's identity: its kind and its ids, as shown. */
  public static String identity(Row row) {
    StringBuilder key = new StringBuilder(Objects.toString(row.get("kind"), ""));
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (e.getKey().endsWith("Id")) {
        key.append('|').append(Objects.toString(e.getValue(), ""));
      }
    }
    return key.toString();
  }

  private record Keyed(String key, Row row) {}

  /** The identity of the last record shown, and its position among records of that identity. */
  private record Cursor(String key, int ordinal) {
    boolean isBefore(String otherKey, int otherOrdinal) {
      int c = key.compareTo(otherKey);
      return c < 0 || (c == 0 && ordinal < otherOrdinal);
    }

    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((ordinal + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try {
        String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        int ordinal = Integer.parseInt(s.substring(0, nl));
        if (ordinal < 0) {
          throw new IllegalArgumentException("negative ordinal");
        }
        return new Cursor(s.substring(nl + 1), ordinal);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("after is not a cursor this service gave", e);
      }
    }
  }
}
