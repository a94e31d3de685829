package org.pathway.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.pathway.api.Api;
import org.pathway.api.PathwayApplication;
import org.pathway.api.cli.Cli;
import org.pathway.api.cli.DemoDataGenerator;
import org.pathway.projections.audit.EventSealer;
import org.pathway.projections.history.JourneyHistoryProjection;
import org.pathway.projections.history.ReadModelRebuilder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read path at scale ({@code ./bench.sh scale [base people] [events...]}): imports a base demo
 * population over HTTP (default 12,000 people, about 100,000 events), then grows the event store to
 * each size asked (default 1 M and 10 M events) by copying the base journeys inside PostgreSQL
 * under new identifiers (every UUID's second group replaced by the copy's number and its version
 * digit by 0, so references within a journey still hold), and at each size prints: the raw JDBC
 * scan-and-parse rate of the event store, the bulk rebuild of the read models and its ratio to that
 * rate, the p50/p99 of every metric family over 12 months (plain and as at the middle of the
 * recorded history) and of a drill-down, and the heap. The live processor and the sealer are
 * stopped while the store grows (the copies are never sealed: this is a benchmark store).
 */
public final class ScaleBenchmark {
  /**
   * A UUID's second group becomes the copy's code and its version digit 0. The codes are chosen
   * among those no base UUID with version digit 0 has as its second group (the demo's UUIDs are
   * random bits): so a copy's identifiers never meet the base's, nor another copy's.
   */
  private static final String UUID_GROUPS = "([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]([0-9a-f]{3})-";

