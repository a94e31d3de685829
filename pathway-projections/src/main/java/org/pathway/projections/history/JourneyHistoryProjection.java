package org.pathway.projections.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.projections.journey.Provenance;
import org.pathway.projections.metrics.MetricAggregates;
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
  // what Axon's tracking processor keeps in each batch's unit of work: the segment
  private static final String SEGMENT = "Processor[" + PROCESSING_GROUP + "]/SegmentId";
  private static final String MARK = JourneyHistoryProjection.class.getName() + ".mark";
  private static final String SINK = JourneyHistoryProjection.class.getName() + ".sink";

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(JourneyHistoryProjection.class);

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final JdbcVersionSink live;
  private final MetricAggregates aggregates;

  public JourneyHistoryProjection(
      JdbcTemplate jdbc, ObjectMapper json, MetricAggregates aggregates) {
    this.jdbc = jdbc;
    this.json = json;
    this.aggregates = aggregates;
    this.live = new JdbcVersionSink(jdbc, json, ReadModelTables.LIVE);
  }

  @EventHandler
  void on(JourneyEvent event, EventMessage<?> message, TrackingToken token) {
    JourneyState journey = journey(event.serviceUserId());
    long position = token == null ? -1 : token.position().orElse(-1);
    JdbcVersionSink sink = batchSink();
    JourneyVersioning.apply(
        journey, event, Provenance.recordedAt(message), position, sink, aggregates);
    if (!CurrentUnitOfWork.isStarted()) {
      sink.flush();
    }
  }

  /**
   * The batch's writer: one per unit of work, which writes the batch's rows just before it commits,
   * a table at a time (the metric cells in key order, so that batches of different segments cannot
   * deadlock on them).
   */
  private JdbcVersionSink batchSink() {
    if (!CurrentUnitOfWork.isStarted()) {
      return new JdbcVersionSink(jdbc, json, ReadModelTables.LIVE);
    }
    UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
    return uow.getOrComputeResource(
        SINK,
        k -> {
          JdbcVersionSink sink = new JdbcVersionSink(jdbc, json, ReadModelTables.LIVE);
          uow.onPrepareCommit(u -> sink.flush());
          return sink;
        });
  }

  @ResetHandler
  void reset() {
    dropAll();
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

  /** The mark this node's last batch of each segment left, while the cache holds. */
  private final Map<Integer, Long> written = new ConcurrentHashMap<>();

  /** This projection instance as a writer of journey_history_writer marks. */
  private final String writer = UUID.randomUUID().toString();

  /** The read-model generation the kept journeys were read from (a rebuild starts a new one). */
  private volatile Long generation;

  private final Cache<UUID, JourneyState> kept = Caffeine.newBuilder().maximumSize(20_000).build();

  private void startBatch(UnitOfWork<?> uow) {
    Integer segment = uow.getResource(SEGMENT);
    // the lock the batch's inserts take anyway, taken first: a rebuild switching new tables in
    // (ReadModelRebuilder) holds them exclusively, so a batch either ends before the switch or
    // waits here and then reads the generation the switch moved on
    jdbc.execute("LOCK TABLE " + ReadModelTables.LIVE.facts() + " IN ROW EXCLUSIVE MODE");
    // one round trip: the generation, and the mark this instance left last on the batch's segment
    Object[] state =
        jdbc.queryForObject(
            "SELECT g.generation, w.batch FROM read_model_generation g LEFT JOIN"
                + " journey_history_writer w ON w.segment = ? AND w.writer = ?"
                + " WHERE g.read_model = ?",
            (rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, Long.class)},
            segment == null ? -1 : segment,
            writer,
            PROCESSING_GROUP);
    Long now = (Long) state[0];
    if (segment == null || !now.equals(generation)) {
      dropAll();
      generation = now;
    } else if (written.get(segment) == null || !written.get(segment).equals(state[1])) {
      log.debug("kept journeys of segment {} dropped: written elsewhere meanwhile", segment);
      Segment s = segment(segment);
      kept.asMap().keySet().removeIf(id -> s == null || s.matches(id.toString()));
      written.remove(segment);
    }
    if (segment != null) {
      // this batch writes journeys of the segment: say so, in its transaction
      uow.onPrepareCommit(
          u ->
              u.resources()
                  .put(
                      MARK,
                      jdbc.queryForObject(
                          "INSERT INTO journey_history_writer (segment, writer, batch) VALUES (?, ?, 1)"
                              + " ON CONFLICT (segment) DO UPDATE SET writer = excluded.writer,"
                              + " batch = journey_history_writer.batch + 1 RETURNING batch",
                          Long.class,
                          segment,
                          writer)));
    }
    uow.afterCommit(
        u -> {
          Map<UUID, JourneyState> touched = u.getResource(CACHE);
          Long mark = u.getResource(MARK);
          if (segment == null || mark == null) {
            dropAll();
          } else {
            written.put(segment, mark);
            if (touched != null) {
              kept.putAll(touched);
            }
          }
        });
    uow.onRollback(u -> dropAll());
  }

  private void dropAll() {
    kept.invalidateAll();
    written.clear();
  }

  // Whether the last batch that wrote journeys of a segment was this instance's: every batch that
  // handles events of a segment marks journey_history_writer in its transaction, so a batch of
  // another node (which held the claim meanwhile, or replayed) leaves another mark. Batches that
  // handle nothing of the segment change none of its journeys and leave no mark.

  /** The segment as Axon computes it from all of the processor's segment ids. */
  private Segment segment(int id) {
    int[] ids =
        jdbc
            .queryForList(
                "SELECT segment FROM token_entry WHERE processor_name = ?",
                Integer.class,
                PROCESSING_GROUP)
            .stream()
            .mapToInt(Integer::intValue)
            .toArray();
    for (int i : ids) {
      if (i == id) {
        return Segment.computeSegment(id, ids);
      }
    }
    return null;
  }
}
