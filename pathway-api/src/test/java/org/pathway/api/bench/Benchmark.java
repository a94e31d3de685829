package org.pathway.api.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.HdrHistogram.ConcurrentHistogram;
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
 * Measures Pathway on this machine (a benchmark, not a timed test): (1) the real HTTP API driven by
 * 1 and 8 concurrent clients for a fixed time, printing commands/s and p50/p99/max latency; (2) how
 * fast a fresh event processor replays every stored event into the journey-history read model
 * (events/s). It starts the real application with its embedded PostgreSQL in a fresh data folder.
 * Run with {@code ./bench.sh [seconds]}.
 */
public final class Benchmark {
  private static final Instant BASE = Instant.parse("2024-06-03T10:00:00Z");

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int importPeople = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    Path dataDir = Files.createTempDirectory("pathway-bench-");
    System.out.printf(
        "Pathway benchmark: %d s per phase, import of %d people, %d cores, max heap %d MiB, data in"
            + " %s%n",
        seconds,
        importPeople,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        dataDir);
    Path importFile = Files.createTempFile("pathway-bench-import-", ".ndjson");
    long importLines;
    try (java.io.Writer w = Files.newBufferedWriter(importFile)) {
      importLines = DemoDataGenerator.generate(importPeople, 7, w);
    }
    List<String> summary = new ArrayList<>();
    long startedAt = System.nanoTime();
    try (ConfigurableApplicationContext app = start(dataDir)) {
      double firstStart = (System.nanoTime() - startedAt) / 1e9;
      RawPostgres raw = new RawPostgres(app.getBean(DataSource.class));
      raw.create();
      RawPostgres.Figure[] single = new RawPostgres.Figure[2];
      RawPostgres.Figure[] batched = new RawPostgres.Figure[2];
      int[] clientCounts = {1, 8};
      for (int i = 0; i < 2; i++) {
        single[i] = raw.singleAppends(clientCounts[i], seconds);
        System.out.println(single[i].describe());
      }
      for (int i = 0; i < 2; i++) {
        batched[i] = raw.batchedAppends(clientCounts[i], seconds, 100);
        System.out.println(batched[i].describe());
      }
      raw.drop();

      Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
      // the JIT compiles Spring, Axon, Jackson and Tomcat for minutes: a short warm-up measures the
      // compiler as much as Pathway, and the phases after it look faster only for coming later
      // (docs/performance.md). Warmed in rounds of 10 s until two in a row agree within 5 %
      warmUp(api);
      for (int i = 0; i < 2; i++) {
        Http http = drive(api, clientCounts[i], seconds, single[i]);
        summary.add(http.row(single[i], ""));
      }
      // -Dbench.http-alone=true: the same again with the read models and the sealer paused, to see
      // in the same run what they cost the commands (docs/performance.md); they catch up afterwards
      if (Boolean.getBoolean("bench.http-alone")) {
        List<TrackingEventProcessor> pausedForHttp = pause(app);
        for (int i = 0; i < 2; i++) {
          Http http = drive(api, clientCounts[i], seconds, single[i]);
          summary.add(http.row(single[i], ", processors and sealer paused"));
        }
        resume(app, pausedForHttp);
      }
      // the import's own code (reading lines, judging them in memory, the batched inserts) is not
      // what the HTTP phases ran: compiled during a measured import of 10 s, the compiler took a
      // fifth of a core (docs/performance.md). Warmed by an import of another quarter-size file,
      // then the processors caught up, before the measured one
      warmUpImport(app, api, Math.max(250, importPeople / 4), importPeople);
      // -Dbench.import-alone=true: the read models and the sealer paused during the import, to see
      // what they cost it (docs/performance.md); the read models catch up afterwards
      List<TrackingEventProcessor> paused =
          Boolean.getBoolean("bench.import-alone") ? pause(app) : List.of();
      long before = count(app);
      // -Dbench.import-jfr=FILE: a JFR recording (settings "profile") of the import alone
      String jfrFile = System.getProperty("bench.import-jfr");
      jdk.jfr.Recording recording = null;
      if (jfrFile != null) {
        recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
      }
      long t0 = System.nanoTime();
      int exit = importOverHttp(api, importFile);
      double importSeconds = (System.nanoTime() - t0) / 1e9;
      if (recording != null) {
        recording.dump(Path.of(jfrFile));
        recording.close();
      }
      long imported = count(app) - before;
      double importRate = imported / importSeconds;
      System.out.printf(
          Locale.ROOT,
          "Import (POST /imports): %d lines, %d events in %.1f s = %.0f events/s (exit %d)%n",
          importLines,
          imported,
          importSeconds,
          importRate,
          exit);
      resume(app, paused);
      RawPostgres.Figure bestBatched =
          batched[1].perSecond() > batched[0].perSecond() ? batched[1] : batched[0];
      // every line of the demo file is accepted: a figure of fewer events measures refusals
      String refused =
          imported == importLines ? "" : " **(" + (importLines - imported) + " lines refused)**";
      summary.add(
          row(
              "bulk import, events/s" + refused,
              String.format(Locale.ROOT, "%.0f", importRate),
              "",
              bestBatched,
              importRate));
      replay(app);
      memory();
      summary.add(
          String.format(
              Locale.ROOT,
              "| start-up, fresh data folder (initdb, migrations) | %.1f s | | | |",
              firstStart));
    }
    long restartAt = System.nanoTime();
    try (ConfigurableApplicationContext app = start(dataDir)) {
      summary.add(
          String.format(
              Locale.ROOT,
              "| start-up to ready, existing data | %.1f s | | | |",
              (System.nanoTime() - restartAt) / 1e9));
    }
    System.out.println();
    System.out.println("| path | Pathway | p50 / p99 / max | raw PostgreSQL, same run | ratio |");
    System.out.println("|---|---|---|---|---|");
    summary.forEach(System.out::println);
  }

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(PathwayApplication.class)
        .run(
            "--server.port=0",
            "--pathway.embedded.port=0",
            "--pathway.embedded.data-dir=" + dataDir,
            "--logging.level.root=WARN");
  }

  private static long count(ConfigurableApplicationContext app) {
    return app.getBean(JdbcTemplate.class)
        .queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
  }

  private static String row(
      String path, String figure, String latency, RawPostgres.Figure raw, double value) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %.0f rows/s (%s, %d client(s)) | %.1f %% |",
        path,
        figure,
        latency,
        raw.perSecond(),
        raw.name(),
        raw.clients(),
        100 * value / raw.perSecond());
  }

  /** What one HTTP phase measured. */
  private record Http(int clients, double perSecond, Histogram latency) {
    String row(RawPostgres.Figure raw, String condition) {
      return Benchmark.row(
          "HTTP commands, " + clients + " client(s)" + condition,
          String.format(Locale.ROOT, "%.0f /s", perSecond),
          String.format(
              Locale.ROOT,
              "%.1f / %.1f / %.0f ms",
              latency.getValueAtPercentile(50) / 1e6,
              latency.getValueAtPercentile(99) / 1e6,
              latency.getMaxValue() / 1e6),
          raw,
          perSecond);
    }
  }

  /**
   * Rounds of 10 s with 4 clients until a round's rate is within 5 % of the one before (at least
   * three rounds, at most fifteen), so that the phases measured do not depend on their order.
   */
  /**
   * Rounds of 10 s until two in a row agree within 5 %, six rounds at least: after only three, two
   * rounds agreed on a plateau while the JIT was still compiling (494 commands/s where another run
   * of the same code went on to 1,262 after 10); and not more than 15, because the rate falls again
   * as the rounds fill the store (docs/performance.md).
   */
  private static void warmUp(Api api) throws Exception {
    double before = 0;
    for (int round = 1; round <= 15; round++) {
      double rate = drive(api, 4, 10, null).perSecond();
      System.out.printf(Locale.ROOT, "warm-up round %d, 4 clients: %.0f commands/s%n", round, rate);
      if (round >= 6 && Math.abs(rate - before) <= 0.05 * before) {
        return;
      }
      before = rate;
    }
    System.out.println("warm-up: the rate did not settle in 15 rounds; measuring anyway");
  }

  private static Http drive(Api api, int clients, int seconds, RawPostgres.Figure raw)
      throws Exception {
    Histogram latency = new ConcurrentHistogram(Duration.ofMinutes(1).toNanos(), 3);
    AtomicLong failures = new AtomicLong();
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Long>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      done.add(pool.submit(() -> new Client(api, latency, failures).journeysUntil(deadline)));
    }
    long commands = 0;
    for (Future<Long> f : done) {
      commands += f.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    if (raw != null) {
      System.out.printf(
          Locale.ROOT,
          "HTTP, %d client(s): %d commands in %.1f s = %.0f commands/s; latency p50 %.2f ms, p99 %.2f ms,"
              + " max %.1f ms; %d failed%n",
          clients,
          commands,
          elapsed,
          commands / elapsed,
          latency.getValueAtPercentile(50) / 1e6,
          latency.getValueAtPercentile(99) / 1e6,
          latency.getMaxValue() / 1e6,
          failures.get());
    }
    return new Http(clients, commands / elapsed, latency);
  }

  /** Resets the journey-history processor and times its replay of the whole stream. */
  private static void replay(ConfigurableApplicationContext app) throws InterruptedException {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    TrackingEventProcessor processor =
        app.getBean(EventProcessingConfiguration.class)
            .eventProcessor(JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElseThrow();
    processor.shutDown();
    processor.resetTokens();
    long start = System.nanoTime();
    processor.start();
    org.pathway.api.Processors.await(processor, jdbc, head, java.time.Duration.ofHours(1));
    double elapsed = (System.nanoTime() - start) / 1e9;
    long rows = jdbc.queryForObject("SELECT count(*) FROM fact_version", Long.class);
    System.out.printf(
        Locale.ROOT,
        "Replay: fresh journey-history processor rebuilt %d rows from %d events in %.2f s = %.0f events/s%n",
        rows,
        events,
        elapsed,
        events / elapsed);
  }

  private static void memory() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "Memory: heap used after GC %.0f MiB (max %d MiB)%n",
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
        rt.maxMemory() >> 20);
  }

  /**
   * One simulated clinical team: records whole journeys, one command at a time, timing each
   * request.
   */
  private static final class Client {
    private final Api api;
    private final Histogram latency;
    private final AtomicLong failures;
    private long commands;

    Client(Api api, Histogram latency, AtomicLong failures) {
      this.api = api;
      this.latency = latency;
      this.failures = failures;
    }

    long journeysUntil(long deadline) {
      while (System.nanoTime() < deadline) {
        journey(deadline);
      }
      return commands;
    }

    /**
     * Registration, referral, then two spells each with transfer, leave, delay, discharge and a
     * contact.
     */
    private void journey(long deadline) {
      UUID su =
          post(
              "/service-users",
              Api.json(
                  "nhsNumber",
                  Api.nhsNumber(),
                  "homeLocality",
                  "NORTH",
                  "occurredAt",
                  BASE.toString()),
              "serviceUserId");
      String base = "/service-users/" + su;
      UUID ref =
          post(
              base + "/referrals",
              Api.json(
                  "occurredAt",
                  BASE.plusSeconds(3600).toString(),
                  "sourceOfReferral",
                  "A1",
                  "teamTypeReferredTo",
                  "A02",
                  "priority",
                  "URGENT"),
              "factId");
      for (int stay = 0; stay < 2 && ref != null && System.nanoTime() < deadline; stay++) {
        Instant s = BASE.plus(Duration.ofDays(1 + stay * 60L));
        UUID spell =
            post(
                base + "/spells",
                Api.json(
                    "occurredAt",
                    s.toString(),
                    "referralId",
                    ref.toString(),
                    "admissionMethod",
                    "21",
                    "admissionSource",
                    "19",
                    "legalStatus",
                    "01",
                    "placement",
                    Api.placement("PRIORY", true, "10", 120)),
                "factId");
        if (spell == null) {
          return;
        }
        String sp = base + "/spells/" + spell;
        post(
            sp + "/ward-transfers",
            Api.json("occurredAt", at(s, 3), "placement", Api.placement("OAK", false, null, 3)),
            null);
        UUID leave =
            post(
                sp + "/leaves",
                Api.json("occurredAt", at(s, 5), "leaveType", "HOME_LEAVE"),
                "factId");
        post(sp + "/leaves/" + leave + "/end", Api.json("occurredAt", at(s, 6)), null);
        post(
            sp + "/delays",
            Api.json("occurredAt", at(s, 10), "delayReason", "14", "attributableTo", "06"),
            null);
        post(
            sp + "/discharge",
            Api.json("occurredAt", at(s, 20), "dischargeMethod", "1", "dischargeDestination", "19"),
            null);
        post(
            base + "/community-contacts",
            Api.json("occurredAt", at(s, 22), "attended", true, "contactMedium", "02"),
            null);
      }
    }

    private static String at(Instant start, int days) {
      return start.plus(Duration.ofDays(days)).toString();
    }

    private UUID post(String path, Object body, String idField) {
      long t0 = System.nanoTime();
      Api.Response r = api.post(path, body);
      latency.recordValue(Math.min(System.nanoTime() - t0, latency.getHighestTrackableValue()));
      if (r.status() != 201) {
        failures.incrementAndGet();
        return null;
      }
      commands++;
      return idField == null ? null : r.id(idField);
    }
  }

  private Benchmark() {}

  /** Pauses the tracking processors and the sealer (a diagnostic: what do they cost?). */
  /** {@code ./pathway import FILE} against the benchmark's server; its exit code. */
  private static int importOverHttp(Api api, Path file) {
    return Cli.run(
        new String[] {
          "import",
          file.toString(),
          "--url",
          "http://127.0.0.1:" + api.port(),
          "--user",
          "clinician"
        },
        new PrintStream(PrintStream.nullOutputStream()),
        System.err);
  }

  /**
   * An import of a file of {@code people} (other people than the measured file's), unmeasured; the
   * processors caught up after it.
   */
  private static void warmUpImport(
      ConfigurableApplicationContext app, Api api, int people, int importPeople) throws Exception {
    Path file = Files.createTempFile("pathway-bench-warm-up-", ".ndjson");
    try {
      long lines;
      try (java.io.Writer w = Files.newBufferedWriter(file)) {
        // a seed whose NHS numbers are past those of the measured file (seed 7, 5,000 a seed)
        lines = DemoDataGenerator.generate(people, 9 + importPeople / 5_000, w);
      }
      long t0 = System.nanoTime();
      importOverHttp(api, file);
      System.out.printf(
          Locale.ROOT,
          "warm-up import: %d lines in %.1f s%n",
          lines,
          (System.nanoTime() - t0) / 1e9);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      long head =
          jdbc.queryForObject(
              "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
      for (TrackingEventProcessor p : trackingProcessors(app)) {
        org.pathway.api.Processors.await(p, jdbc, head, Duration.ofMinutes(30));
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static List<TrackingEventProcessor> trackingProcessors(
      ConfigurableApplicationContext app) {
    List<TrackingEventProcessor> all = new ArrayList<>();
    app.getBean(EventProcessingConfiguration.class)
        .eventProcessors()
        .values()
        .forEach(
            p -> {
              if (p instanceof TrackingEventProcessor t) {
                all.add(t);
              }
            });
    return all;
  }

  private static List<TrackingEventProcessor> pause(ConfigurableApplicationContext app) {
    List<TrackingEventProcessor> paused = trackingProcessors(app);
    paused.forEach(TrackingEventProcessor::shutDown);
    app.getBean(org.pathway.projections.audit.EventSealer.class).pause(true);
    System.out.println("processors and sealer paused");
    return paused;
  }

  private static void resume(
      ConfigurableApplicationContext app, List<TrackingEventProcessor> paused) {
    if (!paused.isEmpty()) {
      paused.forEach(TrackingEventProcessor::start);
      app.getBean(org.pathway.projections.audit.EventSealer.class).pause(false);
      // caught up before the next phase, which would otherwise share the cores with the backlog
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      long head =
          jdbc.queryForObject(
              "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
      long start = System.nanoTime();
      try {
        for (TrackingEventProcessor p : paused) {
          org.pathway.api.Processors.await(p, jdbc, head, Duration.ofMinutes(30));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.out.printf(
          Locale.ROOT,
          "processors and sealer resumed; caught up in %.1f s%n",
          (System.nanoTime() - start) / 1e9);
    }
  }
}
