package org.pathway.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.pathway.testidp.TestIdentityProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every API test runs the real application over real HTTP against the embedded PostgreSQL, in a
 * fresh data folder per test JVM. Test classes share one application context (and one database), so
 * each test registers its own service users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {
  private static final Path DATA_DIR = createDataDir();

  @LocalServerPort int port;
  @Autowired protected JdbcTemplate jdbc;
  protected Api api;

  /** The tests' bearer token for /actuator/prometheus (MonitoringIT). */
  protected static final String SCRAPE_TOKEN = "scrape-" + UUID.randomUUID();

  /** The tests' identity provider: JWTs signed with this key are accepted (see JwtIT). */
  protected static final java.security.KeyPair IDP_KEY = rsaKeyPair();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("pathway.embedded.data-dir", DATA_DIR::toString);
    registry.add("pathway.embedded.port", () -> "0");
    registry.add(
        "pathway.security.jwt.public-key",
        () ->
            "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(IDP_KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----");
    registry.add("pathway.security.jwt.role-claim", () -> "pathway_roles");
    // the pages also sign in through a real OpenID provider (DashboardBrowserIT)
    registry.add("pathway.security.oidc.issuer-uri", TestIdentityProvider::issuer);
    registry.add("pathway.security.oidc.client-id", () -> TestIdentityProvider.CLIENT_ID);
    registry.add("pathway.security.oidc.client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
    registry.add("pathway.security.oidc.name", () -> "the test identity provider");
    registry.add("pathway.security.scrape-token", () -> SCRAPE_TOKEN);
    // Spring Boot's tests turn metrics export off; /actuator/prometheus is under test
    // (MonitoringIT)
    registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    // MonitoringIT holds the processor back by more than this
    registry.add("pathway.monitoring.max-processor-lag", () -> "2000");
    // a rebuild's workers write their partial cell sums many times over (in production seldom),
    // so that BulkRebuildIT compares the cells added up from many parts with a replay's
    registry.add("pathway.rebuild.max-cells", () -> "500");
  }

  private static java.security.KeyPair rsaKeyPair() {
    try {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("pathway-it-");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @org.junit.jupiter.api.BeforeEach
  void client() {
    api = new Api(port);
  }

  /** Registers a service user and records a referral; returns (serviceUserId, referralId). */
  protected UUID[] registerWithReferral() {
    UUID su = register();
    Api.Response ref =
        api.post(
            "/service-users/" + su + "/referrals",
            Api.json(
                "occurredAt", "2025-03-01T10:00:00Z",
                "sourceOfReferral", "A1",
                "teamTypeReferredTo", "A02",
                "priority", "URGENT",
                "primaryReason", "18"));
    return new UUID[] {su, ref.id("factId")};
  }

  protected UUID register() {
    Api.Response r = api.post("/service-users", Api.registration());
    if (r.status() != 201) {
      throw new IllegalStateException("registration failed: " + r);
    }
    return r.id("serviceUserId");
  }

  protected UUID admit(UUID su, UUID referral, String when) {
    Api.Response r = api.post("/service-users/" + su + "/spells", admission(referral, when));
    if (r.status() != 201) {
      throw new IllegalStateException("admission failed: " + r);
    }
    return r.id("factId");
  }

  /** Corrects named fields of a fact; returns the answer. */
  protected Api.Response correct(
      UUID su, UUID factId, Map<String, String> changes, String noticedAt) {
    return api.post(
        "/service-users/" + su + "/facts/" + factId + "/corrections",
        Api.json("occurredAt", noticedAt, "changes", changes, "reason", "typo"));
  }

  /** The ids of {@link #fullJourney}. */
  protected record Journey(
      UUID serviceUser, UUID referral, UUID spell, UUID placement, UUID contact) {}

  /**
   * One journey of each kind of fact: a referral; an admission on 5 March 2025 to an out-of-area
   * ward (reason 10, 80 km); clinically ready for discharge from 20 March (reason 14, attributable
   * to 06); discharged on 28 March (method 1, destination 29); a step-down placement from that
   * spell; an attended contact on 30 March.
   */
  protected Journey fullJourney() {
    UUID[] suRef = registerWithReferral();
    UUID su = suRef[0];
    String base = "/service-users/" + su;
    UUID spell =
        api.post(
                base + "/spells",
                admission(suRef[1], "2025-03-05T10:00:00Z", Api.placement("FAR-1", true, "10", 80)))
            .id("factId");
    Api.Response delay =
        api.post(
            base + "/spells/" + spell + "/delays",
            Api.json(
                "occurredAt", "2025-03-20T12:00:00Z", "delayReason", "14", "attributableTo", "06"));
    Api.Response discharge =
        api.post(
            base + "/spells/" + spell + "/discharge",
            Api.json(
                "occurredAt",
                "2025-03-28T11:00:00Z",
                "dischargeMethod",
                "1",
                "dischargeDestination",
                "29"));
    if (delay.status() != 201 || discharge.status() != 201) {
      throw new IllegalStateException("journey not recorded: " + delay + " " + discharge);
    }
    UUID placement =
        api.post(
                base + "/step-down-placements",
                Api.json(
                    "occurredAt", "2025-03-28T15:00:00Z",
                    "scheme", "STEP-1",
                    "provider", "HOUSING-A",
                    "dischargeSpellId", spell.toString()))
            .id("factId");
    UUID contact = contact(su, "2025-03-30T10:00:00Z", "01");
    return new Journey(su, suRef[1], spell, placement, contact);
  }

  /** Records an attended community contact; returns its fact id. */
  protected UUID contact(UUID su, String when, String medium) {
    return api.post(
            "/service-users/" + su + "/community-contacts",
            Api.json("occurredAt", when, "attended", true, "contactMedium", medium))
        .id("factId");
  }

  /** Marks a fact entered in error; returns the answer. */
  protected Api.Response enteredInError(UUID su, UUID factId, String noticedAt) {
    return api.post(
        "/service-users/" + su + "/facts/" + factId + "/entered-in-error",
        Api.json("occurredAt", noticedAt, "reason", "wrong person"));
  }

  protected static Object admission(UUID referral, String when) {
    return admission(referral, when, Api.placement("OAK", false, null, 4));
  }

  /** An emergency admission of an informal patient to the given ward. */
  protected static Object admission(UUID referral, String when, Object placement) {
    return Api.json(
        "occurredAt",
        when,
        "referralId",
        referral.toString(),
        "admissionMethod",
        "21",
        "admissionSource",
        "19",
        "legalStatus",
        "01",
        "placement",
        placement);
  }

  @Autowired protected org.axonframework.config.EventProcessingConfiguration processing;

  /** Imports a demo population over HTTP as the clinician, and waits for the read models. */
  protected void importDemo(int people, long seed) throws Exception {
    java.io.StringWriter demo = new java.io.StringWriter();
    org.pathway.api.cli.DemoDataGenerator.generate(people, seed, demo);
    Api.Response imported =
        api.as("clinician")
            .send("POST", "/imports", demo.toString(), "Content-Type", "application/x-ndjson");
    org.assertj.core.api.Assertions.assertThat(imported.status())
        .as(imported.toString())
        .isEqualTo(200);
    awaitProjection();
  }

  /**
   * Imports a demo population as a migration from "legacy" (each line with the source's recorded
   * time, {@link MigratedDemo}) and waits for the read models.
   */
  protected void importMigratedDemo(int people, long seed) throws Exception {
    java.io.StringWriter demo = new java.io.StringWriter();
    org.pathway.api.cli.DemoDataGenerator.generate(people, seed, demo);
    Api.Response imported =
        api.as("admin")
            .send(
                "POST",
                "/imports/migrations?source=legacy",
                MigratedDemo.of(demo.toString(), new java.util.Random(seed)),
                "Content-Type",
                "application/x-ndjson");
    org.assertj.core.api.Assertions.assertThat(imported.status())
        .as(imported.toString())
        .isEqualTo(200);
    awaitProjection();
  }

  /** Waits until the journey-history read model has processed every stored event. */
  protected void awaitProjection() {
    long head =
        jdbc.queryForObject(
            "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
    var processor =
        processing
            .eventProcessor(
                org.pathway.projections.history.JourneyHistoryProjection.PROCESSING_GROUP,
                org.axonframework.eventhandling.TrackingEventProcessor.class)
            .orElseThrow();
    try {
      Processors.await(processor, jdbc, head, java.time.Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  protected long eventCount(UUID serviceUser) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
        Long.class,
        serviceUser.toString());
  }

  /**
   * A digest of every stored event (ids, positions, payloads and metadata): equal before and after
   * means nothing was appended, changed or removed.
   */
  protected String storeFingerprint() {
    return jdbc.queryForObject(
        "SELECT count(*) || ':' || coalesce(md5(string_agg(event_identifier || '/' || sequence_number"
            + " || '/' || encode(payload, 'hex') || '/' || encode(meta_data, 'hex'), ','"
            + " ORDER BY global_index)), '') FROM domain_event_entry",
        String.class);
  }
}
