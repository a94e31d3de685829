package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.pathway.projections.history.JourneyHistoryProjection;

/**
 * The bulk rebuild (new tables filled with COPY from one snapshot, caught up, switched in) ends in
 * exactly the rows the live projection writes event by event — compared row for row with an
 * ordinary replay of the same store — while commands keep arriving and answers keep coming
 * throughout.
 */
class BulkRebuildIT extends ApiTestBase {

  private static final List<String> TABLES =
      List.of(
          "fact_version",
          "spell_version",
          "placement_version",
          "data_quality_question",
          "metric_contribution",
          "metric_cell",
          "metric_cell_day",
          "metric_cell_total");

  @org.springframework.beans.factory.annotation.Autowired
  org.pathway.projections.history.CellFolder folder;

  /**
   * Every table's rows, the sums still pending folded into the cells first and every day rolled up
   * into the per-month and all-time cells (the live projection's are rolled up to yesterday, a
   * rebuild's to the last day it wrote: V27).
   */
  private Map<String, List<String>> rows() {
    folder.foldAll();
    assertThat(folder.pending()).isZero();
    folder.rollTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1));
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (String table : TABLES) {
      all.put(
          table,
          jdbc.queryForList(
              "SELECT row_to_json(t)::text FROM " + table + " t ORDER BY row_to_json(t)::text",
              String.class));
    }
    return all;
  }

  @Test
  void a_bulk_rebuild_while_writing_ends_in_the_rows_of_an_event_by_event_replay()
      throws Exception {
    importDemo(300, 23);
    // and a migration: events whose recorded time is the source system's, in their metadata
    importMigratedDemo(100, 29);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM fact_version WHERE recorded_from < now() - interval '1 day'",
                Long.class))
        .as("facts recorded at the source's time")
        .isGreaterThan(100);
    long generation =
        jdbc.queryForObject(
            "SELECT generation FROM read_model_generation WHERE read_model = 'journey-history'",
            Long.class);

    // commands keep arriving, and answers keep coming, while the rebuild runs
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger();
    List<Integer> answerStatuses = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread writer =
        new Thread(
            () -> {
              while (writing.get()) {
                UUID[] ids = registerWithReferral();
                UUID admission = admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
                Api.Response c =
                    correct(
                        ids[0],
                        admission,
                        Map.of("occurredAt", "2025-03-02T12:00:00Z"),
                        "2025-03-03T10:00:00Z");
                if (c.status() != 201) {
                  throw new IllegalStateException("correction refused: " + c);
                }
                // a leave whose end is not recorded before the next starts: a data-quality question
                for (String at : List.of("2025-03-05T10:00:00Z", "2025-03-08T10:00:00Z")) {
                  api.post(
                      "/service-users/" + ids[0] + "/spells/" + admission + "/leaves",
                      Api.json("occurredAt", at, "leaveType", "HOME_LEAVE"));
                }
                answerStatuses.add(
                    api.as("analyst")
                        .get("/metrics/bed-days?from=2025-03-01&to=2025-03-31")
                        .status());
                written.incrementAndGet();
              }
            });
    writer.start();
    Api admin = api.as("admin");
    Api.Response started = admin.send("POST", "/admin/rebuilds?readModel=journey-history", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(admin.send("POST", "/admin/rebuilds", "").status()).isIn(202, 409);
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    Api.Response status = admin.get("/admin/rebuilds");
    while (!"SWITCHED".equals(status.text("phase")) && System.nanoTime() < deadline) {
      assertThat(status.text("phase")).as(status.toString()).isNotEqualTo("FAILED");
      Thread.sleep(50);
      status = admin.get("/admin/rebuilds");
    }
    // a few more commands after the switch, into the new tables
    int atSwitch = written.get();
    while (written.get() < atSwitch + 3) {
      Thread.sleep(20);
    }
    writing.set(false);
    writer.join();
    assertThat(status.text("phase")).as(status.toString()).isEqualTo("SWITCHED");
    assertThat(status.text("state")).isEqualTo("CURRENT");
    assertThat(written.get()).isGreaterThan(3);
    assertThat(answerStatuses).isNotEmpty().allMatch(s -> s == 200);
    assertThat(
            jdbc.queryForObject(
                "SELECT generation FROM read_model_generation WHERE read_model = 'journey-history'",
                Long.class))
        .isEqualTo(generation + 1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE tablename IN ('fact_version_rebuild',"
                    + " 'spell_version_rebuild', 'placement_version_rebuild',"
                    + " 'data_quality_question_rebuild')",
                Long.class))
        .isZero();
    awaitProjection();
    Map<String, List<String>> rebuilt = rows();
    assertThat(rebuilt.get("fact_version")).hasSizeGreaterThan(1000);
    assertThat(rebuilt.get("data_quality_question")).isNotEmpty();

    // the reference: an ordinary replay, event by event through the live projection
    assertEqualToAReplay(rebuilt);
    // the same keys and indexes as before, under the same names
    assertThat(
            jdbc.queryForList(
                "SELECT indexname FROM pg_indexes WHERE tablename IN ('fact_version',"
                    + " 'spell_version', 'placement_version', 'data_quality_question')"
                    + " ORDER BY 1",
                String.class))
        .containsExactly(
            "data_quality_question_pkey",
            "data_quality_question_team",
            "fact_version_accommodation_people",
            "fact_version_contacts_people",
            "fact_version_deaths",
            "fact_version_pkey",
            "fact_version_service_user",
            "fact_version_type_date",
            "placement_version_pkey",
            "placement_version_service_user",
            "placement_version_started",
            "placement_version_window",
            "placement_version_window_known",
            "spell_version_admitted",
            "spell_version_discharged",
            "spell_version_people_out_of_area",
            "spell_version_people_with_delays",
            "spell_version_pkey",
            "spell_version_service_user",
            "spell_version_window",
            "spell_version_window_known");
  }

  @Test
  void events_the_live_processor_has_not_reached_are_rebuilt_once_and_it_goes_on_after_them()
      throws Exception {
    for (int i = 0; i < 3; i++) {
      UUID[] ids = registerWithReferral();
      admit(ids[0], ids[1], "2025-04-02T10:00:00Z");
    }
    awaitProjection();
    TrackingEventProcessor processor =
        processing
            .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElseThrow();
    processor.shutDown(); // lagging as far as it can: stopped
    List<UUID> unseen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID[] ids = registerWithReferral();
      admit(ids[0], ids[1], "2025-04-03T10:00:00Z");
      unseen.add(ids[0]);
    }
    Api admin = api.as("admin");
    assertThat(admin.send("POST", "/admin/rebuilds", "").status()).isEqualTo(202);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!"SWITCHED".equals(admin.get("/admin/rebuilds").text("phase"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(admin.get("/admin/rebuilds").text("phase")).isEqualTo("SWITCHED");
    // the events stored while it was stopped are in the new tables already
    assertThat(
            jdbc.queryForObject(
                "SELECT count(DISTINCT service_user_id) FROM fact_version WHERE service_user_id ="
                    + " ANY (?::uuid[])",
                Long.class,
                (Object) unseen.stream().map(UUID::toString).toArray(String[]::new)))
        .isEqualTo(5);
    processor.start();
    UUID[] after = registerWithReferral();
    admit(after[0], after[1], "2025-04-04T10:00:00Z");
    awaitProjection();
    assertEqualToAReplay(rows());
  }

  /** The reference: an ordinary replay, event by event through the live projection. */
  private void assertEqualToAReplay(Map<String, List<String>> rebuilt) {
    TrackingEventProcessor processor =
        processing
            .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElseThrow();
    processor.shutDown();
    processor.resetTokens();
    processor.start();
    awaitProjection();
    Map<String, List<String>> replayed = rows();
    for (String table : TABLES) {
      assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(replayed.get(table));
    }
  }
}
