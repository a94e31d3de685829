package org.pathway.api.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pathway.api.audit.Pseudonyms;
import org.pathway.api.error.ApiProblem;
import org.pathway.projections.metrics.Keyset;
import org.pathway.projections.metrics.MetricQueries;
import org.pathway.projections.metrics.PageKey;
import org.pathway.projections.metrics.PersonKeyset;
import org.pathway.projections.metrics.RecordPage;
import org.pathway.projections.metrics.Row;
import org.springframework.stereotype.Component;

/**
 * The records behind a figure, a page at a time, as the API's drill-down and the pages show them:
 * by keyset from the aggregates where the family can (its cursor sealed, since it holds internal
 * ids), else computed and paged by {@link RecordPage}; pseudonymised unless the caller may see
 * internal ids.
 */
@Component
public class MetricRecords {
  /** What starts a cursor of a page read from the aggregates ('.' is never in base64url). */
  private static final String KEYSET = "k.";

  /** What starts a cursor of a page read by service user ({@link PersonKeyset}). */
  private static final String PERSON_KEYSET = "p.";

  private final MetricQueries queries;
  private final Pseudonyms pseudonyms;

  MetricRecords(MetricQueries queries, Pseudonyms pseudonyms) {
    this.queries = queries;
    this.pseudonyms = pseudonyms;
  }

  /**
   * @param size records per page, or {@link Integer#MAX_VALUE} for every record on one page (when
   *     {@code after} is {@code null})
   * @param identified whether the caller sees internal ids (else keyed pseudonyms)
   */
  public RecordPage page(
      MetricQueries.Request request, String group, String after, int size, boolean identified) {
    boolean paged = size != Integer.MAX_VALUE || after != null;
    RecordPage page =
        paged ? keysetPage(request, group, after, Math.min(size, RecordPage.MAX_LIMIT)) : null;
    if (page == null) {
      List<Row> rows = queries.records(request, group);
      if (!identified) {
        rows.forEach(pseudonyms::pseudonymise); // analysts see keyed pseudonyms, never internal ids
      }
      try {
        return paged
            ? RecordPage.of(rows, after, Math.min(size, RecordPage.MAX_LIMIT))
            : new RecordPage(rows, rows.size(), null);
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("after", e.getMessage());
      }
    }
    if (!identified) {
      page.records().forEach(pseudonyms::pseudonymise);
    }
    return page;
  }

  /**
   * The page read by keyset from the family's aggregates, or {@code null} when the family cannot
   * page so.
   */
  private RecordPage keysetPage(
      MetricQueries.Request request, String group, String after, int limit) {
    PageKey from = null;
    if (after != null) {
      if (!after.startsWith(KEYSET) && !after.startsWith(PERSON_KEYSET)) {
        return null; // a cursor of the other paging
      }
      from = open(after);
    }
    Optional<MetricQueries.Page> page = queries.page(request, group, from, limit);
    if (page.isEmpty()) {
      if (from != null) {
        throw ApiProblem.badRequest(
            "after",
            "these records are not paged as when this cursor was given: start again from the"
                + " first page");
      }
      return null;
    }
    return new RecordPage(
        new ArrayList<>(page.get().records()),
        Math.toIntExact(page.get().total()),
        seal(page.get().next()));
  }

  private PageKey open(String cursor) {
    try {
      ByteBuffer b = ByteBuffer.wrap(pseudonyms.open(cursor.substring(2)));
      if (cursor.startsWith(KEYSET)) {
        return new Keyset(
            java.time.LocalDate.ofEpochDay(b.getLong()), new UUID(b.getLong(), b.getLong()));
      }
      UUID person = new UUID(b.getLong(), b.getLong());
      int ordinal = b.getInt();
      if (b.get() == 0) {
        return PersonKeyset.after(person);
      }
      byte[] identity = new byte[b.remaining()];
      b.get(identity);
      return new PersonKeyset(person, new String(identity, StandardCharsets.UTF_8), ordinal);
    } catch (RuntimeException e) {
      throw ApiProblem.badRequest("after", "after is not a cursor this service gave");
    }
  }

  private String seal(PageKey next) {
    if (next instanceof Keyset k) {
      ByteBuffer b = ByteBuffer.allocate(24);
      b.putLong(k.anchorOn().toEpochDay());
      b.putLong(k.spellId().getMostSignificantBits());
      b.putLong(k.spellId().getLeastSignificantBits());
      return KEYSET + pseudonyms.seal(b.array());
    }
    if (next instanceof PersonKeyset p) {
      byte[] identity =
          p.identity() == null ? new byte[0] : p.identity().getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(21 + identity.length);
      b.putLong(p.serviceUserId().getMostSignificantBits());
      b.putLong(p.serviceUserId().getLeastSignificantBits());
      b.putInt(p.ordinal());
      b.put((byte) (p.identity() == null ? 0 : 1));
      b.put(identity);
      return PERSON_KEYSET + pseudonyms.seal(b.array());
    }
    return null;
  }
}
