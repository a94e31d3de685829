package org.pathway.domain.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The new values a correction gives to named fields of a fact, as text. A fact's {@code amend} asks
 * for each of its correctable fields in turn; fields not named keep their value. Ids that link
 * facts (spell, referral, leave) are not correctable: enter the fact in error and record it again.
 */
public final class FieldChanges {
  private final Map<String, String> changes;
  private final Set<String> used = new HashSet<>();

  public FieldChanges(Map<String, String> changes) {
    this.changes = changes;
  }

  public String text(String name, String current) {
    return has(name) ? changes.get(name) : current;
  }

  public Instant instant(String name, Instant current) {
    if (!has(name)) {
      return current;
    }
    String value = required(name);
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(name, "an ISO-8601 date-time with offset, e.g. 2025-03-30T14:05:00+01:00");
    }
  }

  public LocalDate date(String name, LocalDate current) {
    if (!has(name)) {
      return current;
    }
    String value = changes.get(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, "an ISO-8601 date, e.g. 2025-03-30");
    }
  }

  public Integer integer(String name, Integer current) {
    if (!has(name)) {
      return current;
    }
    String value = changes.get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw invalid(name, "a whole number");
    }
  }

  public boolean bool(String name, boolean current) {
    if (!has(name)) {
      return current;
    }
    String value = required(name);
    if (!value.equals("true") && !value.equals("false")) {
      throw invalid(name, "true or false");
    }
    return Boolean.parseBoolean(value);
  }

  public <E extends Enum<E>> E enumValue(String name, E current, Class<E> type) {
    if (!has(name)) {
      return current;
    }
    String value = required(name);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw invalid(name, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  /** Fails when a change names a field that no {@code amend} asked for. */
  public void requireAllUsed(String factType) {
    Set<String> unknown = new TreeSet<>(changes.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw JourneyRejection.field(
          RejectionCode.UNKNOWN_FIELD,
          "changes." + first,
          factType + " has no correctable field(s) " + unknown);
    }
  }

  private boolean has(String name) {
    if (changes.containsKey(name)) {
      used.add(name);
      return true;
    }
    return false;
  }

  private String required(String name) {
    String value = changes.get(name);
    if (value == null || value.isBlank()) {
      throw invalid(name, "a value (this field cannot be cleared)");
    }
    return value;
  }

  private static JourneyRejection invalid(String name, String expected) {
    return JourneyRejection.field(
        RejectionCode.INVALID_FIELD_VALUE,
        "changes." + name,
        "changes." + name + " must be " + expected);
  }
}
