package org.pathway.projections.metrics;

import java.util.List;
import java.util.Optional;

/**
 * An aggregated family whose records are not one contribution each — a stay's, a placement's or a
 * status's start and end, or a discharge that counts only when the one before it is outside the
 * period: it makes its contributions from a person's data, not from its rows, and its drill-down is
 * computed from the records.
 */
interface Composite extends Aggregated {
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
