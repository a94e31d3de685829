package org.pathway.api.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pathway.api.audit.ReadModelRebuilds;
import org.pathway.api.imports.ImportService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What an operator watches (docs/operations.md, "Monitoring"), as Micrometer meters served at
 * {@code /actuator/prometheus}: each event processor segment's lag behind the event store, the
 * sealer's lag, a rebuild's progress and the imports' lines. The database is read on a schedule
 * ({@code pathway.monitoring.interval}, 5 s), not on each scrape; while it is away the last figures
 * stay and {@code pathway_monitoring_database_up} is 0.
 */
@Component
public class OperationalMetrics implements MeterBinder {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(OperationalMetrics.class);

  /** One segment's position: the last event index it has handled, and its lag behind the head. */
  public record SegmentLag(String processor, int segment, long position, long lag) {}

  /** The figures of one reading of the database. */
  public record Reading(
      Instant at,
      long head,
      List<SegmentLag> segments,
      long sealerLag,
      long cellsPending,
      long daysNotRolledUp,
      boolean rebuilding,
      long rebuildProcessed,
      long rebuildTotal) {}

  private final JdbcTemplate jdbc;
  private final ReadModelRebuilds rebuilds;
  private final ImportService imports;
  private final org.pathway.projections.history.CellFolder cellFolder;
  private volatile Reading last;
  private final org.pathway.projections.jobs.OutageLog outage =
      new org.pathway.projections.jobs.OutageLog(
          log, "Monitoring figures not read", "Monitoring figures read again");
  private volatile MultiGauge processorLag;
  private volatile MultiGauge processorPosition;

  OperationalMetrics(
      JdbcTemplate jdbc,
      ReadModelRebuilds rebuilds,
      ImportService imports,
      org.pathway.projections.history.CellFolder cellFolder) {
    this.jdbc = jdbc;
    this.rebuilds = rebuilds;
    this.imports = imports;
    this.cellFolder = cellFolder;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    processorLag =
        MultiGauge.builder("pathway.processor.lag")
            .description("events in the store that the processor segment has not handled yet")
            .baseUnit("events")
            .register(registry);
    processorPosition =
        MultiGauge.builder("pathway.processor.position")
            .description("global index of the last event the processor segment has handled")
            .register(registry);
    Gauge.builder("pathway.events.head", this, m -> m.reading().head())
        .description("global index of the newest event in the store")
        .register(registry);
    Gauge.builder("pathway.sealer.lag", this, m -> m.reading().sealerLag())
        .description("events stored but not yet sealed into the hash chain")
        .baseUnit("events")
        .register(registry);
    Gauge.builder("pathway.metric.cells.pending", this, m -> m.reading().cellsPending())
        .description(
            "sums the live projection wrote that are not folded into the metric cells yet"
                + " (answers add them)")
        .register(registry);
    Gauge.builder("pathway.metric.cells.not.rolled.up", this, m -> m.reading().daysNotRolledUp())
        .description(
            "days before today whose day cells the per-month and all-time metric cells do not hold"
                + " yet (answers add them; the folder rolls them up after midnight UTC)")
        .baseUnit("days")
        .register(registry);
    Gauge.builder("pathway.rebuild.running", this, m -> m.reading().rebuilding() ? 1 : 0)
        .description("1 while a rebuild of the read models runs anywhere in the cluster")
        .register(registry);
    Gauge.builder("pathway.rebuild.events.processed", this, m -> m.reading().rebuildProcessed())
        .description("events the current or last rebuild has processed")
        .register(registry);
    Gauge.builder("pathway.rebuild.events.planned", this, m -> m.reading().rebuildTotal())
        .description("events the current or last rebuild has to process")
        .register(registry);
    Gauge.builder("pathway.monitoring.database.up", this, m -> m.outage.away() ? 0 : 1)
        .description("0 when the last reading of these figures could not reach the database")
        .register(registry);
    Gauge.builder(
            "pathway.imports.running",
            imports,
            i ->
                i.imports().values().stream()
                    .filter(p -> p.snapshot().get("finishedAt") == null)
                    .count())
        .description("imports running on this node")
        .register(registry);
    for (String outcome : List.of("accepted", "duplicates", "rejected")) {
      FunctionCounter.builder("pathway.import.lines", imports, i -> importLines(i, outcome))
          .description("lines of the imports run on this node since it started, by outcome")
          .tag("outcome", outcome)
          .register(registry);
    }
    refresh();
  }

