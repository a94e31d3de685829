package org.pathway.projections.history;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * The time an event was stored, read from the event store's text column. Axon writes it as {@code
 * yyyy-mm-ddThh:mm:ss.fffZ}; that form is read by hand (Axon's formatter-based parser was a tenth
 * of a rebuild worker's time), any other by Axon's {@link DateTimeUtils#parseInstant}, so the
 * result is always the one Axon itself would read.
 */
final class StoredTime {
  private StoredTime() {}

  static Instant parse(String text) {
    int n = text.length();
    if (n < 20
        || n > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(n - 1) != 'Z') {
      return DateTimeUtils.parseInstant(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    if (n > 20) {
      if (text.charAt(19) != '.' || n - 1 - 20 > 9 || n - 1 - 20 < 1) {
        return DateTimeUtils.parseInstant(text);
      }
      int fraction = digits(text, 20, n - 1);
      if (fraction < 0) {
        return DateTimeUtils.parseInstant(text);
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    } else if (text.charAt(19) != 'Z') {
      return DateTimeUtils.parseInstant(text);
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return DateTimeUtils.parseInstant(text);
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code [from, to)}, or -1 if any character there is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
