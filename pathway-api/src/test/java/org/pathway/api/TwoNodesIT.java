package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathway.projections.history.JourneyHistoryProjection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two API nodes on one PostgreSQL, as a trust that outgrows one node runs them behind a load
 * balancer: node A starts the embedded database, node B is pointed at it as an external one. Writes
 * go to both, to the same journeys too; nothing acknowledged is lost or stored twice, conflicts are
 * 409 and 412 whichever node saw what first, each node's journey cache stays correct, and the
 * projections and the sealer run once for the cluster.
 */
class TwoNodesIT {
  private static ConfigurableApplicationContext nodeA;
  private static ConfigurableApplicationContext nodeB;
  private static Api a;
  private static Api b;
  private static JdbcTemplate jdbc;

  /** Every node of a cluster uses the same key, so an analyst sees the same pseudonyms. */
  private static final String PSEUDONYM_KEY = "two-nodes-test-key-" + UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    nodeA =
        Nodes.embedded(
            "pathway-two-nodes-",
            "--pathway.pseudonym.key=" + PSEUDONYM_KEY,
            "--pathway.node-id=node-a",
            "--pathway.processors.segments=2");
    String url;
    try (java.sql.Connection c = nodeA.getBean(javax.sql.DataSource.class).getConnection()) {
      url = c.getMetaData().getURL();
    }
    List<String> b = new ArrayList<>();
    b.addAll(
        List.of(
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--pathway.pseudonym.key=" + PSEUDONYM_KEY,
            "--pathway.node-id=node-b",
            "--pathway.processors.segments=2",
            "--logging.level.root=WARN"));
    // an external database has no demo logins: the same users, configured
    String[] users = {"clinician:CLINICIAN", "auditor:AUDITOR", "admin:ADMIN"};
    for (int i = 0; i < users.length; i++) {
      String[] u = users[i].split(":");
      b.add("--pathway.security.users[" + i + "].name=" + u[0]);
      b.add("--pathway.security.users[" + i + "].password={noop}" + u[0] + "-demo");
      b.add("--pathway.security.users[" + i + "].role=" + u[1]);
    }
    nodeB = new SpringApplicationBuilder(PathwayApplication.class).run(b.toArray(String[]::new));
    TwoNodesIT.a = new Api(port(nodeA));
    TwoNodesIT.b = new Api(port(nodeB));
    jdbc = nodeA.getBean(JdbcTemplate.class);
  }

  private static int port(ConfigurableApplicationContext node) {
    return ((WebServerApplicationContext) node).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
  }

  private static UUID register(Api node) {
    Api.Response r = node.post("/service-users", Api.registration());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.id("serviceUserId");
  }

  private static UUID referral(Api node, UUID su) {
    Api.Response r =
        node.post(
            "/service-users/" + su + "/referrals",
            Api.json(
                "occurredAt", "2025-01-02T10:00:00Z",
                "sourceOfReferral", "A1",
                "teamTypeReferredTo", "A02",
                "priority", "URGENT"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.id("factId");
  }

  private static Api.Response admit(Api node, UUID su, UUID ref, String from, String to) {
    return node.post(
        "/service-users/" + su + "/spells",
        Api.json(
            "occurredAt",
            from,
            "referralId",
            ref.toString(),
            "admissionMethod",
            "21",
            "admissionSource",
            "19",
            "legalStatus",
            "01",
            "placement",
            Api.placement("OAK", false, null, 4),
            "discharge",
            Api.json(
                "occurredAt", to,
                "dischargeMethod", "1",
                "dischargeDestination", "19")));
  }

  private static Api.Response contact(Api node, UUID su, int day, String... headers) {
    return node.post(
        "/service-users/" + su + "/community-contacts",
        Api.json(
            "occurredAt",
            java.time.Instant.parse("2025-03-01T10:00:00Z").plusSeconds(day * 3600L).toString(),
            "attended",
            true,
            "contactMedium",
            "02"),
        headers);
  }

  @Test
  void writes_to_both_nodes_are_all_kept_once_including_to_the_same_journeys() throws Exception {
    UUID shared = register(a);
    long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    long beforeHead =
        jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger hour = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Api node = t % 2 == 0 ? a : b;
      Api other = t % 2 == 0 ? b : a;
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 25; i++) {
                  // the shared journey, through alternating nodes: every one must land
                  Api.Response r =
                      contact(i % 2 == 0 ? node : other, shared, hour.incrementAndGet());
                  assertThat(r.status()).as(r.toString()).isEqualTo(201);
                  acknowledged.add(r.id("factId"));
                  // and a journey of its own, registered on one node, continued on the other
                  if (i % 5 == 0) {
                    UUID own = register(node);
                    Api.Response c = contact(other, own, 1);
                    assertThat(c.status()).as(c.toString()).isEqualTo(201);
                    acknowledged.add(c.id("factId"));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    long after = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    // 200 contacts on the shared journey, 40 registrations and 40 contacts on their own journeys
    assertThat(after - before).isEqualTo(280);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                shared.toString()))
        .isEqualTo(201);
    // every acknowledged contact is in the store exactly once
    List<String> storedFacts =
        jdbc.queryForList(
            "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'factId' FROM domain_event_entry"
                + " WHERE global_index > ?",
            String.class,
            beforeHead);
    assertThat(storedFacts)
        .hasSize(280)
        .doesNotHaveDuplicates()
        .containsAll(acknowledged.stream().map(UUID::toString).toList());
    assertThat(acknowledged).hasSize(240);
    // the journey's sequence has no holes: 0..200
    assertThat(
            jdbc.queryForObject(
                "SELECT max(sequence_number) - min(sequence_number) + 1 - count(*) FROM"
                    + " domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                shared.toString()))
        .isZero();
    // both nodes answer the same journey version
    Api.Response viaA = a.get("/service-users/" + shared);
    Api.Response viaB = b.get("/service-users/" + shared);
    assertThat(viaA.text("version")).isEqualTo("200").isEqualTo(viaB.text("version"));
  }

  @Test
  void conflicts_are_judged_on_the_journey_as_stored_whichever_node_cached_it() {
    UUID su = register(a);
    UUID ref = referral(b, su); // node B now holds the journey in its cache
    Api.Response first = admit(a, su, ref, "2025-02-01T10:00:00Z", "2025-02-10T10:00:00Z");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);

    // B's cached journey does not have A's spell: an overlapping one is still refused
    Api.Response overlapping = admit(b, su, ref, "2025-02-05T10:00:00Z", "2025-02-12T10:00:00Z");
    assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(409);
    assertThat(overlapping.text("code")).isEqualTo("SPELLS_OVERLAP");

    // If-Match with the version A answered, sent to B: accepted (B is not behind)
    String version = first.header("ETag");
    Api.Response matched = contact(b, su, 1, "If-Match", version);
    assertThat(matched.status()).as(matched.toString()).isEqualTo(201);
    // the same version again, now stale, sent to A: 412
    Api.Response stale = contact(a, su, 2, "If-Match", version);
    assertThat(stale.status()).as(stale.toString()).isEqualTo(412);

    // A moves the discharge earlier; B (which cached the journey with the old dates) must not
    // refuse a spell that no longer overlaps
    UUID discharge = first.id("endFactId");
    Api.Response corrected =
        a.post(
            "/service-users/" + su + "/facts/" + discharge + "/corrections",
            Api.json(
                "occurredAt",
                "2025-03-01T10:00:00Z",
                "changes",
                Map.of("occurredAt", "2025-02-04T10:00:00Z"),
                "reason",
                "discharged earlier than entered"));
    assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
    Api.Response again = admit(b, su, ref, "2025-02-05T10:00:00Z", "2025-02-12T10:00:00Z");
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
  }

  @Test
  void one_idempotency_key_sent_to_both_nodes_is_one_fact() {
    UUID su = register(a);
    String key = "two-nodes-" + UUID.randomUUID();
    Api.Response first = contact(a, su, 3, "Idempotency-Key", key);
    Api.Response second = contact(b, su, 3, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.text("factId")).isEqualTo(first.text("factId"));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                su.toString()))
        .isEqualTo(2);
  }

  @Test
  void projections_and_the_sealer_run_once_for_the_cluster() throws Exception {
    UUID su = register(b);
    contact(a, su, 4);
    long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline
        && (jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM event_seal", Long.class)
                < head
            || jdbc.queryForObject(
                    "SELECT count(*) FROM fact_version WHERE service_user_id = ?", Long.class, su)
                < 2)) {
      Thread.sleep(50);
    }
    // each processor's one segment is owned by one node
    List<Map<String, Object>> tokens =
        jdbc.queryForList("SELECT processor_name, segment, owner FROM token_entry");
    assertThat(tokens).isNotEmpty();
    assertThat(tokens.stream().map(t -> t.get("processor_name") + "/" + t.get("segment")))
        .doesNotHaveDuplicates();
    // every event sealed once, the chain intact; every fact projected once
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) - count(DISTINCT global_index) FROM event_seal", Long.class))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry e WHERE NOT EXISTS"
                    + " (SELECT 1 FROM event_seal s WHERE s.global_index = e.global_index)"
                    + " AND e.global_index <= ?",
                Long.class,
                head))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM (SELECT fact_id, version_no FROM fact_version"
                    + " GROUP BY fact_id, version_no HAVING count(*) > 1) d",
                Long.class))
        .isZero();
    Api.Response verification = b.as("auditor").post("/audit/chain/verification", Api.json());
    assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
    assertThat(verification.body().get("intact").asBoolean()).isTrue();
  }

  private static TrackingEventProcessor history(ConfigurableApplicationContext node) {
    return node.getBean(EventProcessingConfiguration.class)
        .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
        .orElseThrow();
  }

  private static void awaitFactVersion(UUID fact, int version) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (jdbc.queryForObject(
            "SELECT count(*) FROM fact_version WHERE fact_id = ? AND version_no = ?",
            Long.class,
            fact,
            version)
        == 0) {
      assertThat(System.nanoTime())
          .as("fact %s version %d projected", fact, version)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Waits until the spell's current version has that discharge date (null: not discharged). */
  private static void awaitSpell(UUID spell, String dischargedOn) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      List<String> current =
          jdbc.queryForList(
              "SELECT coalesce(discharged_on::text, 'open') FROM spell_version WHERE spell_id = ?"
                  + " AND recorded_to IS NULL",
              String.class,
              spell);
      if (current.equals(List.of(dischargedOn == null ? "open" : dischargedOn))) {
        return;
      }
      assertThat(System.nanoTime())
          .as("spell %s discharged on %s; now %s", spell, dischargedOn, current)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /**
   * The read-model processor moves from node to node (a node stops, another takes its claim): what
   * a node kept in memory of a journey while it held the claim must not outlive it.
   */
  @Test
  void the_projection_moving_between_nodes_forgets_what_it_kept() throws Exception {
    try {
      history(nodeB).shutDown(); // node A projects
      UUID su = register(a);
      UUID ref = referral(a, su);
      Api.Response spell = admit(a, su, ref, "2025-04-01T10:00:00Z", "2025-04-09T10:00:00Z");
      assertThat(spell.status()).as(spell.toString()).isEqualTo(201);
      UUID discharge = spell.id("endFactId");
      awaitFactVersion(discharge, 1);

      history(nodeA).shutDown(); // node B takes over and projects a void of the discharge
      history(nodeB).start();
      Api.Response voided =
          b.post(
              "/service-users/" + su + "/facts/" + discharge + "/entered-in-error",
              Api.json("occurredAt", "2025-05-01T10:00:00Z", "reason", "wrong spell"));
      assertThat(voided.status()).as(voided.toString()).isEqualTo(201);
      awaitSpell(spell.id("factId"), null);

      history(nodeB).shutDown(); // and node A again: it must know the discharge was voided
      history(nodeA).start();
      Api.Response again =
          a.post(
              "/service-users/" + su + "/spells/" + spell.id("factId") + "/discharge",
              Api.json(
                  "occurredAt", "2025-04-07T10:00:00Z",
                  "dischargeMethod", "1",
                  "dischargeDestination", "19"));
      assertThat(again.status()).as(again.toString()).isEqualTo(201);
      awaitSpell(spell.id("factId"), "2025-04-07");
    } finally {
      history(nodeA).start();
      history(nodeB).start();
    }
  }

  private static List<String> readModelRows() {
    List<String> rows = new ArrayList<>();
    for (String table :
        List.of("fact_version", "spell_version", "placement_version", "data_quality_question")) {
      rows.addAll(
          jdbc.queryForList(
              "SELECT '" + table + " ' || row_to_json(t)::text FROM " + table + " t ORDER BY 1",
              String.class));
    }
    return rows;
  }

  private static long head() {
    return jdbc.queryForObject(
        "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
  }

  /** Whether every segment's token, whoever holds it, is at or past the event. */
  private static boolean projectedTo(long head) {
    return jdbc
        .queryForList(
            "SELECT token FROM token_entry WHERE processor_name = 'journey-history'", byte[].class)
        .stream()
        .allMatch(
            t -> {
              if (t == null) {
                return false;
              }
              try {
                com.fasterxml.jackson.databind.JsonNode token = Api.JSON.readTree(t);
                // a replay's token holds the position it has reached as its current token
                long at =
                    token.has("index")
                        ? token.get("index").asLong()
                        : token.path("currentToken").path("index").asLong(-1);
                return at >= head;
              } catch (java.io.IOException e) {
                return false;
              }
            });
  }

  private static void awaitProjected() throws InterruptedException {
    long head = head();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!projectedTo(head)) {
      assertThat(System.nanoTime()).as("projected to " + head).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /**
   * The segments of the read-model processor are shared out, one node each; a rebuild asked of one
   * node is run once for the cluster while both serve and take writes, reported by both, and ends
   * in the rows an event-by-event replay gives.
   */
  @Test
  void segments_are_shared_out_and_a_rebuild_asked_of_one_node_is_obeyed_by_both()
      throws Exception {
    long deadline = System.nanoTime() + 90_000_000_000L;
    List<String> owners = List.of();
    while (System.nanoTime() < deadline) {
      owners =
          jdbc.queryForList(
              "SELECT coalesce(owner, '-') FROM token_entry WHERE processor_name = 'journey-history'"
                  + " ORDER BY owner",
              String.class);
      if (owners.equals(List.of("node-a", "node-b"))) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(owners).as("one segment each").containsExactly("node-a", "node-b");
    for (int i = 0; i < 6; i++) {
      Api node = i % 2 == 0 ? a : b;
      UUID su = register(node);
      assertThat(contact(node, su, 3 + i).status()).isEqualTo(201);
    }
    awaitProjected();

    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger written =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              while (writing.get()) {
                Api node = written.get() % 2 == 0 ? b : a;
                UUID su = register(node);
                contact(node, su, 5);
                written.incrementAndGet();
              }
            });
    writer.start();
    Api.Response started = a.as("admin").send("POST", "/admin/rebuilds", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(b.as("admin").send("POST", "/admin/rebuilds", "").status()).isIn(409, 202);
    Api.Response status = b.as("admin").get("/admin/rebuilds");
    deadline = System.nanoTime() + 120_000_000_000L;
    while (!"SWITCHED".equals(status.text("phase")) && System.nanoTime() < deadline) {
      assertThat(status.text("phase")).as(status.toString()).isNotEqualTo("FAILED");
      Thread.sleep(50);
      status = b.as("admin").get("/admin/rebuilds");
    }
    int atSwitch = written.get();
    while (written.get() < atSwitch + 4) {
      Thread.sleep(20);
    }
    writing.set(false);
    writer.join();
    assertThat(status.text("phase")).as(status.toString()).isEqualTo("SWITCHED");
    assertThat(status.text("node")).isIn("node-a", "node-b");
    assertThat(a.as("admin").get("/admin/rebuilds").text("state")).isEqualTo("CURRENT");
    awaitProjected();
    List<String> rebuilt = readModelRows();

    // the reference: both processors stopped, one replays every event through the projection
    history(nodeA).shutDown();
    history(nodeB).shutDown();
    try {
      history(nodeA).resetTokens();
      history(nodeA).start();
      awaitProjected();
      assertThat(readModelRows()).containsExactlyElementsOf(rebuilt);
    } finally {
      history(nodeA).start();
      history(nodeB).start();
    }
  }
}
