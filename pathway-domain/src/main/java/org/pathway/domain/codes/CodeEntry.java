package org.pathway.domain.codes;

import java.time.LocalDate;

/**
 * One effective-dated row of a code list.
 *
 * @param validFrom first local date on which the code is valid, inclusive; {@code null} when not
 *     stated
 * @param validTo local date on which the code stops being valid, exclusive; {@code null} when open
 * @param group the NHS England grouping (e.g. {@code adult-acute}, {@code inappropriate}); empty
 *     when none
 * @param notes validity remarks and membership of measure subsets, {@code ; }-separated
 */
public record CodeEntry(
    CodeSystem system,
    String code,
    String description,
    LocalDate validFrom,
    LocalDate validTo,
    String group,
    String notes) {

  /** Whether the code may be used for a fact whose local date is {@code date}. */
  public boolean validOn(LocalDate date) {
    return (validFrom == null || !date.isBefore(validFrom))
        && (validTo == null || date.isBefore(validTo));
  }

  /**
   * Whether {@code notes} names the given measure subset, e.g. "in 72-hour follow-up acute bed
   * set".
   */
  public boolean notes(String phrase) {
    return notes != null && notes.contains(phrase);
  }
}
