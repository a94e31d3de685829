package org.pathway.api.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.pathway.api.error.ApiProblem;
import org.pathway.projections.history.JourneyHistoryProjection;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models while the service keeps serving: the processor is stopped, its token reset
 * (its reset handler empties its tables) and restarted; it replays every event from the first.
 * Until it has caught up with the event that was last when the rebuild began, its answers are
 * marked {@code REBUILDING}. The audit-seal processor is never rebuilt: the hash chain is not a
 * read model.
 */
@Component("readModels")
public class ReadModelRebuilds implements HealthIndicator {
  /** Read models by name; "all" rebuilds every one. */
  static final Set<String> READ_MODELS = Set.of(JourneyHistoryProjection.PROCESSING_GROUP);

  private final EventProcessingConfiguration processing;
  private final JdbcTemplate jdbc;
  private volatile Rebuild current;

  ReadModelRebuilds(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
    this.processing = processing;
    this.jdbc = jdbc;
  }

  private record Rebuild(
      String readModel, Instant startedAt, long targetIndex, long totalEvents, String by) {}

  public synchronized Map<String, Object> start(String readModel, String by) {
    String name =
        readModel == null || readModel.equals("all")
            ? JourneyHistoryProjection.PROCESSING_GROUP
            : readModel;
    if (!READ_MODELS.contains(name)) {
      throw ApiProblem.badRequest(
          "readModel", "unknown read model '" + readModel + "'; known: " + READ_MODELS + " or all");
    }
    if (current != null && !caughtUp(current)) {
      throw ApiProblem.conflict("REBUILD_RUNNING", "readModel", "a rebuild is already running");
    }
    long target =
        jdbc.queryForObject(
            "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
    long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    TrackingEventProcessor processor = processor(name);
    processor.shutDown();
    processor.resetTokens();
    current = new Rebuild(name, Instant.now(), target, total, by);
    processor.start();
    return status();
  }

  /** {@code REBUILDING} while a rebuild has not caught up, else {@code CURRENT}. */
  public String state() {
    Rebuild r = current;
    return r != null && !caughtUp(r) ? "REBUILDING" : "CURRENT";
  }

  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    Rebuild r = current;
    m.put("state", state());
    if (r == null) {
      return m;
    }
    long position = position(r.readModel());
    long processed =
        position < 0
            ? 0
            : jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE global_index <= ?",
                Long.class,
                position);
    double seconds =
        Math.max(0.001, Duration.between(r.startedAt(), Instant.now()).toMillis() / 1000.0);
    double rate = processed / seconds;
    m.put("readModel", r.readModel());
    m.put("startedAt", r.startedAt());
    m.put("startedBy", r.by());
    m.put("eventsProcessed", Math.min(processed, r.totalEvents()));
    m.put("eventsTotal", r.totalEvents());
    m.put("eventsPerSecond", Math.round(rate));
    Long left = null;
    if (caughtUp(r)) {
      left = 0L;
    } else if (rate > 0) {
      left = Math.round((r.totalEvents() - processed) / rate);
    }
    m.put("estimatedSecondsLeft", left);
    return m;
  }

  private boolean caughtUp(Rebuild r) {
    return position(r.readModel()) >= r.targetIndex();
  }

  private long position(String name) {
    return processor(name).processingStatus().values().stream()
        .mapToLong(s -> s.getCurrentPosition().orElse(-1))
        .min()
        .orElse(-1);
  }

  private TrackingEventProcessor processor(String name) {
    return processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
  }

  @Override
  public Health health() {
    return Health.up().withDetails(status()).build();
  }
}
