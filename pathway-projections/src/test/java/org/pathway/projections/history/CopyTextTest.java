package org.pathway.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/** The COPY text of times and dates, and the union of tracking tokens, at their edges. */
class CopyTextTest {
  private static String instant(String iso) {
    StringBuilder b = new StringBuilder();
    CopyVersionSink.instant(b, Instant.parse(iso));
    return b.toString();
  }

  @Test
  void times_are_written_to_the_microsecond_rounded_half_up() {
    assertThat(instant("2025-03-01T10:00:00Z")).isEqualTo("2025-03-01 10:00:00.000000+00");
    assertThat(instant("2025-03-01T10:00:00.000001Z")).isEqualTo("2025-03-01 10:00:00.000001+00");
    assertThat(instant("2025-12-31T23:59:59.9999995Z")).isEqualTo("2026-01-01 00:00:00.000000+00");
    assertThat(instant("2025-06-15T08:07:06.1234564Z")).isEqualTo("2025-06-15 08:07:06.123456+00");
    assertThat(instant("1969-12-31T23:59:59.5Z")).isEqualTo("1969-12-31 23:59:59.500000+00");
    StringBuilder b = new StringBuilder();
    CopyVersionSink.date(b, LocalDate.parse("0999-01-02"));
    assertThat(b).hasToString("0999-01-02");
  }

  @Test
  void text_is_escaped_for_copy_and_runs_between_escapes_are_kept() {
    for (String[] c :
        new String[][] {
          {"", ""},
          {"plain", "plain"},
          {"a\\b", "a\\\\b"},
          {"\ttab\nline\rret\\", "\\ttab\\nline\\rret\\\\"},
          {"{\"text\":\"say \\\"hi\\\"\"}", "{\"text\":\"say \\\\\"hi\\\\\"\"}"},
          {"\n\n", "\\n\\n"}
        }) {
      StringBuilder b = new StringBuilder("x");
      CopyVersionSink.escape(b, c[0]);
      assertThat(b).as(c[0]).hasToString("x" + c[1]);
    }
  }

  @Test
  void stored_times_read_by_hand_equal_axons_reading() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000_000));
      for (String text :
          List.of(
              org.axonframework.common.DateTimeUtils.formatInstant(t),
              t.toString(),
              t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())) {
        assertThat(StoredTime.parse(text))
            .as(text)
            .isEqualTo(org.axonframework.common.DateTimeUtils.parseInstant(text));
      }
    }
    for (String odd :
        List.of(
            "2025-03-01T10:00:00+01:00",
            "2025-03-01T10:00:00.5Z",
            "2024-02-29T23:59:59.999999999Z",
            "2025-12-01T10:00:00Z")) {
      assertThat(StoredTime.parse(odd))
          .as(odd)
          .isEqualTo(org.axonframework.common.DateTimeUtils.parseInstant(odd));
    }
  }

  @Test
  void the_union_of_two_tokens_covers_what_either_covers() {
    GapAwareTrackingToken a = GapAwareTrackingToken.newInstance(10, new TreeSet<>(List.of(4L, 7L)));
    GapAwareTrackingToken b = GapAwareTrackingToken.newInstance(6, new TreeSet<>(List.of(4L, 5L)));
    GapAwareTrackingToken u = ReadModelRebuilder.union(a, b);
    assertThat(u.getIndex()).isEqualTo(10);
    assertThat(u.getGaps()).containsExactly(4L, 7L); // 5 is covered by a; 7 by neither
    assertThat(ReadModelRebuilder.union(b, a)).isEqualTo(u);
    GapAwareTrackingToken c = GapAwareTrackingToken.newInstance(12, new TreeSet<>(List.of(4L)));
    assertThat(ReadModelRebuilder.union(a, c).getGaps()).containsExactly(4L);
  }
}
