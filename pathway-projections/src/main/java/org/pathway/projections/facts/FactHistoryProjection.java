package org.pathway.projections.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.FactCorrected;
import org.pathway.domain.journey.FactEnteredInError;
import org.pathway.domain.journey.FieldChanges;
import org.pathway.domain.journey.JourneyEventTypes;
import org.pathway.domain.time.ClinicalTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code fact_version}: every version of every fact with the recorded-time interval in which
 * it was the known truth. This is what makes "as at" a query: the versions valid at T are exactly
 * what was known at T. A correction closes the current version and opens an amended one;
 * entered-in-error closes it with nothing after.
 */
@Component
@ProcessingGroup(FactHistoryProjection.PROCESSING_GROUP)
public class FactHistoryProjection {
  public static final String PROCESSING_GROUP = "fact-history";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public FactHistoryProjection(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @EventHandler
  void on(Fact fact, @Timestamp Instant recordedAt, TrackingToken token) {
    insert(fact, 1, recordedAt, position(token));
  }

  @EventHandler
  void on(FactCorrected correction, @Timestamp Instant recordedAt, TrackingToken token) {
    List<CurrentVersion> current = current(correction.targetFactId().toString());
    if (current.isEmpty()) {
      return; // the aggregate never accepts this; nothing to amend
    }
    CurrentVersion version = current.get(0);
    Fact amended = version.fact().amend(new FieldChanges(correction.changes()));
    close(correction.targetFactId().toString(), version.versionNo(), recordedAt, "CORRECTED");
    insert(amended, version.versionNo() + 1, recordedAt, position(token));
  }

  @EventHandler
  void on(FactEnteredInError voided, @Timestamp Instant recordedAt) {
    jdbc.update(
        "UPDATE fact_version SET recorded_to = ?, ended_by = 'ENTERED_IN_ERROR'"
            + " WHERE fact_id = ?::uuid AND recorded_to IS NULL",
        ts(recordedAt),
        voided.targetFactId().toString());
  }

  @ResetHandler
  void reset() {
    jdbc.execute("TRUNCATE fact_version");
  }

  private record CurrentVersion(int versionNo, Fact fact) {}

  private List<CurrentVersion> current(String factId) {
    return jdbc.query(
        "SELECT version_no, fact_type, fact_values::text AS v FROM fact_version"
            + " WHERE fact_id = ?::uuid AND recorded_to IS NULL",
        (rs, i) -> new CurrentVersion(rs.getInt(1), read(rs.getString(2), rs.getString(3))),
        factId);
  }

  private void close(String factId, int versionNo, Instant at, String endedBy) {
    jdbc.update(
        "UPDATE fact_version SET recorded_to = ?, ended_by = ? WHERE fact_id = ?::uuid AND version_no = ?",
        ts(at),
        endedBy,
        factId,
        versionNo);
  }

  private void insert(Fact fact, int versionNo, Instant recordedAt, long globalIndex) {
    jdbc.update(
        "INSERT INTO fact_version (fact_id, version_no, service_user_id, fact_type, occurred_at, occurred_on,"
            + " fact_values, recorded_from, global_index) VALUES (?::uuid, ?, ?::uuid, ?, ?, ?, ?::jsonb, ?, ?)"
            + " ON CONFLICT (fact_id, version_no) DO NOTHING",
        fact.factId().toString(),
        versionNo,
        fact.serviceUserId().toString(),
        JourneyEventTypes.shortName(fact.getClass()),
        ts(fact.occurredAt()),
        ClinicalTime.localDate(fact.occurredAt()),
        write(fact),
        ts(recordedAt),
        globalIndex);
  }

  private String write(Fact fact) {
    try {
      return json.writeValueAsString(fact);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Fact read(String shortType, String values) {
    Class<?> type =
        JourneyEventTypes.typeOf("pathway." + shortType)
            .orElseThrow(() -> new IllegalStateException("unknown fact type " + shortType));
    try {
      return (Fact) json.readValue(values, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.sql.Timestamp ts(Instant instant) {
    return java.sql.Timestamp.from(instant);
  }

  private static long position(TrackingToken token) {
    return token == null ? -1 : token.position().orElse(-1);
  }
}
