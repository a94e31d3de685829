package org.pathway.projections.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pathway.domain.time.ClinicalTime;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Loads what a metric query needs from the bitemporal read models, as known at the query's recorded
 * time: each table is filtered to the versions valid then ({@code recorded_from <= T <
 * recorded_to}), so "as at" is a query.
 */
@Repository
public class MetricsRepository {
  /**
   * Data beyond the period that definitions look at: readmission and time in community look up to
   * 365 days on.
   */
  private static final int LOOK_AHEAD_DAYS = 366;

  private static final int LOOK_BACK_DAYS = 4;

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public MetricsRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public MetricData load(Period period, Instant asAt) {
    Instant at = asAt == null ? Instant.now() : asAt;
    LocalDate from = period.from().minusDays(LOOK_BACK_DAYS);
    LocalDate to = period.to().plusDays(LOOK_AHEAD_DAYS);
    List<Spell> spells = new ArrayList<>();
    jdbc.query(
        "SELECT detail::text FROM spell_version WHERE admitted_on <= ? AND (discharged_on IS NULL OR discharged_on >= ?)"
            + valid(asAt),
        rs -> {
          spells.add(read(rs.getString(1), Spell.class));
        },
        args(asAt, to, from));
    List<Placement> placements = new ArrayList<>();
    jdbc.query(
        "SELECT detail::text FROM placement_version WHERE started_on <= ? AND (ended_on IS NULL OR ended_on >= ?)"
            + valid(asAt),
        rs -> {
          placements.add(read(rs.getString(1), Placement.class));
        },
        args(asAt, period.to(), period.from()));
    List<MetricData.Contact> contacts =
        jdbc.query(
            "SELECT fact_id, service_user_id, occurred_on, (fact_values->>'attended')::boolean,"
                + " fact_values->>'contactMedium' FROM fact_version"
                + " WHERE fact_type = 'CommunityContactRecorded' AND occurred_on BETWEEN ? AND ?"
                + valid(asAt),
            (rs, i) ->
                new MetricData.Contact(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, LocalDate.class),
                    rs.getBoolean(4),
                    rs.getString(5)),
            args(asAt, from, to));
    List<MetricData.Death> deaths =
        jdbc.query(
            "SELECT service_user_id, occurred_on FROM fact_version WHERE fact_type = 'DeathRecorded'"
                + valid(asAt),
            (rs, i) ->
                new MetricData.Death(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class)),
            args(asAt));
    List<MetricData.AccommodationStatus> accommodation =
        jdbc.query(
            "SELECT service_user_id, occurred_on, first_index, fact_values->>'settledIndicator',"
                + " fact_values->>'accommodationType' FROM fact_version"
                + " WHERE fact_type = 'AccommodationStatusRecorded' AND occurred_on <= ?"
                + valid(asAt),
            (rs, i) ->
                new MetricData.AccommodationStatus(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, LocalDate.class),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5)),
            args(asAt, period.to()));
    return new MetricData(
        spells, placements, contacts, deaths, accommodation, ClinicalTime.localDate(at));
  }

  private static String valid(Instant asAt) {
    return asAt == null
        ? " AND recorded_to IS NULL"
        : " AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)";
  }

  private static Object[] args(Instant asAt, Object... leading) {
    List<Object> all = new ArrayList<>(List.of(leading));
    if (asAt != null) {
      all.add(Timestamp.from(asAt));
      all.add(Timestamp.from(asAt));
    }
    return all.toArray();
  }

  private <T> T read(String value, Class<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
