package org.pathway.projections.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.pathway.projections.metrics.MetricAggregates;

/**
 * Where the versions {@link JourneyVersioning} decides on are written: the live tables row by row
 * ({@link JdbcVersionSink}), or whole journeys at a time by a bulk rebuild ({@link
 * ReadModelRebuilder}). A version is opened with its {@code recorded_from} and closed by setting
 * its {@code recorded_to}.
 */
interface VersionSink {
  void insertFact(Fact fact, int version, Instant recordedFrom, long globalIndex, long firstIndex);

  void closeFact(UUID factId, int version, Instant recordedTo, EndedBy endedBy);

  void insertSpell(Spell spell, int version, Instant recordedFrom);

  void closeSpell(UUID spellId, int version, Instant recordedTo);

  void insertPlacement(Placement placement, int version, Instant recordedFrom);

  void closePlacement(UUID placementId, int version, Instant recordedTo);

  /**
   * What the journey's spells now contribute to the aggregated metric families differently (each
   * delta into {@code metric_contribution}, and summed into {@code metric_cell_day} and {@code
   * metric_cell}).
   */
  void contributions(
      List<MetricAggregates.Delta> deltas, MetricAggregates aggregates, Instant recordedAt);

  /** Where a row of {@link #factRow} has its {@code recorded_to} and {@code ended_by}. */
  int FACT_RECORDED_TO = 8;

  int FACT_ENDED_BY = 9;

  /** Where a row of {@link #spellRow} or {@link #placementRow} has its {@code recorded_to}. */
  int RECORDED_TO = 7;

  /**
   * A fact's version, still open, as a row of {@link CopyVersionSink#FACT_COLUMNS}: its values as
   * the JSON {@code values}, its times as {@code time} gives them to the sink.
   */
  static Object[] factRow(
      Fact fact,
      int version,
      Instant recordedFrom,
      long globalIndex,
      long firstIndex,
      String values,
      java.util.function.Function<Instant, Object> time) {
    return new Object[] {
      fact.factId(),
      version,
      fact.serviceUserId(),
      org.pathway.domain.journey.JourneyEventTypes.shortName(fact.getClass()),
      time.apply(fact.occurredAt()),
      org.pathway.domain.time.ClinicalTime.localDate(fact.occurredAt()),
      values,
      time.apply(recordedFrom),
      null, // recorded_to
      null, // ended_by
      globalIndex,
      firstIndex,
      FactColumns.attended(fact),
      FactColumns.contactMedium(fact),
      FactColumns.settledIndicator(fact),
      FactColumns.accommodationType(fact)
    };
  }

  /** A spell's version, still open, as a row of {@link CopyVersionSink#SPELL_COLUMNS}. */
  static Object[] spellRow(
      Spell s,
      int version,
      Instant recordedFrom,
      String detail,
      java.util.function.Function<Instant, Object> time) {
    return new Object[] {
      s.spellId(),
      version,
      s.serviceUserId(),
      s.admittedOn(),
      s.dischargedOn(),
      detail,
      time.apply(recordedFrom),
      null, // recorded_to
      !s.delays().isEmpty(),
      s.anyOutOfArea()
    };
  }

  /** A placement's version, still open, as a row of {@link CopyVersionSink#PLACEMENT_COLUMNS}. */
  static Object[] placementRow(
      Placement p,
      int version,
      Instant recordedFrom,
      String detail,
      java.util.function.Function<Instant, Object> time) {
    return new Object[] {
      p.placementId(),
      version,
      p.serviceUserId(),
      p.startedOn(),
      p.endedOn(),
      detail,
      time.apply(recordedFrom),
      null // recorded_to
    };
  }

  /** A delta as a row of metric_contribution, in the order of CopyVersionSink's columns. */
  static Object[] contributionRow(MetricAggregates.Delta d, Object recordedAt) {
    org.pathway.projections.metrics.Contribution c = d.contribution();
    int keys = org.pathway.projections.metrics.Contribution.MAX_KEYS;
    Object[] row = new Object[8 + keys];
    row[0] = c.family();
    row[1] = c.anchorOn();
    for (int i = 0; i < keys; i++) {
      row[2 + i] = i < c.keys().size() ? c.keys().get(i) : "";
    }
    row[2 + keys] = c.v1();
    row[3 + keys] = c.v2();
    row[4 + keys] = c.s();
    row[5 + keys] = d.n();
    row[6 + keys] = recordedAt;
    row[7 + keys] = c.spellId();
    return row;
  }

  /** The journey's open questions, replacing all it had (a current-state table). */
  void replaceQuestions(
      UUID serviceUserId, String communityTeam, List<DataQuality.Question> questions);
}
