package org.pathway.projections.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.domain.journey.JourneyEventTypes;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.pathway.projections.metrics.MetricAggregates;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes versions into one set of journey-history tables, in the caller's transaction, and reads a
 * journey's current state back from them. What it is given it keeps until {@link #flush()}, which
 * the caller runs before its transaction commits (one instance per transaction): a version opened
 * and closed in between is inserted closed, the others are inserted and closed a table at a time in
 * batches, a journey's questions replaced once with their last state, the metric cells' sums
 * appended to {@code metric_cell_pending} unfanned, for {@link CellFolder} to add to the cells. Row
 * by row, the statements of a projection batch of 500 events were a third of PostgreSQL's time
 * during an import (docs/performance.md). What is kept belongs to journeys the caller holds in
 * memory, so {@link #load} never misses it.
 */
final class JdbcVersionSink implements VersionSink {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final ReadModelTables t;

  /** A version of a fact, spell or placement. */
  private record Version(UUID id, int version) {}

  /** Rows of each table not inserted yet; those still open by their version. */
  private final List<Object[]> facts = new ArrayList<>();

  private final Map<Version, Object[]> openFacts = new HashMap<>();
  private final List<Object[]> spells = new ArrayList<>();
  private final Map<Version, Object[]> openSpells = new HashMap<>();
  private final List<Object[]> placements = new ArrayList<>();
  private final Map<Version, Object[]> openPlacements = new HashMap<>();

  /** Versions stored earlier to close: {recorded_to, (ended_by,) id, version}. */
  private final List<Object[]> factCloses = new ArrayList<>();

  private final List<Object[]> spellCloses = new ArrayList<>();
  private final List<Object[]> placementCloses = new ArrayList<>();

  private final List<Object[]> contributionRows = new ArrayList<>();

  /** Each journey's questions as last replaced: {team, questions}. */
  private final Map<UUID, Object[]> questions = new LinkedHashMap<>();

  /** Spells and placements seen for the first time. */
  private final Set<UUID> newRecords = new LinkedHashSet<>();

  JdbcVersionSink(JdbcTemplate jdbc, ObjectMapper json, ReadModelTables tables) {
    this.jdbc = jdbc;
    this.json = json;
    this.t = tables;
  }

  @Override
  public void insertFact(
      Fact fact, int version, Instant recordedFrom, long globalIndex, long firstIndex) {
    Object[] row =
        VersionSink.factRow(
            fact, version, recordedFrom, globalIndex, firstIndex, write(fact), Timestamp::from);
    facts.add(row);
    openFacts.put(new Version(fact.factId(), version), row);
  }

  @Override
  public void closeFact(UUID factId, int version, Instant recordedTo, EndedBy endedBy) {
    Object[] row = openFacts.remove(new Version(factId, version));
    if (row == null) {
      factCloses.add(new Object[] {ts(recordedTo), endedBy.name(), factId, version});
    } else {
      row[FACT_RECORDED_TO] = ts(recordedTo);
      row[FACT_ENDED_BY] = endedBy.name();
    }
  }

  @Override
  public void insertSpell(Spell s, int version, Instant recordedFrom) {
    Object[] row = VersionSink.spellRow(s, version, recordedFrom, write(s), Timestamp::from);
    spells.add(row);
    openSpells.put(new Version(s.spellId(), version), row);
    if (version == 1) {
      newRecords.add(s.spellId());
    }
  }

  @Override
  public void closeSpell(UUID spellId, int version, Instant recordedTo) {
    close(openSpells, spellCloses, spellId, version, recordedTo);
  }

  @Override
  public void insertPlacement(Placement p, int version, Instant recordedFrom) {
    Object[] row = VersionSink.placementRow(p, version, recordedFrom, write(p), Timestamp::from);
    placements.add(row);
    openPlacements.put(new Version(p.placementId(), version), row);
    if (version == 1) {
      newRecords.add(p.placementId());
    }
  }

  @Override
  public void closePlacement(UUID placementId, int version, Instant recordedTo) {
    close(openPlacements, placementCloses, placementId, version, recordedTo);
  }

  private static void close(
      Map<Version, Object[]> open, List<Object[]> closes, UUID id, int version, Instant at) {
    Object[] row = open.remove(new Version(id, version));
    if (row == null) {
      closes.add(new Object[] {ts(at), id, version});
    } else {
      row[RECORDED_TO] = ts(at);
    }
  }

  /** The cell sums not written yet. */
  private final CellSums pendingCells = new CellSums();

  @Override
  public void contributions(
      List<MetricAggregates.Delta> deltas, MetricAggregates aggregates, Instant recordedAt) {
    for (MetricAggregates.Delta d : deltas) {
      contributionRows.add(VersionSink.contributionRow(d, ts(recordedAt)));
    }
    pendingCells.add(deltas, aggregates, recordedAt);
  }

  @Override
  public void replaceQuestions(
      UUID serviceUserId, String team, List<DataQuality.Question> replacing) {
    questions.put(serviceUserId, new Object[] {team, replacing});
  }

  /**
   * Writes what it was given since the last flush, then forgets it: earlier versions closed first,
   * then the new versions, the questions, the contributions, the spells and placements that wait
   * for a pseudonym, and the metric cells' sums.
   */
  void flush() {
    jdbc.batchUpdate(
        "UPDATE "
            + t.facts()
            + " SET recorded_to = ?, ended_by = ? WHERE fact_id = ? AND version_no = ?",
        factCloses);
    String closeSpell = " SET recorded_to = ? WHERE spell_id = ? AND version_no = ?";
    jdbc.batchUpdate("UPDATE " + t.spells() + closeSpell, spellCloses);
    String closePlacement = " SET recorded_to = ? WHERE placement_id = ? AND version_no = ?";
    jdbc.batchUpdate("UPDATE " + t.placements() + closePlacement, placementCloses);
    jdbc.batchUpdate(
        "INSERT INTO "
            + t.facts()
            + " ("
            + CopyVersionSink.FACT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        facts);
    jdbc.batchUpdate(
        "INSERT INTO "
            + t.spells()
            + " ("
            + CopyVersionSink.SPELL_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)",
        spells);
    jdbc.batchUpdate(
        "INSERT INTO "
            + t.placements()
            + " ("
            + CopyVersionSink.PLACEMENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
        placements);
    writeQuestions();
    jdbc.batchUpdate(
        "INSERT INTO "
            + t.contributions()
            + " (family, anchor_on, k1, k2, k3, k4, k5, v1, v2, s, n, recorded_at, spell_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        contributionRows);
    if (!newRecords.isEmpty()) {
      // analytics_pseudonym_queue, drained by the API's AnalyticsTables
      jdbc.update(
          "INSERT INTO analytics_pseudonym_queue (id) SELECT unnest(?) ON CONFLICT (id) DO NOTHING",
          uuids(newRecords));
    }
    // the cells' sums, unfanned: CellFolder adds them to the cell tables
    pendingCells.appendPending(jdbc, t.pendingCells());
    for (List<?> kept :
        List.of(
            facts,
            spells,
            placements,
            factCloses,
            spellCloses,
            placementCloses,
            contributionRows)) {
      kept.clear();
    }
    openFacts.clear();
    openSpells.clear();
    openPlacements.clear();
    questions.clear();
    newRecords.clear();
  }

  /** Binds the ids as one {@code uuid[]}. */
  private static org.springframework.jdbc.core.PreparedStatementSetter uuids(Set<UUID> ids) {
    return ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray()));
  }

  /** Each journey's questions as last replaced, its earlier ones deleted. */
  private void writeQuestions() {
    if (questions.isEmpty()) {
      return;
    }
    jdbc.update(
        "DELETE FROM " + t.questions() + " WHERE service_user_id = ANY (?)",
        uuids(questions.keySet()));
    List<Object[]> rows = new ArrayList<>();
    questions.forEach(
        (serviceUserId, replaced) -> {
          @SuppressWarnings("unchecked")
          List<DataQuality.Question> list = (List<DataQuality.Question>) replaced[1];
          for (int i = 0; i < list.size(); i++) {
            DataQuality.Question q = list.get(i);
            rows.add(
                new Object[] {
                  serviceUserId,
                  i + 1,
                  replaced[0],
                  q.code().name(),
                  q.factId(),
                  ts(q.occurredAt()),
                  q.detail(),
                  q.resolvedBy(),
                  q.resolvedByTarget(),
                  q.relatedFactId(),
                  q.spellId()
                });
          }
        });
    jdbc.batchUpdate(
        "INSERT INTO "
            + t.questions()
            + " (service_user_id, question_no, community_team, code, fact_id, occurred_at, detail,"
            + " resolved_by, resolved_by_target, related_fact_id, spell_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  /**
   * The journey's current state as the tables hold it. Its questions are unknown ({@code null}), so
   * the next derivation rewrites them.
   */
  JourneyState load(UUID serviceUserId) {
    JourneyState state = new JourneyState();
    jdbc.query(
        "SELECT fact_id, version_no, fact_type, fact_values::text, first_index FROM "
            + t.facts()
            + " WHERE service_user_id = ? AND recorded_to IS NULL ORDER BY first_index",
        rs -> {
          UUID id = rs.getObject(1, UUID.class);
          state.facts.put(id, readFact(rs.getString(3), rs.getString(4)));
          state.factVersions.put(id, rs.getInt(2));
          state.firstIndex.put(id, rs.getLong(5));
        },
        serviceUserId);
    jdbc.query(
        "SELECT spell_id, version_no, detail::text FROM "
            + t.spells()
            + " WHERE service_user_id = ? AND recorded_to IS NULL",
        rs -> {
          UUID id = rs.getObject(1, UUID.class);
          state.spells.put(id, read(rs.getString(3), Spell.class));
          state.spellVersions.put(id, rs.getInt(2));
        },
        serviceUserId);
    jdbc.query(
        "SELECT placement_id, version_no, detail::text FROM "
            + t.placements()
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
        "SELECT spell_id, max(version_no) FROM "
            + t.spells()
            + " WHERE service_user_id = ? GROUP BY spell_id",
        rs -> {
          state.spellVersions.putIfAbsent(rs.getObject(1, UUID.class), rs.getInt(2));
        },
        serviceUserId);
    jdbc.query(
        "SELECT placement_id, max(version_no) FROM "
            + t.placements()
            + " WHERE service_user_id = ? GROUP BY placement_id",
        rs -> {
          state.placementVersions.putIfAbsent(rs.getObject(1, UUID.class), rs.getInt(2));
        },
        serviceUserId);
    state.questions = null;
    state.contributions = null;
    return state;
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

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
