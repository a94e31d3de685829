package org.pathway.projections.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The typed metric request: its scope codes and its checks. */
class MetricQueriesTest {
  private static final MetricFamily LOS =
      MetricDefinitionsTest.ENGINE.family("length-of-stay").orElseThrow();
  private static final Period MARCH =
      new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"));

  @Test
  void scopes_are_read_from_their_codes() {
    assertThat(MetricQueries.Scope.of("adult-acute")).contains(MetricQueries.Scope.ADULT_ACUTE);
    assertThat(MetricQueries.Scope.of("all")).contains(MetricQueries.Scope.ALL);
    assertThat(MetricQueries.Scope.of("ALL")).isEmpty();
    assertThat(MetricQueries.Scope.ALL.code()).isEqualTo("all");
  }

  @Test
  void a_request_takes_only_a_breakdown_of_its_family_and_becomes_the_calculators_query() {
    Instant at = Instant.parse("2025-04-01T00:00:00Z");
    MetricQueries.Request r =
        new MetricQueries.Request(LOS, MARCH, Breakdown.SETTING, 14, MetricQueries.Scope.ALL, at);
    assertThat(r.query()).isEqualTo(new MetricQuery(MARCH, Breakdown.SETTING, 14, "all", at));
    assertThatThrownBy(
            () ->
                new MetricQueries.Request(
                    LOS, MARCH, Breakdown.AGENCY, 28, MetricQueries.Scope.ADULT_ACUTE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agency");
  }

  @Test
  void a_breakdown_is_named_by_its_record_column() {
    assertThat(Breakdown.of("settingGroup")).contains(Breakdown.SETTING_GROUP);
    assertThat(Breakdown.of("receivingProvider")).contains(Breakdown.RECEIVING_PROVIDER);
    assertThat(Breakdown.of("SETTING_GROUP")).isEmpty();
    assertThat(Breakdown.of("colour")).isEmpty();
  }
}
