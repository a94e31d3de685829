package org.pathway.domain.serviceuser;

/**
 * A ten-digit NHS number whose last digit is its modulus-11 check digit. Personal data: it lives in
 * the identity table, never in the event stream.
 */
public record NhsNumber(String value) {

  public NhsNumber {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a valid NHS number");
    }
  }

  /**
   * Accepts the ten digits alone or grouped 3-3-4 with spaces or hyphens, as printed on NHS
   * letters.
   */
  public static NhsNumber parse(String text) {
    return new NhsNumber(text == null ? null : text.replaceAll("[ -]", ""));
  }

  /**
   * Modulus 11: weights 10..2 on the first nine digits; check = 11 − (sum mod 11); 11 becomes 0 and
   * 10 is never issued, so a number whose check would be 10 is invalid.
   */
  public static boolean isValid(String digits) {
    if (digits == null || !digits.matches("\\d{10}")) {
      return false;
    }
    int check = checkDigit(digits.substring(0, 9));
    return check >= 0 && check == digits.charAt(9) - '0';
  }

  /**
   * The check digit for nine leading digits, or -1 when none exists (the number is never issued).
   * Used to make valid synthetic numbers, e.g. from the 999 test range.
   */
  public static int checkDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nineDigits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - (sum % 11);
    if (check == 11) {
      return 0;
    }
    return check == 10 ? -1 : check;
  }

  @Override
  public String toString() {
    return "NhsNumber[redacted]";
  }
}
