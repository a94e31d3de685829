package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.pathway.projections.history.JourneyHistoryProjection;

/**
 * The fact history read model follows the stream, keeps every version, and a replay rebuilds it
 * exactly.
 */
class JourneyHistoryProjectionIT extends ApiTestBase {

  private TrackingEventProcessor processor() {
    return processing
        .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
        .orElseThrow();
  }

  private List<Map<String, Object>> rows(UUID su) {
    List<Map<String, Object>> all = new java.util.ArrayList<>(facts(su));
    all.addAll(
        jdbc.queryForList(
            "SELECT spell_id, version_no, admitted_on, discharged_on, detail::text AS d, recorded_from, recorded_to"
                + " FROM spell_version WHERE service_user_id = ? ORDER BY spell_id, version_no",
            su));
    return all;
  }

  private List<Map<String, Object>> facts(UUID su) {
    return jdbc.queryForList(
        "SELECT fact_id, version_no, fact_type, occurred_at, occurred_on, fact_values::text AS v, recorded_from,"
            + " recorded_to, ended_by FROM fact_version WHERE service_user_id = ? ORDER BY fact_id, version_no",
        su);
  }

  @Test
  void every_version_of_every_fact_is_kept_and_a_replay_rebuilds_the_same_rows() throws Exception {
    UUID[] ids = registerWithReferral();
    UUID spell =
        admit(ids[0], ids[1], "2025-03-30T00:30:00Z"); // 00:30 BST is still 30 March locally
    correct(ids[0], spell, Map.of("legalStatus", "03"), "2025-04-01T09:00:00Z");
    UUID contact = contact(ids[0], "2025-03-01T10:00:00Z", "02");
    enteredInError(ids[0], contact, "2025-04-01T09:05:00Z");
    awaitProjection();

    List<Map<String, Object>> before = rows(ids[0]);
    assertThat(facts(ids[0])).hasSize(5); // registration, referral, admission v1 + v2, contact
    List<Map<String, Object>> spells =
        jdbc.queryForList(
            "SELECT version_no, detail->'legalStatuses'->0->>'legalStatus' AS ls, recorded_to FROM spell_version"
                + " WHERE spell_id = ? ORDER BY version_no",
            spell);
    assertThat(spells).hasSize(2);
    assertThat(spells.get(0).get("ls")).isEqualTo("01");
    assertThat(spells.get(0).get("recorded_to")).isNotNull();
    assertThat(spells.get(1).get("ls")).isEqualTo("03");
    assertThat(spells.get(1).get("recorded_to")).isNull();
    Map<String, Object> v1 =
        jdbc.queryForMap("SELECT * FROM fact_version WHERE fact_id = ? AND version_no = 1", spell);
    Map<String, Object> v2 =
        jdbc.queryForMap(
            "SELECT *, fact_values->>'legalStatus' AS ls FROM fact_version WHERE fact_id = ? AND version_no = 2",
            spell);
    assertThat(v1.get("ended_by")).isEqualTo("CORRECTED");
    assertThat(v1.get("recorded_to")).isEqualTo(v2.get("recorded_from"));
    assertThat(v2.get("ls")).isEqualTo("03");
    assertThat(v2.get("recorded_to")).isNull();
    assertThat(v2.get("occurred_on").toString()).isEqualTo("2025-03-30");
    assertThat(
            jdbc.queryForObject(
                "SELECT ended_by FROM fact_version WHERE fact_id = ?", String.class, contact))
        .isEqualTo("ENTERED_IN_ERROR");

    TrackingEventProcessor processor = processor();
    processor.shutDown();
    processor.resetTokens();
    processor.start();
    // the replay runs in the background: wait for it to rebuild this journey's rows
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!rows(ids[0]).equals(before) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(rows(ids[0])).isEqualTo(before);
  }
}
