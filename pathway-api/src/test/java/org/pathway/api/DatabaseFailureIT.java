package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded database killed or stopped under load, on an installation of its own (the default,
 * durable settings): every acknowledged command is found exactly once afterwards; while the
 * database is away requests answer 503 problems with Retry-After within 2 s, health says DOWN at
 * once and never hangs, liveness stays UP; once it is back, everything works without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseFailureIT {
  private static final Path OWN_DATA = tempDir();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  private Api api;

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add("pathway.embedded.data-dir", OWN_DATA::toString);
    registry.add("pathway.embedded.port", () -> "0");
  }

  @BeforeEach
  void client() throws InterruptedException {
    api = new Api(port);
    awaitWritable(); // after an earlier test's outage
  }

  private UUID register() {
    Api.Response r = api.post("/service-users", Api.registration());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.id("serviceUserId");
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("pathway-crash-");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private final EmbeddedPostgresProcess postgres = new EmbeddedPostgresProcess(OWN_DATA);

  @Test
  void the_embedded_database_runs_durable_by_default() {
    assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
    assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
    assertThat(jdbc.queryForObject("SHOW full_page_writes", String.class)).isEqualTo("on");
    assertThat(jdbc.queryForObject("SHOW data_directory", String.class))
        .isEqualTo(OWN_DATA.toString());
  }

  @Test
  void every_acknowledged_command_survives_kill_9_of_the_database_exactly_once() throws Exception {
    Load load = new Load(8);
    load.start();
    Thread.sleep(2000);
    int beforeCrash = load.acknowledged.size();
    postgres.crash();
    Thread.sleep(1000);
    postgres.start();
    awaitWritable();
    Thread.sleep(1000);
    load.stop();

    assertThat(beforeCrash).as("commands acknowledged before the crash").isGreaterThan(20);
    assertThat(load.unexpected).as("answers other than 201 and 503").isEmpty();
    Map<UUID, Long> stored = storedContactIds(load.serviceUsers);
    for (UUID acked : load.acknowledged) {
      assertThat(stored.get(acked)).as("acknowledged contact " + acked).isEqualTo(1L);
    }
    assertThat(stored.values()).as("no contact stored twice").allMatch(n -> n == 1L);
  }

  @Test
  void while_the_database_is_stopped_requests_answer_503_promptly_and_all_recovers()
      throws Exception {
    Load load = new Load(4);
    load.start();
    Thread.sleep(1000);
    postgres.stop();
    Thread.sleep(500);

    UUID su = load.serviceUsers.get(0);
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant t0 = Instant.now();
      Api.Response r = api.post("/service-users/" + su + "/community-contacts", contact(null));
      millis.add(Duration.between(t0, Instant.now()).toMillis());
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.text("code")).isEqualTo("DATABASE_UNAVAILABLE");
      assertThat(r.header("Retry-After")).isEqualTo("5");
    }
    Instant t0 = Instant.now();
    Api.Response health = api.as(null).get("/actuator/health");
    long healthMillis = Duration.between(t0, Instant.now()).toMillis();
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.text("status")).isEqualTo("DOWN");
    assertThat(api.as(null).get("/actuator/health/readiness").status()).isEqualTo(503);
    assertThat(api.as(null).get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(api.get("/service-users/" + su + "/timeline").status()).isEqualTo(503);
    assertThat(millis).as("ms per request during the outage").allMatch(ms -> ms < 2000);
    assertThat(healthMillis).isLessThan(2000);

    postgres.start();
    awaitWritable();
    assertThat(api.as(null).get("/actuator/health").text("status")).isEqualTo("UP");
    Thread.sleep(500);
    load.stop();
    assertThat(load.unexpected).as("answers other than 201 and 503").isEmpty();
    Map<UUID, Long> stored = storedContactIds(load.serviceUsers);
    for (UUID acked : load.acknowledged) {
      assertThat(stored.get(acked)).isEqualTo(1L);
    }
  }

  @Test
  void an_import_cut_off_by_the_database_says_failed_and_a_reimport_completes_it()
      throws Exception {
    java.io.StringWriter demo = new java.io.StringWriter();
    long lines = org.pathway.api.cli.DemoDataGenerator.generate(400, 31, demo);
    java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> first =
        java.net.http.HttpClient.newHttpClient()
            .sendAsync(
                importRequest(demo.toString()), java.net.http.HttpResponse.BodyHandlers.ofString());
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)
        && jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class) < 200) {
      Thread.sleep(20);
    }
    postgres.stop();
    java.net.http.HttpResponse<String> cut = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
    postgres.start();
    awaitWritable();
    assertThat(cut.statusCode()).isEqualTo(200);
    String[] results = cut.body().split("\n");
    com.fasterxml.jackson.databind.JsonNode summary =
        Api.JSON.readTree(results[results.length - 1]).get("summary");
    assertThat(summary.get("state").asText()).isEqualTo("FAILED");
    assertThat(summary.get("failure").asText()).contains("database");
    assertThat(summary.get("linesProcessed").asLong()).isGreaterThan(0).isLessThan(lines);
    assertThat(api.get("/imports/" + summary.get("importId").asText()).text("state"))
        .isEqualTo("FAILED");

    java.net.http.HttpResponse<String> again =
        java.net.http.HttpClient.newHttpClient()
            .send(
                importRequest(demo.toString()), java.net.http.HttpResponse.BodyHandlers.ofString());
    String[] second = again.body().split("\n");
    com.fasterxml.jackson.databind.JsonNode done =
        Api.JSON.readTree(second[second.length - 1]).get("summary");
    assertThat(done.get("state").asText()).isEqualTo("FINISHED");
    assertThat(done.get("rejected").asLong()).as(again.body()).isZero();
    assertThat(done.get("accepted").asLong() + done.get("duplicates").asLong()).isEqualTo(lines);
    assertThat(done.get("duplicates").asLong()).isGreaterThan(0);
  }

  private java.net.http.HttpRequest importRequest(String ndjson) {
    return java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/imports"))
        .header("Content-Type", "application/x-ndjson")
        .header("Authorization", RebuildIT.basic("clinician"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ndjson))
        .build();
  }

  /** Waits until a registration and a contact can be recorded again. */
  private void awaitWritable() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Api.Response r = api.post("/service-users", Api.registration());
      if (r.status() == 201
          && api.post(
                      "/service-users/" + r.id("serviceUserId") + "/community-contacts",
                      contact(null))
                  .status()
              == 201) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("writes did not recover");
  }

  private static Object contact(UUID factId) {
    return factId == null
        ? Api.attendedContact()
        : Api.json(
            "factId",
            factId.toString(),
            "occurredAt",
            "2025-03-30T10:00:00Z",
            "attended",
            true,
            "contactMedium",
            "02");
  }

  /** How often each contact id of these journeys is stored in the event store. */
  private Map<UUID, Long> storedContactIds(List<UUID> serviceUsers) {
    Map<UUID, Long> stored = new java.util.HashMap<>();
    for (UUID su : serviceUsers) {
      jdbc.query(
          "SELECT convert_from(payload, 'UTF8')::jsonb->>'factId', count(*) FROM domain_event_entry"
              + " WHERE aggregate_identifier = ? AND payload_type = 'pathway.CommunityContactRecorded'"
              + " GROUP BY 1",
          rs -> {
            stored.put(UUID.fromString(rs.getString(1)), rs.getLong(2));
          },
          su.toString());
    }
    return stored;
  }

  /** Writers each recording contacts with their own ids into one of a few journeys. */
  private final class Load {
    final List<UUID> serviceUsers = new ArrayList<>();
    final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Load(int writers) {
      for (int i = 0; i < 3; i++) {
        serviceUsers.add(register());
      }
      for (int w = 0; w < writers; w++) {
        UUID su = serviceUsers.get(w % serviceUsers.size());
        threads.add(
            new Thread(
                () -> {
                  Api client = new Api(port);
                  while (running.get()) {
                    UUID id = UUID.randomUUID();
                    Api.Response r;
                    try {
                      r = client.post("/service-users/" + su + "/community-contacts", contact(id));
                    } catch (RuntimeException e) {
                      unexpected.add(e.toString());
                      continue;
                    }
                    if (r.status() == 201) {
                      acknowledged.add(id);
                    } else if (r.status() != 503) {
                      unexpected.add(r.status() + " " + r.raw());
                    }
                  }
                },
                "writer-" + w));
      }
    }

    void start() {
      threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join();
      }
    }
  }
}