  private static double importLines(ImportService imports, String outcome) {
    return imports.imports().values().stream()
        .mapToLong(p -> ((Number) p.snapshot().get(outcome)).longValue())
        .sum();
  }

  /** The latest reading, read again when it is older than twice the interval. */
  public Reading reading() {
    Reading r = last;
    if (r == null || r.at().isBefore(Instant.now().minus(Duration.ofSeconds(10)))) {
      refresh();
      r = last;
    }
    return r == null ? new Reading(Instant.EPOCH, 0, List.of(), 0, 0, 0, false, 0, 0) : r;
  }

  @Scheduled(fixedDelayString = "${pathway.monitoring.interval:PT5S}")
  public void refresh() {
    Reading r = outage.run(this::read, null);
    if (r == null) {
      return; // the last figures stay
    }
    last = r;
    MultiGauge lag = processorLag;
    MultiGauge position = processorPosition;
    if (lag != null && position != null) {
      lag.register(
          r.segments().stream()
              .map(s -> MultiGauge.Row.of(tags(s), s.lag()))
              .map(row -> (MultiGauge.Row<?>) row)
              .toList(),
          true);
      position.register(
          r.segments().stream()
              .map(s -> MultiGauge.Row.of(tags(s), s.position()))
              .map(row -> (MultiGauge.Row<?>) row)
              .toList(),
          true);
    }
  }

  private static Tags tags(SegmentLag s) {
    return Tags.of("processor", s.processor(), "segment", Integer.toString(s.segment()));
  }

  private Reading read() {
    long head =
        jdbc.queryForObject(
            "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
    // a token is Axon's JSON: {"index":…,"gaps":[…]}, or while replaying a ReplayToken whose
    // currentToken holds the position
    List<SegmentLag> segments =
        jdbc.query(
            "SELECT processor_name, segment, coalesce((t->>'index')::bigint,"
                + " (t#>>'{currentToken,index}')::bigint, -1) FROM (SELECT processor_name, segment,"
                + " CASE WHEN token IS NULL THEN NULL ELSE convert_from(token, 'UTF8')::jsonb END t"
                + " FROM token_entry) tokens ORDER BY processor_name, segment",
            (rs, i) -> {
              long position = rs.getLong(3);
              return new SegmentLag(
                  rs.getString(1), rs.getInt(2), position, Math.max(0, head - position));
            });
    Long sealed =
        jdbc.queryForObject(
            "SELECT coalesce((SELECT global_index FROM event_seal ORDER BY seal_seq DESC LIMIT 1),"
                + " -1)",
            Long.class);
    Map<String, Object> rebuild = rebuilds.status();
    return new Reading(
        Instant.now(),
        head,
        segments,
        Math.max(0, head - sealed),
        cellFolder.pending(),
        daysNotRolledUp(),
        "REBUILDING".equals(rebuild.get("state")),
        number(rebuild.get("eventsProcessed")),
        number(rebuild.get("eventsTotal")));
  }

  /** The days up to yesterday (UTC) after the last one rolled up (V27); 0 when none is behind. */
  private long daysNotRolledUp() {
    java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
    java.time.LocalDate through = cellFolder.rolledThrough();
    if (through == null) {
      Long days =
          jdbc.queryForObject(
              "SELECT count(DISTINCT recorded_on) FROM metric_cell_day WHERE recorded_on <= ?",
              Long.class,
              yesterday);
      return days == null ? 0 : days;
    }
    return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(through, yesterday));
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
