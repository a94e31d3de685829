package org.pathway.api.bench;

import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.pathway.api.Api;
import org.pathway.api.PathwayApplication;
import org.pathway.api.cli.Cli;
import org.pathway.api.cli.DemoDataGenerator;
import org.pathway.projections.history.JourneyHistoryProjection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The metrics at scale: generates the demo population (default 120,000 people, about 1 million
 * commands), imports it over HTTP, then prints import events/s, how long the read models take to
 * catch up, a full rebuild's events/s, and the p50/p99 latency of every metric query over a
 * 12-month period. Run with {@code ./bench.sh scale [people]}.
 */
public final class ScaleBenchmark {
  public static void main(String[] args) throws Exception {
    run(args);
    // the run printed its figures and then did not end (issue 10): a non-daemon thread stays
    // behind after the application has closed; which one was not looked into
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 120_000;
    // with a second argument, reuse the data folder of an earlier run and time only the queries
    boolean reuse = args.length > 1;
    Path dataDir = reuse ? Path.of(args[1]) : Files.createTempDirectory("pathway-scale-");
    Path file = Files.createTempFile("pathway-demo-", ".ndjson");
    long lines = 0;
    if (!reuse) {
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        lines = DemoDataGenerator.generate(people, 42, w);
      }
    }
    System.out.printf(
        "Scale benchmark: %d people, %d commands, %d cores, data in %s%n",
        people, lines, Runtime.getRuntime().availableProcessors(), dataDir);
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(PathwayApplication.class)
            .run(
                "--server.port=0",
                "--pathway.embedded.port=0",
                "--pathway.embedded.data-dir=" + dataDir,
                "--logging.level.root=WARN")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      TrackingEventProcessor processor =
          app.getBean(EventProcessingConfiguration.class)
              .eventProcessor(
                  JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
              .orElseThrow();

      if (reuse) {
        long head =
            jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        awaitPosition(processor, head);
        System.out.printf(
            "Reusing %d events in %s%n",
            jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class), dataDir);
        queries(jdbc, port, head);
        return;
      }
      long t0 = System.nanoTime();
      Cli.run(
          new String[] {
            "import", file.toString(), "--url", "http://127.0.0.1:" + port, "--user", "clinician"
          },
          new PrintStream(PrintStream.nullOutputStream()),
          new PrintStream(PrintStream.nullOutputStream()));
      double importSeconds = (System.nanoTime() - t0) / 1e9;
      long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
      System.out.printf(
          Locale.ROOT,
          "Import: %d events from %d lines in %.0f s = %.0f events/s%n",
          events,
          lines,
          importSeconds,
          events / importSeconds);
      long head =
          jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
      long t1 = System.nanoTime();
      awaitPosition(processor, head);
      System.out.printf(
          Locale.ROOT,
          "Read models caught up %.1f s after the import ended%n",
          (System.nanoTime() - t1) / 1e9);

      processor.shutDown();
      processor.resetTokens();
      long t2 = System.nanoTime();
      processor.start();
      awaitPosition(processor, head);
      double rebuild = (System.nanoTime() - t2) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "Rebuild: %d events in %.0f s = %.0f events/s (fact, spell, placement versions)%n",
          events,
          rebuild,
          events / rebuild);
      System.out.printf(
          "Rows: %d fact versions, %d spell versions, %d placement versions%n",
          jdbc.queryForObject("SELECT count(*) FROM fact_version", Long.class),
          jdbc.queryForObject("SELECT count(*) FROM spell_version", Long.class),
          jdbc.queryForObject("SELECT count(*) FROM placement_version", Long.class));

      queries(jdbc, port, head);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void queries(JdbcTemplate jdbc, int port, long head) {
    {
      // every metric family over 12 months, 3 warm-up and 20 timed requests each
      Api api = new Api(port, "analyst");
      String asAt =
          jdbc.queryForObject(
              "SELECT time_stamp FROM domain_event_entry WHERE global_index = ?",
              String.class,
              head / 2);
      List<String> queries = new ArrayList<>();
      api.get("/metrics").body().forEach(f -> queries.add(f.get("metric").asText()));
      queries.add("length-of-stay?by=setting");
      queries.add("length-of-stay?asAt=" + asAt);
      for (String q : queries) {
        String url =
            "/metrics/" + q + (q.contains("?") ? "&" : "?") + "from=2025-01-01&to=2025-12-31";
        Histogram h = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        for (int i = 0; i < 23; i++) {
          long s = System.nanoTime();
          Api.Response r = api.get(url);
          if (r.status() != 200) {
            throw new IllegalStateException(url + " -> " + r);
          }
          if (i >= 3) {
            h.recordValue(System.nanoTime() - s);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "Query %-45s p50 %6.0f ms  p99 %6.0f ms%n",
            q.replaceAll("asAt=.*", "asAt=<mid-import>"),
            h.getValueAtPercentile(50) / 1e6,
            h.getValueAtPercentile(99) / 1e6);
      }
      System.gc();
      Runtime rt = Runtime.getRuntime();
      System.out.printf(
          Locale.ROOT,
          "Memory: heap used after GC %.0f MiB%n",
          (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }
  }

  private static void awaitPosition(TrackingEventProcessor processor, long head)
      throws InterruptedException {
    while (processor.processingStatus().values().stream()
        .noneMatch(s -> s.getCurrentPosition().orElse(-1) >= head)) {
      Thread.sleep(100);
    }
  }

  private ScaleBenchmark() {}
}
