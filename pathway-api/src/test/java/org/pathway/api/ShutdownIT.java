package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutting down under load, as SIGTERM does (the context closes): requests in flight finish, the
 * web server stops taking new ones, the processors and the sealer stop, and only then the embedded
 * database — with no error logged on the way, and the database process gone at the end. A request
 * whose body the closing server could not read in full is a 503 saying so, never a 400.
 */
class ShutdownIT {

  @Test
  void closing_under_load_stops_everything_in_order_without_an_error() throws Exception {
    Path data = Files.createTempDirectory("pathway-shutdown-");
    ConfigurableApplicationContext app =
        SpringApplication.run(
            org.pathway.api.PathwayApplication.class,
            "--server.port=0",
            "--pathway.embedded.port=0",
            "--pathway.embedded.data-dir=" + data);
    int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
    long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0));
    Api api = new Api(port);
    UUID su = api.post("/service-users", Api.registration()).id("serviceUserId");

    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      Thread t =
          new Thread(
              () -> {
                Api client = new Api(port);
                while (running.get()) {
                  try {
                    Api.Response answer =
                        client.post(
                            "/service-users/" + su + "/community-contacts", Api.attendedContact());
                    if (answer.status() == 503
                        && answer.body() != null
                        && "SHUTTING_DOWN".equals(answer.text("code"))
                        && "1".equals(answer.header("Retry-After"))) {
                      return; // a body cut by the closing server: said so, nothing stored
                    }
                    statuses.add(answer.status());
                    if (answer.status() != 201) {
                      refusals.add(answer.status() + " " + answer.raw());
                    }
                  } catch (IllegalStateException refused) {
                    return; // the server no longer accepts connections
                  }
                }
              });
      writers.add(t);
      t.start();
    }
    Thread.sleep(1500);
    try {
      app.close();
    } finally {
      running.set(false);
      for (Thread t : writers) {
        t.join();
      }
      root.detachAppender(log);
    }

    List<String> errors =
        log.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
            .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
            .toList();
    assertThat(errors).as("errors logged while shutting down").isEmpty();
    assertThat(refusals).as("refused during the shutdown").isEmpty();
    assertThat(statuses).as("answers during the shutdown").isNotEmpty().allMatch(s -> s == 201);
    ProcessHandle.of(postmaster)
        .ifPresent(
            h -> h.onExit().completeOnTimeout(h, 10, java.util.concurrent.TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
        .as("embedded PostgreSQL stopped")
        .isFalse();
    List<String> order =
        log.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .filter(
                m ->
                    m.contains("Graceful shutdown complete")
                        || m.contains("Shutdown state set for Processor")
                        || m.contains("shut down postmaster"))
            .toList();
    assertThat(order).hasSize(3);
    assertThat(order.get(0)).contains("Graceful shutdown complete");
    assertThat(order.get(2)).contains("shut down postmaster");
  }
}
