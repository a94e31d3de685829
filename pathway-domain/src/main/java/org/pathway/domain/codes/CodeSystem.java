package org.pathway.domain.codes;

/**
 * The MHSDS code systems Pathway validates against. Each is loaded from an effective-dated CSV of
 * the same name (see {@code shared/domain/codes/README.md}); a code is looked up by (system, code,
 * date), never by code alone.
 */
public enum CodeSystem {
  BED_TYPE("bed-type"),
  ADMISSION_METHOD("admission-method"),
  ADMISSION_SOURCE("admission-source"),
  DISCHARGE_METHOD("discharge-method"),
  DISCHARGE_DESTINATION("discharge-destination"),
  DELAY_REASON("delay-reason"),
  DELAY_ATTRIBUTABLE_TO("delay-attributable-to"),
  ACCOMMODATION_TYPE("accommodation-type"),
  SETTLED_ACCOMMODATION_INDICATOR("settled-accommodation-indicator"),
  OAP_REASON("oap-reason"),
  LEGAL_STATUS("legal-status"),
  SOURCE_OF_REFERRAL_GROUP("source-of-referral-group"),
  TEAM_TYPE("team-type"),
  PRIMARY_REFERRAL_REASON("primary-referral-reason"),
  WARD_SECURITY_LEVEL("ward-security-level"),
  CONTACT_MEDIUM("contact-medium");

  private final String fileName;

  CodeSystem(String fileName) {
    this.fileName = fileName;
  }

  /** The system identifier used in the CSVs and in exports, e.g. {@code mhsds-bed-type}. */
  public String systemId() {
    return "mhsds-" + fileName;
  }

  String resource() {
    return "/codes/" + fileName + ".csv";
  }
}
