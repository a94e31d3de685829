package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rebuild started through the API while the service serves, with progress in the API and in
 * Actuator health.
 */
class RebuildApiIT extends ApiTestBase {

  @Test
  void an_admin_rebuilds_the_read_models_and_watches_progress() throws Exception {
    UUID[] ids = registerWithReferral();
    admit(ids[0], ids[1], "2025-03-02T10:00:00Z");
    awaitProjection();
    Api admin = api.as("admin");
    Api.Response started = admin.send("POST", "/admin/rebuilds?readModel=journey-history", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(started.body().get("eventsTotal").asLong()).isPositive();
    // a second request at once is refused, even before the first one's thread has begun: two
    // rebuilds queued one after the other would leave the second one's tables behind the first
    // one's switch
    Api.Response again = admin.send("POST", "/admin/rebuilds", "");
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.text("code")).isEqualTo("REBUILD_RUNNING");
    assertThat(admin.send("POST", "/admin/rebuilds?readModel=colours", "").text("field"))
        .isEqualTo("readModel");

    // the service keeps answering meanwhile, and says whether its read models are current
    Api.Response during = api.as("analyst").get("/metrics/bed-days?from=2025-03-01&to=2025-03-31");
    assertThat(during.status()).isEqualTo(200);
    assertThat(during.text("readModelState")).isIn("REBUILDING", "CURRENT");

    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Api.Response status = admin.get("/admin/rebuilds");
    while (!"CURRENT".equals(status.text("state")) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = admin.get("/admin/rebuilds");
    }
    assertThat(status.text("state")).isEqualTo("CURRENT");
    assertThat(status.body().get("eventsProcessed").asLong())
        .isEqualTo(status.body().get("eventsTotal").asLong());
    assertThat(status.text("startedBy")).isEqualTo("admin");
    Api.Response health = admin.get("/actuator/health");
    assertThat(health.body().at("/components/readModels/details/state").asText())
        .isEqualTo("CURRENT");
    assertThat(
            api.as("analyst")
                .get("/metrics/bed-days?from=2025-03-01&to=2025-03-31")
                .text("readModelState"))
        .isEqualTo("CURRENT");
  }
}
