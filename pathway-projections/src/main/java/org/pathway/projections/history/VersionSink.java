package org.pathway.projections.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;

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

  /** The journey's open questions, replacing all it had (a current-state table). */
  void replaceQuestions(
      UUID serviceUserId, String communityTeam, List<DataQuality.Question> questions);
}
