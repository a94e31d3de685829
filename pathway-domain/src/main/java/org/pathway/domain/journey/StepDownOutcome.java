package org.pathway.domain.journey;

/** How a step-down housing placement ended (metrics.md §7). */
public enum StepDownOutcome {
  /** Moved on to settled accommodation. */
  SETTLED_ACCOMMODATION,
  /** Returned to hospital. */
  READMITTED,
  /** Any other ending (moved away, abandoned, evicted...). */
  OTHER
}
