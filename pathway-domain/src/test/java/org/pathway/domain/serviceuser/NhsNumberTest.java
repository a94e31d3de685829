package org.pathway.domain.serviceuser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {
  @ParameterizedTest
  @ValueSource(strings = {"9434765919", "4010232137", "9990000026"})
  void numbers_with_a_correct_check_digit_are_valid(String n) {
    assertThat(NhsNumber.isValid(n)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"9434765918", "943476591", "94347659190", "94347659a9", ""})
  void wrong_check_digit_or_shape_is_invalid(String n) {
    assertThat(NhsNumber.isValid(n)).isFalse();
  }

  @Test
  void a_number_whose_check_would_be_ten_is_never_valid() {
    // 1234567890: weighted sum 1*10+2*9+...+9*2 = 210; 210 mod 11 = 1; 11-1 = 10 -> not issued
    for (int d = 0; d <= 9; d++) {
      assertThat(NhsNumber.isValid("123456789" + d)).isFalse();
    }
  }

  @Test
  void grouped_digits_are_accepted_and_never_printed() {
    NhsNumber n = NhsNumber.parse("943 476 5919");
    assertThat(n.value()).isEqualTo("9434765919");
    assertThat(n.toString()).doesNotContain("943");
    assertThatThrownBy(() -> NhsNumber.parse("943 476 5918"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
