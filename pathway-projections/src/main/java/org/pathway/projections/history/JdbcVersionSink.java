package org.pathway.projections.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.domain.journey.JourneyEventTypes;
import org.pathway.domain.time.ClinicalTime;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.pathway.projections.metrics.MetricAggregates;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes versions row by row into one set of journey-history tables, in the caller's transaction,
 * and reads a journey's current state back from them. The metric cells it sums until {@link
 * #flushCells()}, which the caller runs before its transaction commits: one instance per
 * transaction.
 */
final class JdbcVersionSink implements VersionSink {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final ReadModelTables t;

  JdbcVersionSink(JdbcTemplate jdbc, ObjectMapper json, ReadModelTables tables) {
    this.jdbc = jdbc;
    this.json = json;
    this.t = tables;
  }

  @Override
  public void insertFact(
      Fact fact, int version, Instant recordedFrom, long globalIndex, long firstIndex) {
    jdbc.update(
        "INSERT INTO "
            + t.facts()
            + " (fact_id, version_no, service_user_id, fact_type, occurred_at, occurred_on,"
            + " fact_values, recorded_from, global_index, first_index, attended, contact_medium,"
            + " settled_indicator, accommodation_type)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)",
        fact.factId(),
        version,
        fact.serviceUserId(),
        JourneyEventTypes.shortName(fact.getClass()),
        ts(fact.occurredAt()),
        ClinicalTime.localDate(fact.occurredAt()),
        write(fact),
        ts(recordedFrom),
        globalIndex,
        firstIndex,
        FactColumns.attended(fact),
        FactColumns.contactMedium(fact),
        FactColumns.settledIndicator(fact),
        FactColumns.accommodationType(fact));
  }

  @Override
  public void closeFact(UUID factId, int version, Instant recordedTo, EndedBy endedBy) {
    jdbc.update(
        "UPDATE "
            + t.facts()
            + " SET recorded_to = ?, ended_by = ? WHERE fact_id = ? AND version_no = ?",
        ts(recordedTo),
        endedBy.name(),
        factId,
        version);
  }

  @Override
  public void insertSpell(Spell s, int version, Instant recordedFrom) {
    jdbc.update(
        "INSERT INTO "
            + t.spells()
            + " (spell_id, version_no, service_user_id, admitted_on, discharged_on, detail,"
            + " recorded_from, has_delays, out_of_area) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
        s.spellId(),
        version,
        s.serviceUserId(),
        s.admittedOn(),
        s.dischargedOn(),
        write(s),
        ts(recordedFrom),
        !s.delays().isEmpty(),
        s.anyOutOfArea());
    if (version == 1) {
      queueForPseudonym(s.spellId());
    }
  }

  /**
   * A spell or placement seen for the first time waits for its analysts' pseudonym
   * (analytics_pseudonym_queue, drained by the API's AnalyticsTables), in this transaction.
   */
  private void queueForPseudonym(UUID id) {
    jdbc.update(
        "INSERT INTO analytics_pseudonym_queue (id) VALUES (?) ON CONFLICT (id) DO NOTHING", id);
  }

  @Override
  public void closeSpell(UUID spellId, int version, Instant recordedTo) {
    close(t.spells(), "spell_id", spellId, version, recordedTo);
  }

  @Override
  public void insertPlacement(Placement p, int version, Instant recordedFrom) {
    jdbc.update(
        "INSERT INTO "
            + t.placements()
            + " (placement_id, version_no, service_user_id, started_on, ended_on, detail,"
            + " recorded_from) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)",
        p.placementId(),
        version,
        p.serviceUserId(),
        p.startedOn(),
        p.endedOn(),
        write(p),
        ts(recordedFrom));
    if (version == 1) {
      queueForPseudonym(p.placementId());
    }
  }

  @Override
  public void closePlacement(UUID placementId, int version, Instant recordedTo) {
    close(t.placements(), "placement_id", placementId, version, recordedTo);
  }

  private void close(String table, String idColumn, UUID id, int version, Instant at) {
    jdbc.update(
        "UPDATE " + table + " SET recorded_to = ? WHERE " + idColumn + " = ? AND version_no = ?",
        ts(at),
        id,
        version);
  }

  /** The cell sums not written yet, written by flushCells. */
  private final CellSums pendingCells = new CellSums();

  @Override
  public void contributions(
      List<MetricAggregates.Delta> deltas, MetricAggregates aggregates, Instant recordedAt) {
    List<Object[]> rows = new ArrayList<>(deltas.size());
    for (MetricAggregates.Delta d : deltas) {
      rows.add(VersionSink.contributionRow(d, ts(recordedAt)));
    }
    pendingCells.add(deltas, aggregates, recordedAt);
    jdbc.batchUpdate(
        "INSERT INTO "
            + t.contributions()
            + " (family, anchor_on, k1, k2, k3, k4, k5, v1, v2, s, n, recorded_at, spell_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  /**
   * Adds the pending sums to {@code metric_cell_day}, then summed per recorded month to {@code
   * metric_cell} and over every recorded time to {@code metric_cell_total}, each in one statement
   * and in its key's order (so that two batches that touch the same cells take their row locks in
   * the same order), then forgets them.
   */
  void flushCells() {
    if (pendingCells.isEmpty()) {
      return;
    }
    List<Object[]> days = pendingCells.drain();
    String[] recorded = {"text", "text", "text", "date", "date", "int4", "int4", "int8", "int8"};
    addCells(t.dayCells(), CellSums.DAY_COLUMNS, "recorded_on, anchor_month", recorded, days);
    List<Object[]> months = CellSums.months(days);
    addCells(t.cells(), CellSums.COLUMNS, "anchor_month, recorded_month", recorded, months);
    addCells(
        t.totalCells(),
        CellSums.TOTAL_COLUMNS,
        "anchor_month",
        new String[] {"text", "text", "text", "date", "int4", "int4", "int8", "int8"},
        CellSums.totals(months));
  }

  private void addCells(
      String table, String columnNames, String months, String[] types, List<Object[]> cells) {
    int size = cells.size();
    Object[][] columns = new Object[types.length][];
    StringBuilder arrays = new StringBuilder();
    for (int c = 0; c < types.length; c++) {
      columns[c] = new Object[size];
      arrays.append(c == 0 ? "" : ", ").append("?::").append(types[c]).append("[]");
    }
    for (int i = 0; i < size; i++) {
      for (int c = 0; c < types.length; c++) {
        columns[c][i] = cells.get(i)[c];
      }
    }
    jdbc.execute(
        (java.sql.Connection con) -> {
          try (java.sql.PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO "
                      + table
                      + " AS c ("
                      + columnNames
                      + ") SELECT * FROM unnest("
                      + arrays
                      + ") ON CONFLICT (family, breakdown, "
                      + months
                      + ", group_key, v1, v2) DO UPDATE SET n = c.n + excluded.n,"
                      + " s = c.s + excluded.s")) {
            for (int c = 0; c < types.length; c++) {
              ps.setArray(c + 1, con.createArrayOf(types[c], columns[c]));
            }
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void replaceQuestions(
      UUID serviceUserId, String team, List<DataQuality.Question> questions) {
    jdbc.update("DELETE FROM " + t.questions() + " WHERE service_user_id = ?", serviceUserId);
    for (int i = 0; i < questions.size(); i++) {
      DataQuality.Question q = questions.get(i);
      jdbc.update(
          "INSERT INTO "
              + t.questions()
              + " (service_user_id, question_no, community_team, code, fact_id, occurred_at, detail,"
              + " resolved_by, resolved_by_target, related_fact_id, spell_id)"
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
