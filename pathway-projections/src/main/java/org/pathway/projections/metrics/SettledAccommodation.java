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
 *
 * <p>Aggregated as a census: a person's statuses in (date, recording) order each hold from their
 * date until the next one's, so each contributes its start and, when a later one follows, its end
 * on that one's date (a status followed the same day holds on no day's end); the people at the
 * period's end are those started and not ended by it, settled or not ({@code v2}).
 */
public final class SettledAccommodation implements Composite {
  @Override
  public String name() {
    return "settled-accommodation";
  }

  @Override
  public MetricsRepository.Source recordsFrom() {
    return MetricsRepository.Source.ACCOMMODATION;
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
  public List<Breakdown> keyed() {
    return List.of(Breakdown.ACCOMMODATION_TYPE);
  }

  @Override
  public Set<Breakdown> breakdowns() {
    return Set.of(Breakdown.ACCOMMODATION_TYPE);
  }

  /** A status's start and end (v1); v2 whether it is settled. */
  static final int STARTS = 1;

  static final int ENDS = 2;

  /** Its contributions are made from the statuses, which are facts. */
  @Override
  public boolean readsFacts() {
    return true;
  }

  /** Every status by the period's end. */
  @Override
  public List<Period> ranges(MetricQuery query) {
    return List.of(new Period(ALL_TIME.from(), query.period().to()));
  }

  @Override
  public List<Contribution> contributions(MetricData person) {
    Map<UUID, List<MetricData.AccommodationStatus>> byUser =
        person.accommodation().stream()
            .sorted(ORDER)
            .collect(
                Collectors.groupingBy(
                    MetricData.AccommodationStatus::serviceUserId,
                    java.util.LinkedHashMap::new,
                    Collectors.toList()));
    List<Contribution> all = new ArrayList<>();
    for (List<MetricData.AccommodationStatus> statuses : byUser.values()) {
      for (int i = 0; i < statuses.size(); i++) {
        MetricData.AccommodationStatus a = statuses.get(i);
        List<String> keys = List.of(Contribution.key(a.accommodationType()));
        int settled = "Y".equals(a.settledIndicator()) ? 1 : 0;
        all.add(new Contribution(name(), a.serviceUserId(), a.on(), keys, STARTS, settled, 0));
        if (i + 1 < statuses.size()) {
          all.add(
              new Contribution(
                  name(), a.serviceUserId(), statuses.get(i + 1).on(), keys, ENDS, settled, 0));
        }
      }
    }
    return all;
  }

  /** The order statuses follow each other in: by date, then by when they were first recorded. */
  private static final Comparator<MetricData.AccommodationStatus> ORDER =
      Comparator.comparing(MetricData.AccommodationStatus::on)
          .thenComparing(MetricData.AccommodationStatus::seq);

  @Override
  public long records(List<Cells> ranges, MetricQuery query) {
    Cells by = ranges.get(0);
    return by.count((kind, settled) -> kind == STARTS) - by.count((kind, settled) -> kind == ENDS);
  }

  @Override
  public List<Figure> fromCells(List<Cells> ranges, MetricQuery query) {
    Cells by = ranges.get(0);
    long people = records(ranges, query);
    long settled =
        by.count((kind, s) -> kind == STARTS && s == 1)
            - by.count((kind, s) -> kind == ENDS && s == 1);
    return List.of(
        Figure.count("serviceUsersWithStatus", people),
        Figure.ratio("settledShare", settled, people));
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
