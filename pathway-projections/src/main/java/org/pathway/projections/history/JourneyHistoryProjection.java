package org.pathway.projections.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * this node alone advances the processor (see {@link #journey}); after every event the journey's
 * spells and placements are derived again and only those that changed get a new version. A
 * rolled-back batch drops what is kept, so it leaves nothing behind.
 */
@Component
@ProcessingGroup(JourneyHistoryProjection.PROCESSING_GROUP)
public class JourneyHistoryProjection {
  public static final String PROCESSING_GROUP = "journey-history";
  private static final String CACHE = JourneyHistoryProjection.class.getName() + ".journeys";
  private static final String LAST_TOKEN = JourneyHistoryProjection.class.getName() + ".token";

  private final JdbcTemplate jdbc;
  private final JdbcVersionSink live;

  public JourneyHistoryProjection(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.live = new JdbcVersionSink(jdbc, json, ReadModelTables.LIVE);
  }

  @EventHandler
  void on(JourneyEvent event, EventMessage<?> message, TrackingToken token) {
    JourneyState journey = journey(event.serviceUserId(), token);
    long position = token == null ? -1 : token.position().orElse(-1);
    JourneyVersioning.apply(journey, event, Provenance.recordedAt(message), position, live);
  }

  @ResetHandler
  void reset() {
    kept.invalidateAll();
    committed = null;
    jdbc.execute("TRUNCATE " + String.join(", ", ReadModelTables.LIVE.all()));
  }

  /**
   * The journey's state: from this unit of work if it touched the journey already, else from the
   * cache kept between batches, else read from the read model. The cache is kept only while this
   * node alone has advanced the processor: the first event of each batch must continue, exactly,
   * the token this node last committed ({@link #continues}); if any event in between was processed
   * elsewhere (another node held the claim for a while), or the token is not a plain position (a
   * replay), the cache is dropped. A batch that rolls back drops it too, since its events changed
   * cached states.
   */
  private JourneyState journey(UUID serviceUserId, TrackingToken token) {
    if (!CurrentUnitOfWork.isStarted()) {
      return live.load(serviceUserId);
    }
    UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
    uow.resources().put(LAST_TOKEN, token);
    Map<UUID, JourneyState> batch =
        uow.getOrComputeResource(
            CACHE,
            k -> {
              startBatch(uow, token);
              return new HashMap<UUID, JourneyState>();
            });
    return batch.computeIfAbsent(
        serviceUserId,
        id -> Optional.ofNullable(kept.getIfPresent(id)).orElseGet(() -> live.load(id)));
  }

  /** The token of the last event of the last batch this node committed, while the cache holds. */
  private volatile GapAwareTrackingToken committed;

  /** The read-model generation the kept journeys were read from (a rebuild starts a new one). */
  private volatile Long generation;

  private final Cache<UUID, JourneyState> kept = Caffeine.newBuilder().maximumSize(20_000).build();

  private void startBatch(UnitOfWork<?> uow, TrackingToken first) {
    // the lock the batch's inserts take anyway, taken first: a rebuild switching new tables in
    // (ReadModelRebuilder) holds them exclusively, so a batch either ends before the switch or
    // waits here and then reads the generation the switch moved on
    jdbc.execute("LOCK TABLE " + ReadModelTables.LIVE.facts() + " IN ROW EXCLUSIVE MODE");
    Long now =
        jdbc.queryForObject(
            "SELECT generation FROM read_model_generation WHERE read_model = ?",
            Long.class,
            PROCESSING_GROUP);
    if (!continues(committed, first) || !now.equals(generation)) {
      kept.invalidateAll();
      generation = now;
    }
    uow.afterCommit(
        u -> {
          Map<UUID, JourneyState> touched = u.getResource(CACHE);
          committed = u.getResource(LAST_TOKEN) instanceof GapAwareTrackingToken g ? g : null;
          if (committed == null) {
            kept.invalidateAll();
          } else if (touched != null) {
            kept.putAll(touched);
          }
        });
    uow.onRollback(u -> kept.invalidateAll());
  }

  /**
   * Whether {@code next}, the token after one more event, follows {@code last} with nothing
   * processed in between by anyone else: every position after {@code last} up to the new event is
   * still a gap (unseen), and no gap of {@code last} was filled other than by the new event.
   */
  static boolean continues(GapAwareTrackingToken last, TrackingToken next) {
    if (last == null || !(next instanceof GapAwareTrackingToken n)) {
      return false;
    }
    java.util.SortedSet<Long> was = last.getGaps();
    java.util.SortedSet<Long> now = n.getGaps();
    if (n.getIndex() == last.getIndex()) { // the new event filled one of last's gaps
      return now.size() == was.size() - 1 && was.containsAll(now);
    }
    long skipped = n.getIndex() - last.getIndex() - 1;
    if (skipped < 0 || skipped > 10_000 || now.size() != was.size() + skipped) {
      return false;
    }
    if (!now.containsAll(was)) {
      return false;
    }
    for (long i = last.getIndex() + 1; i < n.getIndex(); i++) {
      if (!now.contains(i)) {
        return false; // processed, and not by this node
      }
    }
    return true;
  }
}
