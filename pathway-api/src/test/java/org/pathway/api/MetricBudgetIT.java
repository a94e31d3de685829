package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathway.api.cli.DemoDataGenerator;
import org.pathway.projections.history.JourneyHistoryProjection;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A metric question over more records than the node computes from at once ({@code
 * pathway.metrics.max-records}, here 40) is refused with a problem naming the period before its
 * records are read, instead of running the node out of heap; smaller questions go on being
 * answered, and the refused ones give their share back. Its own node: the limit is a start-up
 * setting.
 */
class MetricBudgetIT {
  private static ConfigurableApplicationContext node;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    node =
        Nodes.embedded(
            "pathway-budget-",
            "--pathway.metrics.max-records=40",
            "--pathway.metrics.budget-wait=200ms");
    int port = ((WebServerApplicationContext) node).getWebServer().getPort();
    api = new Api(port, "analyst");
    StringWriter demo = new StringWriter();
    DemoDataGenerator.generate(60, 3, demo);
    Api.Response imported =
        api.as("clinician")
            .send("POST", "/imports", demo.toString(), "Content-Type", "application/x-ndjson");
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
    TrackingEventProcessor processor =
        node.getBean(EventProcessingConfiguration.class)
            .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElseThrow();
    long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    Processors.await(processor, jdbc, head, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void a_question_over_more_records_than_the_budget_is_a_413_and_smaller_ones_are_answered() {
    String wide = "?from=2015-01-01&to=2030-12-31";
    // every record of a drill-down at once, computed from the records: bed days' (stays, leave,
    // census), refused again and again, giving back what it took each time
    for (int i = 0; i < 5; i++) {
      Api.Response r = api.get("/metrics/bed-days/records" + wide + "&format=csv");
      assertThat(r.status()).as(r.toString()).isEqualTo(413);
      assertThat(r.text("code")).isEqualTo("QUERY_TOO_LARGE");
      assertThat(r.text("field")).isEqualTo("from");
      assertThat(r.body().get("records").asLong()).isGreaterThan(40);
      assertThat(r.body().get("maxRecords").asInt()).isEqualTo(40);
      assertThat(r.text("detail")).contains("pathway.metrics.max-records");
    }
    // every record at once
    assertThat(api.get("/metrics/length-of-stay/records" + wide + "&format=csv"))
        .extracting(Api.Response::status)
        .isEqualTo(413);
    // a page read by keyset is answered, with the total of every page: from the contributions,
    // or by service user, a page's people loaded at a time
    for (String family : List.of("length-of-stay", "bed-days", "settled-accommodation")) {
      Api.Response page = api.get("/metrics/" + family + "/records" + wide + "&limit=10");
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      assertThat(page.body().get("records")).as(family).hasSize(10);
      assertThat(page.body().get("total").asLong()).as(family).isGreaterThan(20);
    }
    // the aggregated families read cells, not records: every one answered whatever the budget
    for (String family :
        List.of(
            "length-of-stay",
            "bed-days",
            "delayed-discharge",
            "out-of-area",
            "readmission",
            "follow-up-72h",
            "time-in-community",
            "step-down",
            "settled-accommodation")) {
      Api.Response aggregated = api.get("/metrics/" + family + wide);
      assertThat(aggregated.status()).as(aggregated.toString()).isEqualTo(200);
    }
    assertThat(api.get("/metrics/length-of-stay" + wide).body().get("contributingRecords").asLong())
        .isGreaterThan(40);
    assertThat(
            api.get("/metrics/settled-accommodation" + wide)
                .body()
                .get("contributingRecords")
                .asLong())
        .isGreaterThan(20); // people with a status: more statuses than the budget, read as cells
    // a question the budget holds, again and again
    for (int i = 0; i < 5; i++) {
      Api.Response small = api.get("/metrics/bed-days/records?from=1990-01-01&to=1990-01-31");
      assertThat(small.status()).as(small.toString()).isEqualTo(200);
    }
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
  }
}
