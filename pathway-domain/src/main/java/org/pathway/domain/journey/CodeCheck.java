package org.pathway.domain.journey;

import java.time.LocalDate;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.codes.CodeSystem;

/** Checks the coded fields of one fact against the code lists in force on the fact's local date. */
public final class CodeCheck {
  private final CodeCatalogue catalogue;
  private final LocalDate date;

  public CodeCheck(CodeCatalogue catalogue, LocalDate date) {
    this.catalogue = catalogue;
    this.date = date;
  }

  /** A code that must be present and valid. */
  public void required(CodeSystem system, String field, String code) {
    if (code == null || code.isBlank()) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE, field, field + " is required");
    }
    optional(system, field, code);
  }

  /** A code that may be absent but, when given, must be valid. */
  public void optional(CodeSystem system, String field, String code) {
    if (code != null && !catalogue.isValid(system, code, date)) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_CODE,
          field,
          field + " '" + code + "' is not a valid " + system.systemId() + " code on " + date);
    }
  }

  /**
   * Source of referral is validated by its letter group; the individual codes are not in the
   * bundled list.
   */
  public void referralSource(String field, String code) {
    if (code == null || !code.matches("[A-Z][0-9]")) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE,
          field,
          field + " must be a letter and a digit, e.g. A1");
    }
    optional(CodeSystem.SOURCE_OF_REFERRAL_GROUP, field, code.substring(0, 1));
  }

  public static void require(Object value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE, field, field + " is required");
    }
  }
}
