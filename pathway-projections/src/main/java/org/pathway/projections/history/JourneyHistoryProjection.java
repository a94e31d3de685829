package org.pathway.projections.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.FactCorrected;
import org.pathway.domain.journey.FactEnteredInError;
import org.pathway.domain.journey.FieldChanges;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.domain.journey.JourneyEventTypes;
import org.pathway.domain.journey.ServiceUserRegistered;
import org.pathway.domain.time.ClinicalTime;
import org.pathway.projections.journey.JourneyDerivation;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Provenance;
import org.pathway.projections.journey.Spell;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the bitemporal history of every journey: {@code fact_version} (each version of each fact)
 * and, derived from the facts valid at each recorded time, {@code spell_version} and {@code
 * placement_version}. A version is the known truth from {@code recorded_from} until {@code
 * recorded_to}; so "as known at T" is a query, never a replay.
 *
 * <p>Each touched journey's current facts are loaded once and kept in memory, across batches while
 * this node alone advances the processor (see {@link #journey}); after every event the journey's
 * spells and placements are derived again and only those that changed get a new version. A
 * rolled-back batch drops what is kept, so it leaves nothing behind.
 */
@Component
@ProcessingGroup(JourneyHistoryProjection.PROCESSING_GROUP)
public class JourneyHistoryProjection {
  public static final String PROCESSING_GROUP = "journey-history";
  private static final String CACHE = JourneyHistoryProjection.class.getName() + ".journeys";
  private static final String LAST_TOKEN = JourneyHistoryProjection.class.getName() + ".token";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public JourneyHistoryProjection(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** One journey's current knowledge, as far as this projection has processed. */
  private static final class JourneyState {
    final Map<UUID, Fact> facts = new LinkedHashMap<>(); // recording order
    final Map<UUID, Integer> factVersions = new HashMap<>();
    final Map<UUID, Spell> spells = new HashMap<>();
    final Map<UUID, Integer> spellVersions = new HashMap<>();
    final Map<UUID, Placement> placements = new HashMap<>();
    final Map<UUID, Integer> placementVersions = new HashMap<>();
    List<DataQuality.Question> questions = List.of();
  }

  @EventHandler
  void on(JourneyEvent event, EventMessage<?> message, TrackingToken token) {
    Instant recordedAt = Provenance.recordedAt(message);
    JourneyState journey = journey(event.serviceUserId(), token);
    long position = token == null ? -1 : token.position().orElse(-1);
    if (event instanceof Fact fact) {
      insertFact(fact, 1, recordedAt, position, position);
      journey.facts.put(fact.factId(), fact);
      journey.factVersions.put(fact.factId(), 1);
    } else if (event instanceof FactCorrected c) {
      Fact target = journey.facts.get(c.targetFactId());
      if (target == null) {
        return; // the aggregate never accepts this
      }
      Fact amended = target.amend(new FieldChanges(c.changes()));
      int version = journey.factVersions.get(target.factId());
      closeFact(target.factId(), version, recordedAt, "CORRECTED");
      insertFact(amended, version + 1, recordedAt, position, firstIndex(target.factId()));
      journey.facts.put(target.factId(), amended); // keeps its place in recording order
      journey.factVersions.put(target.factId(), version + 1);
    } else if (event instanceof FactEnteredInError v) {
      Integer version = journey.factVersions.remove(v.targetFactId());
      if (version == null) {
        return;
      }
      closeFact(v.targetFactId(), version, recordedAt, "ENTERED_IN_ERROR");
      journey.facts.remove(v.targetFactId());
    }
    rederive(journey, recordedAt);
  }

  @ResetHandler
  void reset() {
    kept.invalidateAll();
    committed = null;
    jdbc.execute("TRUNCATE fact_version, spell_version, placement_version, data_quality_question");
  }

  private void rederive(JourneyState journey, Instant recordedAt) {
    List<Fact> facts = List.copyOf(journey.facts.values());
    JourneyDerivation.Derived derived = JourneyDerivation.derive(facts);
    syncQuestions(journey, facts);
    sync(
        "spell_version",
        "spell_id",
        journey.spells,
        journey.spellVersions,
        derived.spells(),
        recordedAt,
        (s, v) ->
            jdbc.update(
                "INSERT INTO spell_version (spell_id, version_no, service_user_id, admitted_on, discharged_on, detail,"
                    + " recorded_from) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)",
                s.spellId(),
                v,
                s.serviceUserId(),
                s.admittedOn(),
                s.dischargedOn(),
                write(s),
                ts(recordedAt)));
    sync(
        "placement_version",
        "placement_id",
        journey.placements,
        journey.placementVersions,
        derived.placements(),
        recordedAt,
        (p, v) ->
            jdbc.update(
                "INSERT INTO placement_version (placement_id, version_no, service_user_id, started_on, ended_on,"
                    + " detail, recorded_from) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)",
                p.placementId(),
                v,
                p.serviceUserId(),
                p.startedOn(),
                p.endedOn(),
                write(p),
                ts(recordedAt)));
  }

  /** Replaces the journey's open questions when they changed (a current-state read model). */
  private void syncQuestions(JourneyState journey, List<Fact> facts) {
    List<DataQuality.Question> questions = DataQuality.of(facts);
    if (questions.equals(journey.questions) || facts.isEmpty()) {
      return;
    }
    UUID serviceUserId = facts.get(0).serviceUserId();
    String team = null; // the community team is optional at registration
    for (Fact f : facts) {
      if (f instanceof ServiceUserRegistered r) {
        team = r.communityTeam();
      }
    }
    jdbc.update("DELETE FROM data_quality_question WHERE service_user_id = ?", serviceUserId);
    for (int i = 0; i < questions.size(); i++) {
      DataQuality.Question q = questions.get(i);
      jdbc.update(
          "INSERT INTO data_quality_question (service_user_id, question_no, community_team, code, fact_id,"
              + " occurred_at, detail, resolved_by, resolved_by_target, related_fact_id, spell_id)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          serviceUserId,
          i + 1,
          team,
          q.code().name(),
          q.factId(),
          ts(q.occurredAt()),
          q.detail(),
          q.resolvedBy(),
          q.resolvedByTarget(),
          q.relatedFactId(),
          q.spellId());
    }
    journey.questions = questions;
  }

  private interface Insert<T> {
    void insert(T value, int version);
  }

  /**
   * Writes a new version of each derived record that changed and closes those that no longer exist.
   */
  private <T> void sync(
      String table,
      String idColumn,
      Map<UUID, T> current,
      Map<UUID, Integer> versions,
      Map<UUID, T> derived,
      Instant recordedAt,
      Insert<T> insert) {
    for (Map.Entry<UUID, T> e : derived.entrySet()) {
      T before = current.get(e.getKey());
      if (e.getValue().equals(before)) {
        continue;
      }
      int version = versions.getOrDefault(e.getKey(), 0);
      if (before != null) {
        close(table, idColumn, e.getKey(), version, recordedAt);
      }
      insert.insert(e.getValue(), version + 1);
      current.put(e.getKey(), e.getValue());
      versions.put(e.getKey(), version + 1);
    }
    for (UUID gone : List.copyOf(current.keySet())) {
      if (!derived.containsKey(gone)) {
        close(table, idColumn, gone, versions.get(gone), recordedAt);
        current.remove(gone);
      }
    }
  }

  private void close(String table, String idColumn, UUID id, int version, Instant at) {
    jdbc.update(
        "UPDATE " + table + " SET recorded_to = ? WHERE " + idColumn + " = ? AND version_no = ?",
        ts(at),
        id,
        version);
  }

  /**
   * The journey's state: from this unit of work if it touched the journey already, else from the
   * cache kept between batches, else read from the read model. The cache is kept only while this
   * node alone has advanced the processor: the first event of each batch must continue, exactly,
   * the token this node last committed ({@link #continues}); if any event in between was processed
   * elsewhere (another node held the claim for a while), or the token is not a plain position (a
   * replay), the cache is dropped. A batch that rolls back drops it too, since its events changed
   * cached states.
   */
  private JourneyState journey(UUID serviceUserId, TrackingToken token) {
    if (!CurrentUnitOfWork.isStarted()) {
      return load(serviceUserId);
    }
    UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
    uow.resources().put(LAST_TOKEN, token);
    Map<UUID, JourneyState> batch =
        uow.getOrComputeResource(
            CACHE,
            k -> {
              startBatch(uow, token);
              return new HashMap<UUID, JourneyState>();
            });
    return batch.computeIfAbsent(
        serviceUserId, id -> Optional.ofNullable(kept.getIfPresent(id)).orElseGet(() -> load(id)));
  }

  /** The token of the last event of the last batch this node committed, while the cache holds. */
  private volatile GapAwareTrackingToken committed;

  private final Cache<UUID, JourneyState> kept = Caffeine.newBuilder().maximumSize(20_000).build();

  private void startBatch(UnitOfWork<?> uow, TrackingToken first) {
    if (!continues(committed, first)) {
      kept.invalidateAll();
    }
    uow.afterCommit(
        u -> {
          Map<UUID, JourneyState> touched = u.getResource(CACHE);
          committed = u.getResource(LAST_TOKEN) instanceof GapAwareTrackingToken g ? g : null;
          if (committed == null) {
            kept.invalidateAll();
          } else if (touched != null) {
            kept.putAll(touched);
          }
        });
    uow.onRollback(u -> kept.invalidateAll());
  }

  /**
   * Whether {@code next}, the token after one more event, follows {@code last} with nothing
   * processed in between by anyone else: every position after {@code last} up to the new event is
   * still a gap (unseen), and no gap of {@code last} was filled other than by the new event.
   */
  static boolean continues(GapAwareTrackingToken last, TrackingToken next) {
    if (last == null || !(next instanceof GapAwareTrackingToken n)) {
      return false;
    }
    java.util.SortedSet<Long> was = last.getGaps();
    java.util.SortedSet<Long> now = n.getGaps();
    if (n.getIndex() == last.getIndex()) { // the new event filled one of last's gaps
      return now.size() == was.size() - 1 && was.containsAll(now);
    }
    long skipped = n.getIndex() - last.getIndex() - 1;
    if (skipped < 0 || skipped > 10_000 || now.size() != was.size() + skipped) {
      return false;
    }
    if (!now.containsAll(was)) {
      return false;
    }
    for (long i = last.getIndex() + 1; i < n.getIndex(); i++) {
      if (!now.contains(i)) {
        return false; // processed, and not by this node
      }
    }
    return true;
  }

  private JourneyState load(UUID serviceUserId) {
    JourneyState state = new JourneyState();
    jdbc.query(
        "SELECT fact_id, version_no, fact_type, fact_values::text FROM fact_version"
            + " WHERE service_user_id = ? AND recorded_to IS NULL ORDER BY first_index",
        rs -> {
          UUID id = rs.getObject(1, UUID.class);
          state.facts.put(id, readFact(rs.getString(3), rs.getString(4)));
          state.factVersions.put(id, rs.getInt(2));
        },
        serviceUserId);
    jdbc.query(
        "SELECT spell_id, version_no, detail::text FROM spell_version"
            + " WHERE service_user_id = ? AND recorded_to IS NULL",
        rs -> {
          UUID id = rs.getObject(1, UUID.class);
          state.spells.put(id, read(rs.getString(3), Spell.class));
          state.spellVersions.put(id, rs.getInt(2));
        },
        serviceUserId);
    jdbc.query(
        "SELECT placement_id, version_no, detail::text FROM placement_version"
            + " WHERE service_user_id = ? AND recorded_to IS NULL",
        rs -> {
          UUID id = rs.getObject(1, UUID.class);
          state.placements.put(id, read(rs.getString(3), Placement.class));
          state.placementVersions.put(id, rs.getInt(2));
        },
        serviceUserId);
    // versions closed earlier still count for numbering: a spell voided and re-derived continues
    // its sequence
    jdbc.query(
        "SELECT spell_id, max(version_no) FROM spell_version WHERE service_user_id = ? GROUP BY spell_id",
        rs -> {
          state.spellVersions.putIfAbsent(rs.getObject(1, UUID.class), rs.getInt(2));
        },
        serviceUserId);
    jdbc.query(
        "SELECT placement_id, max(version_no) FROM placement_version WHERE service_user_id = ?"
            + " GROUP BY placement_id",
        rs -> {
          state.placementVersions.putIfAbsent(rs.getObject(1, UUID.class), rs.getInt(2));
        },
        serviceUserId);
    state.questions = null; // unknown until the first derivation in this unit of work rewrites them
    return state;
  }

  private long firstIndex(UUID factId) {
    return jdbc.queryForObject(
        "SELECT first_index FROM fact_version WHERE fact_id = ? AND version_no = 1",
        Long.class,
        factId);
  }

  private void insertFact(
      Fact fact, int versionNo, Instant recordedAt, long globalIndex, long firstIndex) {
    jdbc.update(
        "INSERT INTO fact_version (fact_id, version_no, service_user_id, fact_type, occurred_at, occurred_on,"
            + " fact_values, recorded_from, global_index, first_index)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
        fact.factId(),
        versionNo,
        fact.serviceUserId(),
        JourneyEventTypes.shortName(fact.getClass()),
        ts(fact.occurredAt()),
        ClinicalTime.localDate(fact.occurredAt()),
        write(fact),
        ts(recordedAt),
        globalIndex,
        firstIndex);
  }

  private void closeFact(UUID factId, int versionNo, Instant at, String endedBy) {
    jdbc.update(
        "UPDATE fact_version SET recorded_to = ?, ended_by = ? WHERE fact_id = ? AND version_no = ?",
        ts(at),
        endedBy,
        factId,
        versionNo);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String value, Class<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Fact readFact(String shortType, String values) {
    Class<? extends JourneyEvent> type =
        JourneyEventTypes.typeOf("pathway." + shortType)
            .orElseThrow(() -> new IllegalStateException("unknown fact type " + shortType));
    return (Fact) read(values, type);
  }

  private static java.sql.Timestamp ts(Instant instant) {
    return java.sql.Timestamp.from(instant);
  }
}
