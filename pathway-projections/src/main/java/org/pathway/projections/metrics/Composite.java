package org.pathway.projections.metrics;

import java.util.List;
import java.util.Optional;

/**
 * An aggregated family whose records are not one contribution each — a stay's, a placement's or a
 * status's start and end, or a discharge that counts only when the one before it is outside the
 * period: it makes its contributions from a person's data, not from its rows, and its drill-down is
 * paged by service user ({@link MetricQueries#page}): the people with versions of {@link
 * #recordsFrom} in the period's window, in order, their data loaded and the family's rows computed
 * from it.
 */
interface Composite extends Aggregated {
  /**
   * What every record of the family is made from: a person has records in a period only where they
   * have versions of it in the window the family loads for that period.
   */
  default MetricsRepository.Source recordsFrom() {
    return MetricsRepository.Source.SPELLS;
  }

  @Override
  List<Contribution> contributions(MetricData person);

  @Override
  default Contribution contribution(Row row) {
    throw new UnsupportedOperationException(name() + " contributes from the person's data");
  }

  @Override
  default Optional<Period> recordsOn(MetricQuery query) {
    return Optional.empty();
  }
}
