package org.pathway.api.audit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pathway.api.error.ApiProblem;
import org.pathway.projections.history.ReadModelRebuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts read-model rebuilds and reports them, for the whole cluster: the rebuild runs on the node
 * that got the request ({@link ReadModelRebuilder}: new tables beside the live ones, switched in
 * atomically), while every node keeps answering from the live tables; its progress is in the
 * database, so any node reports it. The audit-seal processor is never rebuilt: the hash chain is
 * not a read model.
 */
@Component("readModels")
public class ReadModelRebuilds implements HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);

  /** Read models by name; "all" rebuilds every one. */
  static final Set<String> READ_MODELS = Set.of(ReadModelRebuilder.READ_MODEL);

  /** A rebuild whose node has not reported for this long is taken to have died with its node. */
  private static final Duration STALE = Duration.ofMinutes(2);

  private final ReadModelRebuilder rebuilder;
  private final JdbcTemplate jdbc;
  private final String node;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "read-model-rebuild");
            t.setDaemon(true);
            return t;
          });

  /** This node's rebuild, from the request until its thread is done. */
  private java.util.concurrent.Future<?> pending;

  ReadModelRebuilds(
      ReadModelRebuilder rebuilder, JdbcTemplate jdbc, @Value("${pathway.node-id:}") String node) {
    this.rebuilder = rebuilder;
    this.jdbc = jdbc;
    this.node = node.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : node;
  }

  public synchronized Map<String, Object> start(String readModel, String by) {
    String name =
        readModel == null || readModel.equals("all") ? ReadModelRebuilder.READ_MODEL : readModel;
    if (!READ_MODELS.contains(name)) {
      throw ApiProblem.badRequest(
          "readModel", "unknown read model '" + readModel + "'; known: " + READ_MODELS + " or all");
    }
    long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    // one at a time across the cluster: the lock a running rebuild holds, this node's own rebuild
    // not yet started on its thread, and the claim (one statement) against another node's
    if (rebuilder.running()
        || (pending != null && !pending.isDone())
        || !rebuilder.claim(by, node, total, STALE)) {
      throw ApiProblem.conflict("REBUILD_RUNNING", "readModel", "a rebuild is already running");
    }
    pending =
        runner.submit(
            () -> {
              try {
                ReadModelRebuilder.Outcome o = rebuilder.rebuild(by, node);
                log.info(
                    "read models rebuilt: {} events in bulk in {} s (the scan waited {} s for the"
                        + " workers, the workers {} s for the scan), {} caught up, {} s in all",
                    o.bulkEvents(),
                    String.format("%.1f", o.bulkSeconds()),
                    String.format("%.1f", o.waits().scanSeconds()),
                    String.format("%.1f", o.waits().workerSeconds()),
                    o.caughtUpEvents(),
                    String.format("%.1f", o.totalSeconds()));
              } catch (RuntimeException e) {
                log.error("read-model rebuild failed; the live read models are unchanged", e);
              }
            });
    return status();
  }

  /**
   * {@code REBUILDING} while a rebuild runs anywhere in the cluster (answers still come from the
   * complete live read models until it switches), else {@code CURRENT}.
   */
  public String state() {
    Map<String, Object> r = row();
    return r != null && running(r) ? "REBUILDING" : "CURRENT";
  }

  private static boolean running(Map<String, Object> r) {
    String phase = (String) r.get("state");
    return List.of("STARTING", "BULK", "CATCHING_UP").contains(phase)
        && instant(r.get("heartbeat_at")).isAfter(Instant.now().minus(STALE));
  }

  private Map<String, Object> row() {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT state, started_at, started_by, node, events_total, events_processed,"
                + " finished_at, failure, heartbeat_at FROM read_model_rebuild WHERE read_model = ?",
            ReadModelRebuilder.READ_MODEL);
    return rows.isEmpty() ? null : rows.get(0);
  }

  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> r = row();
    m.put("state", r != null && running(r) ? "REBUILDING" : "CURRENT");
    if (r == null) {
      return m;
    }
    Instant started = instant(r.get("started_at"));
    Instant finished = instant(r.get("finished_at"));
    long processed = ((Number) r.get("events_processed")).longValue();
    long total = ((Number) r.get("events_total")).longValue();
    Instant until = finished == null ? Instant.now() : finished;
    double seconds = Math.max(0.001, Duration.between(started, until).toMillis() / 1000.0);
    double rate = processed / seconds;
    m.put("readModel", ReadModelRebuilder.READ_MODEL);
    m.put("phase", r.get("state"));
    m.put("node", r.get("node"));
    m.put("startedAt", started);
    m.put("startedBy", r.get("started_by"));
    m.put("finishedAt", finished);
    m.put("eventsProcessed", processed);
    m.put("eventsTotal", Math.max(total, processed));
    m.put("eventsPerSecond", Math.round(rate));
    Long left = null;
    if (!running(r)) {
      left = 0L;
    } else if (rate > 0) {
      left = Math.max(0, Math.round((total - processed) / rate));
    }
    m.put("estimatedSecondsLeft", left);
    if (r.get("failure") != null) {
      m.put("failure", r.get("failure"));
    }
    return m;
  }

  private static Instant instant(Object timestamp) {
    if (timestamp instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return timestamp instanceof OffsetDateTime o ? o.toInstant() : null;
  }

  @Override
  public Health health() {
    try {
      return Health.up().withDetails(status()).build();
    } catch (org.springframework.dao.DataAccessException e) {
      // the rebuild's progress is in the database: while it is away, the database indicator says so
      return Health.unknown().withDetail("state", "unknown: database unavailable").build();
    }
  }
}
