package org.pathway.projections.history;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;

/**
 * One journey's current knowledge as far as a projection has processed its events: the current
 * version of each fact (in recording order), of each derived spell and placement, and the open
 * questions. {@link JourneyVersioning} moves it on by one event.
 */
final class JourneyState {
  final Map<UUID, Fact> facts = new LinkedHashMap<>(); // recording order
  final Map<UUID, Integer> factVersions = new HashMap<>();
  final Map<UUID, Long> firstIndex = new HashMap<>();
  final Map<UUID, Spell> spells = new HashMap<>();
  final Map<UUID, Integer> spellVersions = new HashMap<>();
  final Map<UUID, Placement> placements = new HashMap<>();
  final Map<UUID, Integer> placementVersions = new HashMap<>();

  /**
   * What the journey contributes to the aggregated metric families now; {@code null} when not known
   * yet (loaded from the tables): made from the state before the next event is applied.
   */
  List<org.pathway.projections.metrics.Contribution> contributions = List.of();

  /** {@code null} when not known (loaded from the tables): the next derivation rewrites them. */
  List<DataQuality.Question> questions = List.of();
}
