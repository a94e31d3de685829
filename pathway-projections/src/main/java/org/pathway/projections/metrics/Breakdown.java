package org.pathway.projections.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a figure can be broken down by: a column of the contributing records (metrics.md). Each
 * family names the ones its records carry.
 */
public enum Breakdown {
  SETTING_GROUP("settingGroup"),
  SETTING("setting"),
  LEGAL_STATUS("legalStatus"),
  OUT_OF_AREA("outOfArea"),
  REASON("reason"),
  AGENCY("agency"),
  HOUSING("housing"),
  INAPPROPRIATE("inappropriate"),
  RECEIVING_PROVIDER("receivingProvider"),
  ACCOMMODATION_TYPE("accommodationType"),
  SCHEME("scheme"),
  PROVIDER("provider"),
  OUTCOME("outcome");

  private final String column;

  Breakdown(String column) {
    this.column = column;
  }

  /** The record column, as the API names the breakdown ({@code by=setting}). */
  public String column() {
    return column;
  }

  public static Optional<Breakdown> of(String column) {
    return Arrays.stream(values()).filter(b -> b.column.equals(column)).findFirst();
  }
}