  public static void main(String[] args) throws Exception {
    run(args);
    // the application has closed; Axon's or Hikari's threads would otherwise keep the JVM alive
    // for a while after the figures are printed
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
    List<Long> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Long.parseLong(args[i].replace("_", "")));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1_000_000L, 10_000_000L);
    }
    Path dataDir = Files.createTempDirectory("pathway-scale-");
    Path file = Files.createTempFile("pathway-demo-", ".ndjson");
    long lines;
    java.io.StringWriter demo = new java.io.StringWriter();
    lines = DemoDataGenerator.generate(people, 42, demo);
    // as a migration: the history learnt over two years as it happened, not all in this minute
    Files.writeString(
        file, org.pathway.api.MigratedDemo.of(demo.toString(), new java.util.Random(42)));
    System.out.printf(
        "Scale benchmark: base %d people (%d commands), sizes %s, %d cores, max heap %d MiB, data in"
            + " %s%n",
        people,
        lines,
        sizes,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        dataDir);
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
      long t0 = System.nanoTime();
      Cli.run(
          new String[] {
            "import",
            file.toString(),
            "--url",
            "http://127.0.0.1:" + port,
            "--user",
            "admin",
            "--migrated-from",
            "demo EPR"
          },
          new PrintStream(PrintStream.nullOutputStream()),
          new PrintStream(PrintStream.nullOutputStream()));
      long base = count(jdbc);
      System.out.printf(
          Locale.ROOT,
          "Base import over HTTP (a migration, recorded times kept): %d events in %.0f s%n",
          base,
          (System.nanoTime() - t0) / 1e9);
      awaitPosition(processor, jdbc, max(jdbc));
      app.getBean(EventSealer.class).pause(true);
      processor.shutDown();

      List<String> table = new ArrayList<>();
      table.add(
          "| events | raw scan+parse ev/s | bulk rebuild ev/s | ratio | rebuild incl. indexes and"
              + " switch | heap after GC |");
      table.add("|---|---|---|---|---|---|");
      long baseMax = max(jdbc);
      List<String> codes = freeCodes(jdbc, baseMax);
      int copies = 0;
      for (long size : sizes) {
        long t1 = System.nanoTime();
        copies = grow(app.getBean(DataSource.class), jdbc, base, baseMax, codes, copies, size);
        long events = count(jdbc);
        System.out.printf(
            Locale.ROOT,
            "%nStore grown to %d events (%d copies of the base) in %.0f s%n",
            events,
            copies,
            (System.nanoTime() - t1) / 1e9);
        double raw = rawScan(app.getBean(DataSource.class));
        System.out.printf(Locale.ROOT, "Raw JDBC scan and JSON parse: %.0f events/s%n", raw);
        ReadModelRebuilder.Outcome o =
            app.getBean(ReadModelRebuilder.class).rebuild("benchmark", "benchmark");
        double bulk = o.bulkEvents() / o.bulkSeconds();
        System.out.printf(
            Locale.ROOT,
            "Rebuild: %d events, bulk %.0f s (metric cells summed in %.0f s of it) = %.0f events/s"
                + " (%.1f %% of raw); with keys, indexes, catch-up and switch %.0f s%n",
            o.bulkEvents(),
            o.bulkSeconds(),
            o.cellsSeconds(),
            bulk,
            100 * bulk / raw,
            o.totalSeconds());
        System.out.printf(
            Locale.ROOT,
            "Bulk pass waits: the scan for a worker %.1f s, the workers (summed) for the scan %.1f"
                + " s%n",
            o.waits().scanSeconds(),
            o.waits().workerSeconds());
        processor.start();
        awaitPosition(processor, jdbc, max(jdbc));
        System.out.printf(
            "Rows: %d fact versions, %d spell versions, %d placement versions%n",
            jdbc.queryForObject("SELECT count(*) FROM fact_version", Long.class),
            jdbc.queryForObject("SELECT count(*) FROM spell_version", Long.class),
            jdbc.queryForObject("SELECT count(*) FROM placement_version", Long.class));
        queries(jdbc, port, 20); // every answer is tens of milliseconds now, at 10 M too
        pages(jdbc, port, 20);
        double heap = heapAfterGc();
        System.out.printf(Locale.ROOT, "Memory: heap used after GC %.0f MiB%n", heap);
        table.add(
            String.format(
                Locale.ROOT,
                "| %,d | %,.0f | %,.0f | %.1f %% | %.0f s | %.0f MiB |",
                events,
                raw,
                bulk,
                100 * bulk / raw,
                o.totalSeconds(),
                heap));
        processor.shutDown();
      }
      System.out.println();
      table.forEach(System.out::println);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static long count(JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
  }

  private static long max(JdbcTemplate jdbc) {
    return jdbc.queryForObject(
        "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
  }

  /**
   * Copies the base journeys (events up to {@code baseMax}) inside PostgreSQL until the store holds
   * at least {@code size} events, two copies at a time; returns the number of copies made so far.
   */
  private static int grow(
      DataSource ds,
      JdbcTemplate jdbc,
      long base,
      long baseMax,
      List<String> codes,
      int copies,
      long size)
      throws Exception {
    int needed = (int) Math.ceil((double) size / base) - 1;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> work = new ArrayList<>();
    long span = baseMax + 1;
    for (int k = copies + 1; k <= needed; k++) {
      int copy = k;
      work.add(
          pool.submit(
              () -> {
                String hex = codes.get(copy);
                new JdbcTemplate(ds)
                    .update(
                        "INSERT INTO domain_event_entry (global_index, event_identifier,"
                            + " aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                            + " payload_revision, payload, meta_data)"
                            + " SELECT global_index + ?, regexp_replace(event_identifier, ?, ?),"
                            + " regexp_replace(aggregate_identifier, ?, ?), sequence_number, type,"
                            + " time_stamp, payload_type, payload_revision,"
                            + " convert_to(regexp_replace(convert_from(payload, 'UTF8'), ?, ?, 'g'),"
                            + " 'UTF8'), convert_to(regexp_replace(convert_from(meta_data, 'UTF8'), ?,"
                            + " ?, 'g'), 'UTF8') FROM domain_event_entry WHERE global_index <= ?",
                        copy * span,
                        UUID_GROUPS,
                        "\\1-" + hex + "-0\\2-",
                        UUID_GROUPS,
                        "\\1-" + hex + "-0\\2-",
                        UUID_GROUPS,
                        "\\1-" + hex + "-0\\2-",
                        UUID_GROUPS,
                        "\\1-" + hex + "-0\\2-",
                        baseMax);
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    jdbc.execute(
        "SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'),"
            + " (SELECT max(global_index) FROM domain_event_entry))");
    jdbc.execute("VACUUM ANALYZE domain_event_entry");
    return Math.max(copies, needed);
  }

  /** The 16-bit codes no base UUID with version digit 0 has as its second group. */
  private static List<String> freeCodes(JdbcTemplate jdbc, long baseMax) {
    java.util.Set<String> used =
        new java.util.HashSet<>(
            jdbc.queryForList(
                "SELECT DISTINCT m[1] FROM (SELECT regexp_matches(convert_from(payload, 'UTF8') || ' '"
                    + " || coalesce(convert_from(meta_data, 'UTF8'), '') || ' ' || aggregate_identifier"
                    + " || ' ' || event_identifier, '[0-9a-f]{8}-([0-9a-f]{4})-0[0-9a-f]{3}-', 'g') m"
                    + " FROM domain_event_entry WHERE global_index <= ?) x",
                String.class, baseMax));
    List<String> free = new ArrayList<>();
    free.add(null); // copy 0 is the base itself
    for (int c = 1; c < 0x10000; c++) {
      String hex = String.format("%04x", c);
      if (!used.contains(hex)) {
        free.add(hex);
      }
    }
    return free;
  }

  /** The limit: one plain JDBC scan of the whole store, parsing each payload as JSON. */
  private static double rawScan(DataSource ds) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long n = 0;
    long t = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(2_000);
        try (ResultSet rs =
            s.executeQuery(
                "SELECT global_index, aggregate_identifier, time_stamp, payload_type, payload,"
                    + " meta_data FROM domain_event_entry")) {
          while (rs.next()) {
            rs.getLong(1);
            rs.getString(2);
            rs.getString(3);
            rs.getString(4);
            json.readTree(rs.getBytes(5));
            rs.getBytes(6);
            n++;
          }
        }
      }
      c.commit();
    }
    return n / ((System.nanoTime() - t) / 1e9);
  }

  private static void queries(JdbcTemplate jdbc, int port, int timed) {
    Api api = new Api(port, "analyst");
    // the middle of the recorded history: the median recorded time of the facts
    String asAt =
        jdbc.queryForObject(
            "SELECT to_char(recorded_from AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " FROM fact_version ORDER BY recorded_from OFFSET"
                + " (SELECT count(*) / 2 FROM fact_version) LIMIT 1",
            String.class);
    System.out.println("As at the middle of the recorded history: " + asAt);
    List<String> queries = new ArrayList<>();
    api.get("/metrics").body().forEach(f -> queries.add(f.get("metric").asText()));
    int families = queries.size();
    for (int i = 0; i < families; i++) {
      queries.add(queries.get(i) + "?asAt=" + asAt);
    }
    queries.add("length-of-stay?by=setting");
    // drill-downs: a first page (100 records), the page after it ("#next": its cursor asked for
    // once before timing), as at the middle; the records of the other six families are not
    // single contributions: paged by service user
    queries.add("length-of-stay/records?by=setting&group=200");
    queries.add("length-of-stay/records?by=setting&group=200#next");
    queries.add("length-of-stay/records?asAt=" + asAt);
    queries.add("readmission/records");
    queries.add("follow-up-72h/records?by=setting&group=200");
    queries.add("bed-days/records");
    queries.add("bed-days/records#next");
    queries.add("bed-days/records?by=setting&group=200");
    queries.add("bed-days/records?asAt=" + asAt);
    queries.add("delayed-discharge/records");
    queries.add("out-of-area/records");
    queries.add("step-down/records");
    queries.add("time-in-community/records");
    queries.add("settled-accommodation/records");
    queries.add("settled-accommodation/records?asAt=" + asAt);
    for (String asked : queries) {
      boolean next = asked.endsWith("#next");
      String q = next ? asked.substring(0, asked.length() - 5) : asked;
      String url =
          "/metrics/" + q + (q.contains("?") ? "&" : "?") + "from=2025-01-01&to=2025-12-31";
      if (next) {
        Api.Response first = api.get(url);
        if (first.status() == 200 && first.body().hasNonNull("next")) {
          url += "&after=" + first.body().get("next").asText();
        }
      }
      Histogram h = new Histogram(Duration.ofMinutes(10).toNanos(), 3);
      int warmUp = timed < 20 ? 1 : 2;
      Api.Response refused = null;
      for (int i = 0; i < timed + warmUp && refused == null; i++) {
        long s = System.nanoTime();
        Api.Response r = api.get(url);
        if (r.status() == 413) {
          refused = r; // more records than the node's query budget: said, and the run goes on
        } else if (r.status() != 200) {
          throw new IllegalStateException(url + " -> " + r);
        }
        if (i >= warmUp) {
          h.recordValue(System.nanoTime() - s);
        }
      }
      if (refused != null) {
        System.out.printf(
            Locale.ROOT,
            "Query %-48s refused: %d %s, %s records (the node's budget is %s)%n",
            asked.replaceAll("asAt=[^&]*", "asAt=<middle>"),
            refused.status(),
            refused.text("code"),
            refused.body().path("records").asText(),
            refused.body().path("maxRecords").asText());
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "Query %-48s p50 %7.0f ms  p99 %7.0f ms (%d timed)%n",
          asked.replaceAll("asAt=[^&]*", "asAt=<middle>"),
          h.getValueAtPercentile(50) / 1e6,
          h.getValueAtPercentile(99) / 1e6,
          timed);
    }
  }

  /**
   * The pages (docs/pages.md) as a browser asks for them, signed in by the form: the time from the
   * request to the last byte of the rendered page, the first (cold) request and p50/p99 of the
   * timed ones. The charts' drawing in the browser (ECharts, tens of milliseconds) is not in it.
   */
  private static void pages(JdbcTemplate jdbc, int port, int timed) throws Exception {
    String journey =
        jdbc.queryForObject(
            "SELECT aggregate_identifier FROM domain_event_entry GROUP BY aggregate_identifier"
                + " ORDER BY count(*) DESC LIMIT 1",
            String.class);
    String asAt =
        jdbc.queryForObject(
            "SELECT to_char(recorded_from AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM fact_version ORDER BY recorded_from OFFSET"
                + " (SELECT count(*) / 2 FROM fact_version) LIMIT 1",
            String.class);
    java.net.http.HttpClient analyst = signedIn(port, "analyst");
    java.net.http.HttpClient clinician = signedIn(port, "clinician");
    List<Object[]> pages =
        List.of(
            new Object[] {analyst, "/ui/overview?period=2025-12"},
            new Object[] {analyst, "/ui/overview?period=2025-12&asAt=" + asAt},
            new Object[] {analyst, "/ui/overview?period=2025"},
            new Object[] {analyst, "/ui/metrics/length-of-stay?period=2025-12&by=setting"},
            new Object[] {analyst, "/ui/metrics/bed-days?period=2025-12&asAt=" + asAt},
            new Object[] {analyst, "/ui/metrics/out-of-area?period=2025-Q4&by=settingGroup"},
            new Object[] {clinician, "/ui/service-users/" + journey},
            new Object[] {clinician, "/ui/service-users/" + journey + "?asAt=" + asAt});
    for (Object[] page : pages) {
      java.net.http.HttpClient client = (java.net.http.HttpClient) page[0];
      String path = (String) page[1];
      Histogram h = new Histogram(Duration.ofMinutes(10).toNanos(), 3);
      double first = 0;
      for (int i = 0; i <= timed; i++) {
        long s = System.nanoTime();
        java.net.http.HttpResponse<String> r =
            client.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - s;
        if (r.statusCode() != 200) {
          throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        if (i == 0) {
          first = took / 1e6;
        } else {
          h.recordValue(took);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "Page  %-48s first %5.0f ms  p50 %5.0f ms  p99 %5.0f ms (%d timed)%n",
          path.replaceAll("asAt=[^&]*", "asAt=<middle>").replace(journey, "<largest journey>"),
          first,
          h.getValueAtPercentile(50) / 1e6,
          h.getValueAtPercentile(99) / 1e6,
          timed);
    }
  }

  /** A client with a page session: the sign-in form with its CSRF token, as a browser sends it. */
  private static java.net.http.HttpClient signedIn(int port, String user) throws Exception {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .cookieHandler(new java.net.CookieManager())
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
    String base = "http://127.0.0.1:" + port;
    String form =
        client
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/ui/login"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF token on the sign-in page");
    }
    java.net.http.HttpResponse<String> r =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "username="
                            + user
                            + "&password="
                            + user
                            + "-demo&_csrf="
                            + java.net.URLEncoder.encode(
                                csrf.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
      throw new IllegalStateException("sign-in as " + user + " failed: " + r.statusCode());
    }
    return client;
  }

  private static double heapAfterGc() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
  }

  private static void awaitPosition(TrackingEventProcessor processor, JdbcTemplate jdbc, long head)
      throws InterruptedException {
    org.pathway.api.Processors.await(processor, jdbc, head, Duration.ofHours(2));
  }

  private ScaleBenchmark() {}
}
