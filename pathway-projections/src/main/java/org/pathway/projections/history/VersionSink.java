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
