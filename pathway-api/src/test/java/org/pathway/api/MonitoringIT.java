package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.pathway.projections.history.JourneyHistoryProjection;

/**
 * {@code /actuator/prometheus}: the series an operator watches follow what happens (commands by
 * name and outcome with a latency histogram, processor and sealer lag, imports, rebuilds, the
 * connection pool); only admins and the scrape token may read them; readiness turns out of service
 * while the processor is far behind, and back when it has caught up.
 */
class MonitoringIT extends ApiTestBase {

  private String scrape() {
    Api.Response r = api.as("admin").get("/actuator/prometheus");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    return r.raw();
  }

  /** The value of one series (labels in the order Prometheus prints them), or 0 when absent. */
  private static double value(String scraped, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scraped);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void the_series_follow_the_commands_and_the_processor() throws Exception {
    String admitted =
        "pathway_commands_seconds_count{command=\"AdmitServiceUser\",outcome=\"accepted\"}";
    String refused =
        "pathway_commands_seconds_count{command=\"DischargeServiceUser\",outcome=\"refused\"}";
    String before = scrape();

    UUID[] suRef = registerWithReferral();
    UUID spell = admit(suRef[0], suRef[1], "2025-06-02T10:00:00Z");
    // a discharge before the admission: refused by the rules
    Api.Response early =
        api.post(
            "/service-users/" + suRef[0] + "/spells/" + spell + "/discharge",
            Api.json(
                "occurredAt", "2025-06-01T10:00:00Z",
                "dischargeDestination", "19",
                "dischargeMethod", "1"));
    assertThat(early.status()).as(early.toString()).isBetween(400, 499);
    awaitProjection();
    // the processor series come from a reading of the tokens every 5 s: wait for one that has them
    // (a CI run once scraped just after a reading that had none, and found no processor series)
    await(
        () ->
            scrape()
                .contains(
                    "pathway_processor_lag_events{processor=\"journey-history\",segment=\"0\"}"));
    String after = scrape();

    assertThat(value(after, admitted) - value(before, admitted)).isEqualTo(1.0);
    assertThat(value(after, refused) + value(after, refused.replace("refused", "invalid")))
        .isGreaterThan(
            value(before, refused) + value(before, refused.replace("refused", "invalid")));
    assertThat(after)
        .contains(
            "pathway_commands_seconds_bucket{command=\"AdmitServiceUser\",outcome=\"accepted\",le=")
        .contains("pathway_processor_lag_events{processor=\"journey-history\",segment=\"0\"}")
        .contains("pathway_processor_position{processor=\"journey-history\",segment=\"0\"}")
        .contains("pathway_sealer_lag_events ")
        .contains("pathway_metric_cells_pending ")
        .contains("pathway_metric_cells_not_rolled_up_days ")
        .contains("pathway_rebuild_running ")
        .contains("pathway_import_lines_total{outcome=\"accepted\"}")
        .contains("hikaricp_connections_active")
        .contains("http_server_requests_seconds_count");
    long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    await(() -> value(scrape(), "pathway_events_head") >= head);

    // every series the Grafana dashboard in docs/ plots is served
    com.fasterxml.jackson.databind.JsonNode dashboard =
        Api.JSON.readTree(java.nio.file.Path.of("../docs/grafana/pathway-dashboard.json").toFile());
    java.util.Set<String> plotted = new java.util.TreeSet<>();
    for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.path("panels")) {
      for (com.fasterxml.jackson.databind.JsonNode target : panel.path("targets")) {
        Matcher names =
            Pattern.compile("\\b((?:pathway|hikaricp|http_server|jvm)_[a-z_]+)\\{")
                .matcher(target.path("expr").asText());
        while (names.find()) {
          plotted.add(names.group(1));
        }
      }
    }
    assertThat(plotted).hasSizeGreaterThan(8);
    String served = scrape();
    assertThat(plotted)
        .allMatch(name -> served.contains("\n" + name + "{") || served.contains("\n" + name + " "));
  }

  @Test
  void only_admins_and_the_scrape_token_may_read_the_series() {
    assertThat(api.as(null).get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(api.as("analyst").get("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(api.as("auditor").get("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(api.as("clinician").get("/actuator/prometheus").status()).isEqualTo(403);
    Api.Response token =
        api.as(null).get("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.raw()).contains("pathway_processor_lag_events");
    // the token opens nothing else, and a wrong one nothing at all
    assertThat(api.as(null).get("/metrics", "Authorization", "Bearer " + SCRAPE_TOKEN).status())
        .isEqualTo(401);
    assertThat(
            api.as(null)
                .get("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN + "x")
                .status())
        .isEqualTo(401);
  }

  @Test
  void readiness_is_out_of_service_while_the_processor_is_far_behind() throws Exception {
    assertThat(api.as(null).get("/actuator/health/readiness").status()).isEqualTo(200);
    TrackingEventProcessor processor =
        processing
            .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElseThrow();
    processor.shutDown();
    try {
      // more events than pathway.monitoring.max-processor-lag (ApiTestBase: 2,000) behind
      java.io.StringWriter demo = new java.io.StringWriter();
      org.pathway.api.cli.DemoDataGenerator.generate(
          300, 42, demo); // its own NHS-number block (seed mod 8)
      Api.Response imported =
          api.as("clinician")
              .send("POST", "/imports", demo.toString(), "Content-Type", "application/x-ndjson");
      assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
      Api.Response readiness = api.as(null).get("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(503);
      assertThat(readiness.text("status")).isEqualTo("OUT_OF_SERVICE");
      assertThat(api.as(null).get("/actuator/health/liveness").status()).isEqualTo(200);
      assertThat(
              value(
                  scrape(),
                  "pathway_processor_lag_events{processor=\"journey-history\",segment=\"0\"}"))
          .isGreaterThan(2000);
    } finally {
      processor.start();
    }
    awaitProjection();
    await(() -> api.as(null).get("/actuator/health/readiness").status() == 200);
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
