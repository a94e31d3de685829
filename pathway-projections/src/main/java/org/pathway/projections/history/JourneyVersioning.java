package org.pathway.projections.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.FactCorrected;
import org.pathway.domain.journey.FactEnteredInError;
import org.pathway.domain.journey.FieldChanges;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.domain.journey.ServiceUserRegistered;
import org.pathway.projections.journey.JourneyDerivation;
import org.pathway.projections.metrics.Contribution;
import org.pathway.projections.metrics.MetricAggregates;

/**
 * The bitemporal versioning of one journey, without any storage: given the journey's state and its
 * next event, which fact, spell and placement versions open and close, and whether its open
 * questions change. The live projection and the bulk rebuild both go through here, so they cannot
 * disagree.
 */
final class JourneyVersioning {
  private JourneyVersioning() {}

  /**
   * Applies one event recorded at {@code recordedAt} at event-store position {@code position}: a
   * fact opens version 1, a correction closes the target's version and opens the next (keeping the
   * fact's place in recording order), a void closes it; then the journey's spells and placements
   * are derived again and only those that changed get a new version, and what the spells contribute
   * to the aggregated metric families changes with them.
   */
  static void apply(
      JourneyState journey,
      JourneyEvent event,
      Instant recordedAt,
      long position,
      VersionSink sink,
      MetricAggregates aggregates) {
    if (journey.contributions == null) {
      journey.contributions =
          aggregates.contributions(
              journey.spells.values(), journey.placements.values(), journey.facts.values());
    }
    boolean derivation; // whether the spells and placements can change
    boolean aggregated; // whether the aggregated families read the fact itself
    if (event instanceof Fact fact) {
      derivation = JourneyDerivation.reads(fact);
      aggregated = MetricAggregates.reads(fact);
      sink.insertFact(fact, 1, recordedAt, position, position);
      journey.facts.put(fact.factId(), fact);
      journey.factVersions.put(fact.factId(), 1);
      journey.firstIndex.put(fact.factId(), position);
    } else if (event instanceof FactCorrected c) {
      Fact target = journey.facts.get(c.targetFactId());
      if (target == null) {
        return; // the aggregate never accepts this
      }
      derivation = JourneyDerivation.reads(target);
      aggregated = MetricAggregates.reads(target);
      Fact amended = target.amend(new FieldChanges(c.changes()));
      int version = journey.factVersions.get(target.factId());
      sink.closeFact(target.factId(), version, recordedAt, EndedBy.CORRECTED);
      sink.insertFact(
          amended, version + 1, recordedAt, position, journey.firstIndex.get(target.factId()));
      journey.facts.put(target.factId(), amended); // keeps its place in recording order
      journey.factVersions.put(target.factId(), version + 1);
    } else if (event instanceof FactEnteredInError v) {
      Integer version = journey.factVersions.remove(v.targetFactId());
      if (version == null) {
        return;
      }
      derivation = JourneyDerivation.reads(journey.facts.get(v.targetFactId()));
      aggregated = MetricAggregates.reads(journey.facts.get(v.targetFactId()));
      sink.closeFact(v.targetFactId(), version, recordedAt, EndedBy.ENTERED_IN_ERROR);
      journey.facts.remove(v.targetFactId());
      journey.firstIndex.remove(v.targetFactId());
    } else {
      derivation = true;
      aggregated = true;
    }
    rederive(journey, recordedAt, sink, derivation, aggregated, aggregates);
  }

  private static void rederive(
      JourneyState journey,
      Instant recordedAt,
      VersionSink sink,
      boolean derivation,
      boolean aggregated,
      MetricAggregates aggregates) {
    List<Fact> facts = List.copyOf(journey.facts.values());
    questions(journey, facts, sink);
    boolean spellsChanged = false; // or the placements
    if (derivation) { // else derive would give the spells and placements the journey has
      JourneyDerivation.Derived derived = JourneyDerivation.derive(facts);
      spellsChanged =
          sync(
              journey.spells,
              journey.spellVersions,
              derived.spells(),
              (s, v) -> sink.insertSpell(s, v, recordedAt),
              (id, v) -> sink.closeSpell(id, v, recordedAt));
      spellsChanged |=
          sync(
              journey.placements,
              journey.placementVersions,
              derived.placements(),
              (p, v) -> sink.insertPlacement(p, v, recordedAt),
              (id, v) -> sink.closePlacement(id, v, recordedAt));
    }
    if (spellsChanged || aggregated) {
      List<Contribution> now =
          spellsChanged
              ? aggregates.contributions(
                  journey.spells.values(), journey.placements.values(), facts)
              : aggregates.afterFactChange(
                  journey.contributions,
                  journey.spells.values(),
                  journey.placements.values(),
                  facts);
      List<MetricAggregates.Delta> deltas = MetricAggregates.deltas(journey.contributions, now);
      if (!deltas.isEmpty()) {
        sink.contributions(deltas, aggregates, recordedAt);
      }
      journey.contributions = now;
    }
  }

  /** Replaces the journey's open questions when they changed. */
  private static void questions(JourneyState journey, List<Fact> facts, VersionSink sink) {
    List<DataQuality.Question> questions = DataQuality.of(facts);
    if (questions.equals(journey.questions) || facts.isEmpty()) {
      return;
    }
    String team = null; // the community team is optional at registration
    for (Fact f : facts) {
      if (f instanceof ServiceUserRegistered r) {
        team = r.communityTeam();
      }
    }
    sink.replaceQuestions(facts.get(0).serviceUserId(), team, questions);
    journey.questions = questions;
  }

  private interface Open<T> {
    void open(T value, int version);
  }

  private interface Close {
    void close(UUID id, int version);
  }

  /**
   * Opens a new version of each derived record that changed and closes those that no longer exist;
   * a record that disappears and comes back continues its version numbers. Returns whether any
   * changed.
   */
  private static <T> boolean sync(
      Map<UUID, T> current,
      Map<UUID, Integer> versions,
      Map<UUID, T> derived,
      Open<T> open,
      Close close) {
    boolean changed = false;
    for (Map.Entry<UUID, T> e : derived.entrySet()) {
      T before = current.get(e.getKey());
      if (e.getValue().equals(before)) {
        continue;
      }
      changed = true;
      int version = versions.getOrDefault(e.getKey(), 0);
      if (before != null) {
        close.close(e.getKey(), version);
      }
      open.open(e.getValue(), version + 1);
      current.put(e.getKey(), e.getValue());
      versions.put(e.getKey(), version + 1);
    }
    for (UUID gone : List.copyOf(current.keySet())) {
      if (!derived.containsKey(gone)) {
        close.close(gone, versions.get(gone));
        current.remove(gone);
        changed = true;
      }
    }
    return changed;
  }
}
