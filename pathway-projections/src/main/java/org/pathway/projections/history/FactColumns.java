package org.pathway.projections.history;

import org.pathway.domain.journey.AccommodationStatusRecorded;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.Fact;

/**
 * The fact values the metrics read, as typed columns of {@code fact_version} ({@code attended},
 * {@code contact_medium}, {@code settled_indicator}, {@code accommodation_type}); {@code null} for
 * the facts that have no such value.
 */
final class FactColumns {
  private FactColumns() {}

  static Boolean attended(Fact f) {
    return f instanceof CommunityContactRecorded c ? c.attended() : null;
  }

  static String contactMedium(Fact f) {
    return f instanceof CommunityContactRecorded c ? c.contactMedium() : null;
  }

  static String settledIndicator(Fact f) {
    return f instanceof AccommodationStatusRecorded a ? a.settledIndicator() : null;
  }

  static String accommodationType(Fact f) {
    return f instanceof AccommodationStatusRecorded a ? a.accommodationType() : null;
  }
}
