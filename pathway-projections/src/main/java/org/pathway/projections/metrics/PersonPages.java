package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A drill-down page by service user, for the families whose records are not one contribution each
 * ({@link Composite}): the people after the last one shown, read in batches (from the page's size,
 * doubling up to {@link #MOST_AT_ONCE}, halved where a batch's data is over the node's query
 * budget), each batch's records computed and ordered by person, then identity ({@link
 * PersonKeyset#inOrder}). A page stops when it is full or has looked at {@code lookAtMost} people:
 * then it may hold fewer records (none, for a rare group), and its {@code next} goes on after the
 * last person looked at; it is the last page only when {@code next} is {@code null}.
 */
final class PersonPages {
  /** How many service users a page looks at before it stops, full or not. */
  static final int PEOPLE_PER_PAGE = 20_000;

  /** The most people whose data is loaded at once. */
  static final int MOST_AT_ONCE = 4 * RecordPage.MAX_LIMIT;

  private PersonPages() {}

  /** The next people with data that could give records, in uuid order. */
  @FunctionalInterface
  interface People {
    /** Up to {@code limit} people after {@code after} (from the first when {@code null}). */
    List<UUID> after(UUID after, int limit);
  }

  /** The records of some people, computed from their data. */
  @FunctionalInterface
  interface Records {
    /**
     * @throws QueryBudget.TooLarge when their data is more than the node computes from at once
     */
    List<Row> of(List<UUID> people);
  }

  /** A page, and the key to give as {@code after} for the next one ({@code null} on the last). */
  record Result(List<Row> records, PersonKeyset next) {}

  static Result page(
      People people, Records records, PersonKeyset after, int limit, int lookAtMost) {
    List<Row> page = new ArrayList<>();
    PersonKeyset last = null;
    UUID from = after == null ? null : after.serviceUserId();
    boolean resume = after != null && after.identity() != null; // that person's rest first
    int batch = limit + 1;
    int most = MOST_AT_ONCE; // lowered where the budget said so
    int looked = 0;
    while (true) {
      List<UUID> batchPeople = new ArrayList<>();
      if (resume) {
        batchPeople.add(from);
      }
      batchPeople.addAll(people.after(from, batch - batchPeople.size()));
      if (batchPeople.isEmpty()) {
        return new Result(page, null);
      }
      List<Row> rows;
      try {
        rows = records.of(batchPeople);
      } catch (QueryBudget.TooLarge e) {
        if (batchPeople.size() == 1) {
          throw e; // one person's data over the budget: the period is too long for this node
        }
        batch = Math.max(1, batchPeople.size() / 2);
        most = batch;
        continue; // fewer people at a time
      }
      resume = false;
      for (PersonKeyset.Placed k : PersonKeyset.inOrder(rows)) {
        if (after != null && !after.isBefore(k.key())) {
          continue;
        }
        if (page.size() == limit) {
          return new Result(page, last);
        }
        page.add(k.row());
        last = k.key();
      }
      from = batchPeople.get(batchPeople.size() - 1);
      looked += batchPeople.size();
      if (batchPeople.size() < batch) {
        return new Result(page, null);
      }
      if (looked >= lookAtMost) {
        return new Result(page, PersonKeyset.after(from));
      }
      batch = Math.min(batch * 2, most);
    }
  }
}
