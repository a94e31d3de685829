package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Drill-down pages by service user: followed from the first to the last, they are every record
 * once, by person, then identity, whatever the page size, the node's budget and how many people a
 * page may look at.
 */
class PersonPagesTest {
  /** People in PostgreSQL's uuid order, some without records, some with one identity twice. */
  private static final class Population {
    final List<UUID> people = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    final AtomicInteger loads = new AtomicInteger();

    Population(int n, long seed) {
      Random random = new Random(seed);
      for (int i = 0; i < n; i++) {
        UUID person = new UUID(random.nextLong(), random.nextLong());
        people.add(person);
        int records = random.nextInt(5) - 1; // none for about one in five
        UUID spell = new UUID(random.nextLong(), random.nextLong());
        for (int r = 0; r < records; r++) {
          rows.add(
              new Row()
                  .with("kind", r % 2 == 0 ? "wardStay" : "census")
                  .with("spellId", spell)
                  .with("serviceUserId", person)
                  .with("bedDays", (long) r));
        }
        if (records > 2) { // the same identity twice: told apart by position
          rows.add(
              new Row()
                  .with("kind", "census")
                  .with("spellId", spell)
                  .with("serviceUserId", person)
                  .with("bedDays", 99L));
        }
      }
      people.sort(MetricsRepository.UUID_ORDER);
    }

    List<UUID> after(UUID after, int limit) {
      return people.stream()
          .filter(p -> after == null || MetricsRepository.UUID_ORDER.compare(p, after) > 0)
          .limit(limit)
          .toList();
    }

    /** Their rows; more than {@code budget} people at once is over the node's budget. */
    List<Row> of(List<UUID> some, int budget) {
      if (some.size() > budget) {
        throw new QueryBudget.TooLarge(some.size(), budget);
      }
      loads.incrementAndGet();
      return rows.stream().filter(r -> some.contains((UUID) r.get("serviceUserId"))).toList();
    }
  }

  private static List<Row> every(Population p, int limit, int budget, int lookAtMost) {
    List<Row> seen = new ArrayList<>();
    PersonKeyset next = null;
    int pages = 0;
    do {
      PersonPages.Result page =
          PersonPages.page(p::after, some -> p.of(some, budget), next, limit, lookAtMost);
      assertThat(page.records()).hasSizeLessThanOrEqualTo(limit);
      if (page.next() != null && page.next().identity() != null) {
        assertThat(page.records()).hasSize(limit); // a page stopped early says so
      }
      seen.addAll(page.records());
      next = page.next();
      assertThat(++pages).isLessThan(10_000);
    } while (next != null);
    return seen;
  }

  private static List<Row> expected(Population p) {
    return PersonKeyset.inOrder(p.rows).stream().map(PersonKeyset.Placed::row).toList();
  }

  @Test
  void the_pages_together_are_every_record_by_person_then_identity() {
    Population p = new Population(300, 7);
    List<Row> want = expected(p);
    assertThat(want).hasSizeGreaterThan(300);
    for (int limit : new int[] {1, 2, 7, 100, 1000}) {
      assertThat(every(p, limit, Integer.MAX_VALUE, PersonPages.PEOPLE_PER_PAGE))
          .as("limit " + limit)
          .containsExactlyElementsOf(want);
    }
    // in order: by person, then identity, equal identities in the family's order
    for (int i = 1; i < want.size(); i++) {
      UUID a = (UUID) want.get(i - 1).get("serviceUserId");
      UUID b = (UUID) want.get(i).get("serviceUserId");
      int c = MetricsRepository.UUID_ORDER.compare(a, b);
      assertThat(c).isLessThanOrEqualTo(0);
      if (c == 0) {
        assertThat(RecordPage.identity(want.get(i - 1)))
            .isLessThanOrEqualTo(RecordPage.identity(want.get(i)));
      }
    }
  }

  @Test
  void batches_over_the_budget_are_halved_and_a_page_looks_at_a_bounded_number_of_people() {
    Population p = new Population(300, 11);
    List<Row> want = expected(p);
    assertThat(every(p, 50, 3, PersonPages.PEOPLE_PER_PAGE)).containsExactlyElementsOf(want);
    assertThat(every(p, 50, 1, PersonPages.PEOPLE_PER_PAGE)).containsExactlyElementsOf(want);
    // a page that may look at 10 people only: short pages, nothing lost or repeated
    assertThat(every(p, 50, Integer.MAX_VALUE, 10)).containsExactlyElementsOf(want);
    // a rare group (one record in about five people): the first page stops after its first batch
    PersonPages.Records rare =
        some -> p.of(some, 1000).stream().filter(r -> r.num("bedDays") == 99L).toList();
    PersonPages.Result first = PersonPages.page(p::after, rare, null, 50, 10);
    assertThat(first.records()).isNotEmpty().hasSizeLessThan(50);
    assertThat(first.next().identity()).isNull(); // after every record of the last person looked at
    assertThat(first.next().serviceUserId()).isEqualTo(p.people.get(50)); // batches of 51, then
  }

  @Test
  void a_page_loads_the_people_it_needs_not_the_population() {
    Population p = new Population(2000, 3);
    p.loads.set(0);
    PersonPages.Result page =
        PersonPages.page(p::after, some -> p.of(some, 10_000), null, 10, 20_000);
    assertThat(page.records()).hasSize(10);
    assertThat(p.loads.get()).isLessThanOrEqualTo(2); // 11 people hold about 18 records
    assertThat(page.next()).isNotNull();
  }

  @Test
  void one_person_over_the_budget_is_refused_as_the_period_is() {
    Population p = new Population(20, 5);
    assertThatThrownBy(() -> PersonPages.page(p::after, some -> p.of(some, 0), null, 10, 20_000))
        .isInstanceOf(QueryBudget.TooLarge.class);
  }

  @Test
  void an_empty_population_is_one_empty_last_page() {
    Population p = new Population(0, 1);
    PersonPages.Result page = PersonPages.page(p::after, some -> p.of(some, 10), null, 10, 20_000);
    assertThat(page.records()).isEmpty();
    assertThat(page.next()).isNull();
  }

  @Test
  void a_key_after_a_person_comes_after_every_record_of_theirs_and_before_the_next_person() {
    UUID a = new UUID(1, 1);
    UUID b = new UUID(1, 2);
    PersonKeyset afterA = PersonKeyset.after(a);
    assertThat(afterA.isBefore(new PersonKeyset(a, "zzz", 9))).isFalse();
    assertThat(afterA.isBefore(new PersonKeyset(b, "", 0))).isTrue();
    PersonKeyset k = new PersonKeyset(a, "m", 1);
    assertThat(k.isBefore(new PersonKeyset(a, "m", 1))).isFalse();
    assertThat(k.isBefore(new PersonKeyset(a, "m", 2))).isTrue();
    assertThat(k.isBefore(new PersonKeyset(a, "n", 0))).isTrue();
    assertThat(k.isBefore(new PersonKeyset(a, "l", 5))).isFalse();
    assertThat(new PersonKeyset(b, "a", 0).isBefore(new PersonKeyset(a, "z", 0))).isFalse();
    // uuids compare unsigned, as PostgreSQL orders them
    assertThat(
            new PersonKeyset(new UUID(1, 0), "a", 0)
                .isBefore(new PersonKeyset(new UUID(-1, 0), "a", 0)))
        .isTrue();
    assertThatThrownBy(() -> new PersonKeyset(a, "x", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersonKeyset(null, "x", 0))
        .isInstanceOf(NullPointerException.class);
  }
}
