package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.List;

/**
 * A family whose figures are counts, sums and integer-day histograms of records that each count on
 * one date: kept as bitemporal aggregates ({@code metric_cell}, {@code metric_contribution}) so
 * that an answer reads a few cells per month of the period, however long the history. Its
 * contributions are made from its own drill-down rows, so the aggregates count exactly the records
 * the calculator does; {@link #figures(Cells, MetricQuery)} must give what {@link #figures(List,
 * MetricQuery)} gives for the same records (MetricAggregatesTest compares them).
 */
public interface Aggregated extends MetricFamily {
  /** Every period, for making the contributions of a service user's whole history. */
  Period ALL_TIME = new Period(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));

  /** The family's breakdowns in the order of the contribution keys. */
  List<Breakdown> keyed();

  @Override
  default java.util.Set<Breakdown> breakdowns() {
    return java.util.Set.copyOf(keyed());
  }

  /** What one of the family's rows (made over {@link #ALL_TIME}) contributes. */
  Contribution contribution(Row row);

  /**
   * What one service user's data (all of it, as known at one time) contributes: by default, what
   * each of the family's rows over {@link #ALL_TIME} does.
   */
  default List<Contribution> contributions(MetricData person) {
    return rows(person, allTime()).stream().map(this::contribution).toList();
  }

  /**
   * Whether the cells are kept per anchor day rather than per month ({@code
   * metric_cell.anchor_month} then holds the day): for families with few values, whose periods need
   * not be whole months (the 72-hour follow-up's period is shifted back 4 days), so that no part of
   * a period is read from the contributions.
   */
  default boolean daily() {
    return false;
  }

  /**
   * Whether the cells kept under {@code cellFamily} (one of {@link #cellFamilies}) are kept per
   * anchor day: by default as the family's are ({@link #daily()}); a family may keep one name per
   * day for a range that seldom starts on a month's first day (time in the community's windows not
   * yet complete), so that it is not read from the contributions.
   */
  default boolean daily(String cellFamily) {
    return daily();
  }

  /**
   * Whether any of the family's names keeps its cells per day: then its contributions are summed
   * per anchor day before they are fanned out to their cells.
   */
  default boolean anyDaily() {
    return cellFamilies().stream().anyMatch(this::daily);
  }

  /**
   * Whether the contributions read facts besides the spells (contacts, deaths: {@link
   * MetricAggregates#reads}); those of the other families change only when the spells do.
   */
  default boolean readsFacts() {
    return false;
  }

  /**
   * The names the family's contributions are kept under: its own, and any others it keeps for some
   * of its ranges (see {@link #cellFamily(int)}).
   */
  default List<String> cellFamilies() {
    return List.of(name());
  }

  /**
   * A name kept only as cells, summed from the contributions of another name: those of kinds {@code
   * v1} in {@code [fromKind, toKind]}, with {@code v2} taken as 0 unless {@code keepsV2}. Bed days
   * keeps what began and ended before a period so: a few cells per month instead of one per day.
   */
  record Derived(String from, int fromKind, int toKind, boolean keepsV2) {
    public Derived(String from, int fromKind, int toKind) {
      this(from, fromKind, toKind, false);
    }

    public boolean takes(Contribution c) {
      return c.family().equals(from) && c.v1() >= fromKind && c.v1() <= toKind;
    }

    /** The {@code v2} of the cell a contribution it takes counts in. */
    public int v2(Contribution c) {
      return keepsV2 ? c.v2() : 0;
    }
  }

  /** How {@code cellFamily} is made, when it is not a name contributions are kept under. */
  default java.util.Optional<Derived> derived(String cellFamily) {
    return java.util.Optional.empty();
  }

  /**
   * The name range {@code i} of {@link #ranges} is read under: by default the family's own; a
   * family may keep a name per scope (out-of-area), or read another family's (bed days, for a share
   * of occupied bed days).
   */
  default String cellFamily(int range, MetricQuery query) {
    return name();
  }

  /**
   * Whether range {@code i} is read for the whole population whatever the breakdown (under {@code
   * ""}): a denominator of a figure of the whole answer only ({@link #totalOnlyFromCells}).
   */
  default boolean wholePopulation(int range) {
    return false;
  }

  /**
   * The figures of the whole answer only, as {@link #totalOnlyFigures} makes them: from the ranges
   * summed over every group.
   */
  default List<Figure> totalOnlyFromCells(List<Cells> ranges, MetricQuery query) {
    return List.of();
  }

  /** How many records the answer (or a group of it) counts: by default, those of the last range. */
  default long records(List<Cells> ranges, MetricQuery query) {
    return ranges.get(ranges.size() - 1).count();
  }

  /**
   * The ranges of anchor dates the figures are made of; the records of the answer (its count and
   * groups) are those of the last. Most families: the period.
   */
  default List<Period> ranges(MetricQuery query) {
    return List.of(query.period());
  }

  /**
   * The figures of the records summed in {@code cells} (one per range of {@link
   * #ranges(MetricQuery)}), as {@link #figures(List, MetricQuery)} makes them from the rows.
   */
  List<Figure> fromCells(List<Cells> cells, MetricQuery query);

  /**
   * The anchor dates of the answer's records, when each of them is one contribution counting on its
   * anchor date with the spell's id ({@link Contribution#spellId()}) and is the family's only row
   * of that spell: then a drill-down pages them straight from the contributions, by (anchor date,
   * spell). By default the period; empty where a record is not one contribution (bed days).
   */
  default java.util.Optional<Period> recordsOn(MetricQuery query) {
    return java.util.Optional.of(query.period());
  }

  /** The query the contributions are made with: every period, no breakdown, the longest window. */
  static MetricQuery allTime() {
    return new MetricQuery(ALL_TIME, null, 365, "all", null);
  }
}
