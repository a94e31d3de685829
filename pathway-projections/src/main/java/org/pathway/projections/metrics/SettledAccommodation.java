package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * metrics.md §7, settled accommodation: the share of service users whose latest accommodation
 * status on or before the end of the period is settled ({@code SettledAccommodationInd = Y}), among
 * those with a status recorded.
 */
public final class SettledAccommodation implements MetricFamily {
  @Override
  public String name() {
    return "settled-accommodation";
  }

  @Override
  public DataNeeds needs() {
    return new DataNeeds(false, 0, 0, false, false, false, true);
  }

  @Override
  public String definition() {
    return "pathway.settled-accommodation/1 (metrics.md §7; latest status on or before period end)";
  }

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of(Breakdown.ACCOMMODATION_TYPE);
  }

  @Override
  public List<Row> rows(MetricData data, MetricQuery query) {
    Map<UUID, MetricData.AccommodationStatus> latest =
        data.accommodation().stream()
            .filter(a -> !a.on().isAfter(query.period().to()))
            .collect(
                Collectors.toMap(
                    MetricData.AccommodationStatus::serviceUserId,
                    a -> a,
                    (a, b) ->
                        Comparator.comparing(MetricData.AccommodationStatus::on)
                                    .thenComparing(MetricData.AccommodationStatus::seq)
                                    .compare(a, b)
                                >= 0
                            ? a
                            : b));
    List<Row> rows = new ArrayList<>();
    latest
        .values()
        .forEach(
            a ->
                rows.add(
                    new Row()
                        .with("serviceUserId", a.serviceUserId())
                        .with("statusOn", a.on())
                        .with("settledIndicator", a.settledIndicator())
                        .with("settled", "Y".equals(a.settledIndicator()))
                        .with(
                            "accommodationType",
                            a.accommodationType() == null ? "not stated" : a.accommodationType())));
    return rows;
  }

  @Override
  public List<Figure> figures(List<Row> rows, MetricQuery query) {
    return List.of(
        Figure.count("serviceUsersWithStatus", rows.size()),
        Figure.ratio(
            "settledShare", rows.stream().filter(r -> r.flag("settled")).count(), rows.size()));
  }
}
