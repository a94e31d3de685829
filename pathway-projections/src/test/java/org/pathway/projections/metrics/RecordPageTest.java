package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordPageTest {
  private static Row row(String kind, UUID spell, UUID stay) {
    Row r = new Row().with("kind", kind).with("spellId", spell).with("bedDays", 3L);
    if (stay != null) {
      r.with("wardStayId", stay);
    }
    return r;
  }

  private static List<Row> population(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UUID spell = new UUID(random.nextLong(), random.nextLong());
      rows.add(row("census", spell, null));
      rows.add(row("wardStay", spell, new UUID(random.nextLong(), random.nextLong())));
    }
    return rows;
  }

  private static List<Row> allPages(List<Row> rows, int limit) {
    List<Row> seen = new ArrayList<>();
    String cursor = null;
    do {
      RecordPage page = RecordPage.of(rows, cursor, limit);
      assertThat(page.total()).isEqualTo(rows.size());
      assertThat(page.records()).hasSizeLessThanOrEqualTo(limit);
      seen.addAll(page.records());
      cursor = page.next();
    } while (cursor != null);
    return seen;
  }

  @Test
  void pagesCoverEveryRecordOnceInIdentityOrder() {
    List<Row> rows = population(53, 1);
    for (int limit : new int[] {1, 7, 106, 1000}) {
      List<Row> seen = allPages(rows, limit);
      assertThat(seen).hasSize(rows.size()).containsExactlyInAnyOrderElementsOf(rows);
      assertThat(seen)
          .extracting(RecordPage::identity)
          .isSortedAccordingTo(String::compareTo)
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void theLastPageHasNoNextAndAFullLastPageIsNotFollowedByAnEmptyOne() {
    List<Row> rows = population(5, 2); // 10 records
    RecordPage first = RecordPage.of(rows, null, 5);
    assertThat(first.records()).hasSize(5);
    RecordPage second = RecordPage.of(rows, first.next(), 5);
    assertThat(second.records()).hasSize(5);
    assertThat(second.next()).isNull();
    assertThat(RecordPage.of(rows, null, 10).next()).isNull();
    assertThat(RecordPage.of(List.of(), null, 10).records()).isEmpty();
  }

  @Test
  void aRecordAddedBeforeTheCursorNeitherRepeatsNorHidesOneAfterIt() {
    List<Row> rows = new ArrayList<>(population(20, 3));
    RecordPage first = RecordPage.of(rows, null, 10);
    List<Row> later = new ArrayList<>(rows);
    // an identity that sorts first: an offset would now repeat the tenth record
    later.add(row("admission", new UUID(0, 0), null));
    RecordPage second = RecordPage.of(later, first.next(), 100);
    List<Row> seen = new ArrayList<>(first.records());
    seen.addAll(second.records());
    assertThat(seen).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void recordsOfOneIdentityAreToldApartByPosition() {
    UUID spell = UUID.randomUUID();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(row("census", spell, null).with("n", (long) i));
    }
    assertThat(allPages(rows, 2)).extracting(r -> r.num("n")).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void aCursorNotWrittenHereOrABadLimitIsRefused() {
    List<Row> rows = population(3, 4);
    assertThatThrownBy(() -> RecordPage.of(rows, "not-a-cursor!", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordPage.of(rows, "eA", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordPage.of(rows, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordPage.of(rows, null, RecordPage.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
