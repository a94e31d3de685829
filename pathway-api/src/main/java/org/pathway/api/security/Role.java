package org.pathway.api.security;

/** What a user may do in Pathway (docs/security.md has the whole matrix). */
public enum Role {
  /** Records and corrects facts; reads identified timelines. */
  CLINICIAN,
  /** Metrics, series and drill-downs with pseudonymised ids; no identified timelines. */
  ANALYST,
  /**
   * Reads everything, history as at, diff, verify, access log, export; rebuilds; cannot record
   * facts.
   */
  AUDITOR,
  /**
   * Rebuilds read models, sees configuration, migrates another system's history and takes the
   * identified MHSDS extract a trust submits (each person in it access-logged); no timelines.
   */
  ADMIN;

  public String authority() {
    return "ROLE_" + name();
  }
}
