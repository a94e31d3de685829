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
  /**
   * The referral was declined or closed before the fact (an acceptance or admission after its end,
   * a second decline or closure, a decline of an accepted referral).
   */
  REFERRAL_NOT_OPEN,
  /** A referral is accepted once: a second acceptance names the first. */
  REFERRAL_ALREADY_ACCEPTED,
  /**
   * Two spells overlap in clinical time, as far as their facts are known (docs/architecture.md,
   * "Rules judged on clinical intervals"). A spell whose discharge is not recorded is known to last
   * until its latest recorded fact; a later admission after that is accepted and the earlier spell
   * is flagged "end not recorded".
   */
  SPELLS_OVERLAP,
  /** A spell fact (transfer, leave, delay, discharge...) after the spell's recorded discharge. */
  NO_OPEN_SPELL,
  /** Two leaves of one spell overlap in clinical time. */
  LEAVES_OVERLAP,
  /** A second end for one leave. */
  NO_OPEN_LEAVE,
  /** Two delay periods of one spell overlap in clinical time. */
  DELAYS_OVERLAP,
  /** A second end for one delay period. */
  NO_OPEN_DELAY,
  /** Two step-down placements overlap in clinical time. */
  PLACEMENTS_OVERLAP,
  /** A second end for one placement. */
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
