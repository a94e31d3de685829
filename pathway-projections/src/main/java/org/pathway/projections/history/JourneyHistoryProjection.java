package org.pathway.projections.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.projections.journey.Provenance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the bitemporal history of every journey: {@code fact_version} (each version of each fact)
 * and, derived from the facts valid at each recorded time, {@code spell_version} and {@code
 * placement_version}. A version is the known truth from {@code recorded_from} until {@code
 * recorded_to}; so "as known at T" is a query, never a replay.
 *
 * <p>Each touched journey's current facts are loaded once and kept in memory, across batches while
 * this node alone advances each segment (see {@link #journey}); every event goes through {@link
 * JourneyVersioning}, which the bulk rebuild ({@link ReadModelRebuilder}) runs too. A rolled-back
 * batch drops what is kept, so it leaves nothing behind.
 */
@Component
@ProcessingGroup(JourneyHistoryProjection.PROCESSING_GROUP)
public class JourneyHistoryProjection {
  public static final String PROCESSING_GROUP = "journey-history";
  private static final String CACHE = JourneyHistoryProjection.class.getName() + ".journeys";
  // what Axon's tracking processor keeps in each batch's unit of work: the segment, and the token
  // it stores at the end of the batch
  private static final String SEGMENT = "Processor[" + PROCESSING_GROUP + "]/SegmentId";
  private static final String LAST_TOKEN = "Processor[" + PROCESSING_GROUP + "]/Token";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final JdbcVersionSink live;

  public JourneyHistoryProjection(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.live = new JdbcVersionSink(jdbc, json, ReadModelTables.LIVE);
  }

  @EventHandler
  void on(JourneyEvent event, EventMessage<?> message, TrackingToken token) {
    JourneyState journey = journey(event.serviceUserId());
    long position = token == null ? -1 : token.position().orElse(-1);
    JourneyVersioning.apply(journey, event, Provenance.recordedAt(message), position, live);
  }

  @ResetHandler
  void reset() {
    kept.invalidateAll();
    committed.clear();
    jdbc.execute("TRUNCATE " + String.join(", ", ReadModelTables.LIVE.all()));
  }

  /**
   * The journey's state: from this unit of work if it touched the journey already, else from the
   * cache kept between batches, else read from the read model. The cache is kept only while this
   * node alone has advanced each segment: at the start of each batch the token stored for the
   * batch's segment must be the one this node stored at the end of its last batch of that segment
   * (another node that held the claim meanwhile, a replay or a rebuild's switch stores another),
   * and the read model's generation must be the one the cache was read from; otherwise the cache is
   * dropped. A batch that rolls back drops it too, since its events changed cached states.
   */
  private JourneyState journey(UUID serviceUserId) {
    if (!CurrentUnitOfWork.isStarted()) {
      return live.load(serviceUserId);
    }
    UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
    Map<UUID, JourneyState> batch =
        uow.getOrComputeResource(
            CACHE,
            k -> {
              startBatch(uow);
              return new HashMap<UUID, JourneyState>();
            });
    return batch.computeIfAbsent(
        serviceUserId,
        id -> Optional.ofNullable(kept.getIfPresent(id)).orElseGet(() -> live.load(id)));
  }

  /**
   * The token this node stored at the end of its last batch, per segment, while the cache holds.
   */
  private final Map<Integer, TrackingToken> committed = new ConcurrentHashMap<>();

  /** The read-model generation the kept journeys were read from (a rebuild starts a new one). */
  private volatile Long generation;

  private final Cache<UUID, JourneyState> kept = Caffeine.newBuilder().maximumSize(20_000).build();

  private void startBatch(UnitOfWork<?> uow) {
    Integer segment = uow.getResource(SEGMENT);
    // the lock the batch's inserts take anyway, taken first: a rebuild switching new tables in
    // (ReadModelRebuilder) holds them exclusively, so a batch either ends before the switch or
    // waits here and then reads the generation and the tokens the switch left
    jdbc.execute("LOCK TABLE " + ReadModelTables.LIVE.facts() + " IN ROW EXCLUSIVE MODE");
    Long now =
        jdbc.queryForObject(
            "SELECT generation FROM read_model_generation WHERE read_model = ?",
            Long.class,
            PROCESSING_GROUP);
    TrackingToken stored = segment == null ? null : storedToken(segment);
    boolean ours = stored != null && stored.equals(committed.get(segment));
    if (!ours || !now.equals(generation)) {
      kept.invalidateAll();
      committed.clear();
      generation = now;
    }
    uow.afterCommit(
        u -> {
          Map<UUID, JourneyState> touched = u.getResource(CACHE);
          TrackingToken last = u.getResource(LAST_TOKEN);
          if (segment == null || last == null) {
            kept.invalidateAll();
            committed.clear();
          } else {
            committed.put(segment, last);
            if (touched != null) {
              kept.putAll(touched);
            }
          }
        });
    uow.onRollback(
        u -> {
          kept.invalidateAll();
          committed.clear();
        });
  }

  /** The token stored for one segment of this processor, as Axon's token store wrote it. */
  private TrackingToken storedToken(int segment) {
    List<byte[]> tokens =
        jdbc.query(
            "SELECT token FROM token_entry WHERE processor_name = ? AND segment = ?",
            (rs, i) -> rs.getBytes(1),
            PROCESSING_GROUP,
            segment);
    if (tokens.isEmpty() || tokens.get(0) == null) {
      return null;
    }
    try {
      JsonNode t = json.readTree(tokens.get(0));
      if (!t.has("index")) {
        return null; // not a plain position (a replay)
      }
      java.util.TreeSet<Long> gaps = new java.util.TreeSet<>();
      t.path("gaps").forEach(g -> gaps.add(g.asLong()));
      return GapAwareTrackingToken.newInstance(t.get("index").asLong(), gaps);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
