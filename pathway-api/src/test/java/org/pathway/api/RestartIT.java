package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping Pathway and starting it again on the same data folder keeps every event and the
 * timeline.
 */
class RestartIT {

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(PathwayApplication.class)
        .run(
            "--server.port=0",
            "--pathway.embedded.port=0",
            "--pathway.embedded.data-dir=" + dataDir);
  }

  private static Api api(ConfigurableApplicationContext context) {
    return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
  }

  @Test
  void events_and_timeline_survive_a_restart() throws Exception {
    Path dataDir = Files.createTempDirectory("pathway-restart-");
    UUID su;
    JsonNode before;
    try (ConfigurableApplicationContext first = start(dataDir)) {
      Api api = api(first);
      Api.Response r =
          api.post(
              "/service-users",
              Api.json(
                  "nhsNumber",
                  Api.nhsNumber(),
                  "homeLocality",
                  "NORTH",
                  "occurredAt",
                  "2025-01-10T09:00:00Z"));
      assertThat(r.status()).isEqualTo(201);
      su = r.id("serviceUserId");
      api.post(
          "/service-users/" + su + "/community-contacts",
          Api.json("occurredAt", "2025-03-01T10:00:00Z", "attended", true, "contactMedium", "01"));
      before = api.get("/service-users/" + su + "/timeline").body();
      assertThat(before.get("facts")).hasSize(2);
    }
    try (ConfigurableApplicationContext second = start(dataDir)) {
      Api api = api(second);
      JsonNode after = api.get("/service-users/" + su + "/timeline").body();
      assertThat(after).isEqualTo(before);
      assertThat(api.get("/service-users/" + su).status()).isEqualTo(200);
      // and the journey goes on from where it was
      assertThat(
              api.post(
                      "/service-users/" + su + "/community-contacts",
                      Api.json(
                          "occurredAt",
                          "2025-03-02T10:00:00Z",
                          "attended",
                          false,
                          "contactMedium",
                          "02"),
                      "If-Match",
                      "\"1\"")
                  .status())
          .isEqualTo(201);
    }
  }

  @Test
  void a_port_in_use_gives_a_clear_message() throws Exception {
    Path dataDir = Files.createTempDirectory("pathway-port-");
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Throwable failure = null;
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(PathwayApplication.class)
              .run(
                  "--server.port=0",
                  "--pathway.embedded.port=" + taken.getLocalPort(),
                  "--pathway.embedded.data-dir=" + dataDir)) {
        // should not get here
      } catch (Exception e) {
        failure = e;
      }
      Throwable root = failure;
      while (root != null
          && !(root instanceof org.pathway.api.config.EmbeddedDatabaseStartupException)) {
        root = root.getCause();
      }
      assertThat(root).isNotNull();
      assertThat(root.getMessage())
          .contains("Port " + taken.getLocalPort())
          .contains("already in use");
      assertThat(((org.pathway.api.config.EmbeddedDatabaseStartupException) root).action())
          .contains("PATHWAY_DB_PORT");
    }
  }

  @Test
  void a_data_folder_in_use_gives_a_clear_message() throws Exception {
    Path dataDir = Files.createTempDirectory("pathway-locked-");
    try (ConfigurableApplicationContext first = start(dataDir)) {
      Throwable failure = null;
      try (ConfigurableApplicationContext second = start(dataDir)) {
        // should not get here
      } catch (Exception e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      Throwable root = failure;
      while (root.getCause() != null
          && !(root instanceof org.pathway.api.config.EmbeddedDatabaseStartupException)) {
        root = root.getCause();
      }
      assertThat(root).isInstanceOf(org.pathway.api.config.EmbeddedDatabaseStartupException.class);
      assertThat(root.getMessage()).contains("is in use by another PostgreSQL");
    }
  }
}
