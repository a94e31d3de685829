package org.pathway.domain.journey;

/**
 * Why the journey refused a command. The API maps each code to an HTTP status; the code itself is
 * the contract.
 */
public enum RejectionCode {
  /** A field value is malformed or missing (client error). */
  INVALID_FIELD_VALUE,
  /** A code is not in its MHSDS code list on the local date of the fact. */
  INVALID_CODE,
  /** A correction names a field the fact does not have, or one that cannot be corrected. */
  UNKNOWN_FIELD,
  /** The clinical time lies further in the future than the allowed clock skew. */
  OCCURRED_IN_FUTURE,
  /** The caller's expected journey version is not the current one (If-Match). */
  STALE_VERSION,
  /** The fact id is already used in this journey. */
  FACT_ID_IN_USE,
  /**
   * A referenced fact (referral, spell, leave, delay, placement, or a correction's target) does not
   * exist.
   */
  UNKNOWN_FACT,
  /**
   * The referenced fact exists but has a different type than required (e.g. a spell id that is a
   * referral).
   */
  WRONG_FACT_TYPE,
  /**
   * A fact would come before the fact it depends on (discharge before admission, end before start).
   */
  PRECEDES_DEPENDENCY,
  /** The referral is declined or closed, or already accepted. */
  REFERRAL_NOT_OPEN,
  /** An admission while another hospital spell is open. */
  SPELL_ALREADY_OPEN,
  /** A spell fact (transfer, leave, delay, discharge...) outside the open spell it names. */
  NO_OPEN_SPELL,
  /** A second leave while one is open. */
  LEAVE_ALREADY_OPEN,
  /** A leave end with no matching open leave. */
  NO_OPEN_LEAVE,
  /** A second clinically-ready-for-discharge period while one is open. */
  DELAY_ALREADY_OPEN,
  /** A delay end with no matching open delay period. */
  NO_OPEN_DELAY,
  /** A second step-down placement while one is open. */
  PLACEMENT_ALREADY_OPEN,
  /** A placement end with no matching open placement. */
  NO_OPEN_PLACEMENT,
  /** A fact after the recorded death of the service user, or a second death. */
  AFTER_DEATH,
  /** The target of a correction was already entered in error. */
  FACT_VOIDED,
  /** A fact cannot be entered in error while other facts depend on it (void those first). */
  HAS_DEPENDENTS,
  /** The registration itself cannot be entered in error. */
  REGISTRATION_NOT_VOIDABLE,
  /** The service user is already registered. */
  ALREADY_REGISTERED
}
