package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * An aggregated family whose records are stretches of days inside spells (out-of-area placements,
 * delay periods), read as bed days are — what began and ended before the period, without its day,
 * then the period — with a share of occupied bed days among the figures of the whole answer: bed
 * days' own two ranges follow, read for the whole population.
 */
interface Intervals extends Composite {
  /** The bed days family whose cells give the occupied bed days. */
  BedDays bedDays();

  /** The names the family's own two ranges (before the period, the period) are read under. */
  List<String> own(MetricQuery query);

  @Override
  default List<Period> ranges(MetricQuery query) {
    List<Period> all = new ArrayList<>(bedDays().ranges(query));
    all.addAll(bedDays().ranges(query));
    return all;
  }

  @Override
  default String cellFamily(int range, MetricQuery query) {
    return range >= 2 ? bedDays().cellFamily(range - 2, query) : own(query).get(range);
  }

  @Override
  default boolean wholePopulation(int range) {
    return range >= 2;
  }

  /** The occupied bed days of the period, from bed days' ranges. */
  default long occupiedBedDays(List<Cells> ranges, MetricQuery query) {
    return bedDays().occupied(ranges.subList(2, 4), query);
  }
}
