package org.pathway.domain.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CodeCatalogueTest {
  private final CodeCatalogue codes = CodeCatalogue.loadBundled();

  @Test
  void every_system_loads() {
    for (CodeSystem system : CodeSystem.values()) {
      assertThat(codes.entries(system)).as(system.systemId()).isNotEmpty();
    }
  }

  @Test
  void v6_bed_types_start_in_april_2024_and_v5_ones_end_there() {
    assertThat(codes.isValid(CodeSystem.BED_TYPE, "200", LocalDate.parse("2024-03-31"))).isFalse();
    assertThat(codes.isValid(CodeSystem.BED_TYPE, "200", LocalDate.parse("2024-04-01"))).isTrue();
    assertThat(codes.isValid(CodeSystem.BED_TYPE, "10", LocalDate.parse("2024-03-31"))).isTrue();
    assertThat(codes.isValid(CodeSystem.BED_TYPE, "10", LocalDate.parse("2024-04-01"))).isFalse();
    assertThat(
            codes
                .lookup(CodeSystem.BED_TYPE, "201", LocalDate.parse("2025-01-01"))
                .orElseThrow()
                .group())
        .isEqualTo("adult-acute");
  }

  @Test
  void a_code_reused_with_a_new_meaning_resolves_by_date() {
    assertThat(
            codes
                .lookup(CodeSystem.DELAY_REASON, "98", LocalDate.parse("2023-01-01"))
                .orElseThrow()
                .description())
        .isNotEqualTo(
            codes
                .lookup(CodeSystem.DELAY_REASON, "98", LocalDate.parse("2025-01-01"))
                .orElseThrow()
                .description());
  }

  @Test
  void leading_zeros_matter_and_quoted_commas_are_kept() {
    assertThat(codes.isValid(CodeSystem.LEGAL_STATUS, "01", LocalDate.parse("2025-01-01")))
        .isTrue();
    assertThat(codes.isValid(CodeSystem.LEGAL_STATUS, "1", LocalDate.parse("2025-01-01")))
        .isFalse();
    assertThat(
            codes
                .lookup(CodeSystem.DELAY_ATTRIBUTABLE_TO, "04", LocalDate.parse("2025-01-01"))
                .orElseThrow()
                .description())
        .isEqualTo("NHS, excluding housing");
  }

  @Test
  void codes_with_no_stated_validity_are_valid_on_any_date() {
    assertThat(codes.isValid(CodeSystem.OAP_REASON, "10", LocalDate.parse("2015-01-01"))).isTrue();
  }
}
