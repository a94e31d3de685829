package org.pathway.projections.history;

/** Why a fact version stopped being the known truth ({@code fact_version.ended_by}). */
public enum EndedBy {
  /** A correction replaced it with a new version. */
  CORRECTED,
  /** It was voided: the fact never happened. */
  ENTERED_IN_ERROR
}
