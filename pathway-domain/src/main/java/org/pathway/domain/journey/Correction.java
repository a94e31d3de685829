package org.pathway.domain.journey;

import java.util.UUID;

/** A later event that amends or voids an earlier fact of the same journey. */
public sealed interface Correction extends JourneyEvent permits FactCorrected, FactEnteredInError {
  /** The fact this correction applies to. */
  UUID targetFactId();

  /** Why, in words; must not contain personal data. */
  String reason();
}
