package org.pathway.projections.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.projections.journey.Provenance;
import org.pathway.projections.metrics.MetricAggregates;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the journey-history read model while the service serves from the current one
 * (docs/architecture.md, "Rebuilding while serving"):
 *
 * <ol>
 *   <li><b>Bulk</b>: new tables ({@code *_rebuild}, without indexes) are filled from one consistent
 *       snapshot of the event store, read once in journey order; each journey's events go through
 *       {@link JourneyVersioning} — the code the live projection runs — in memory on one of several
 *       workers, and its versions are written with {@code COPY}. Then the indexes and keys.
 *   <li><b>Catch-up</b>: the events stored since the snapshot are applied to the new tables from
 *       the snapshot's tracking token, row by row, until few are left.
 *   <li><b>Switch</b>, in one transaction: the generation row is moved on (every node then drops
 *       the journeys it kept), the live tables are locked, the live processor's tokens read (it
 *       cannot move while the tables are locked), the new tables brought to exactly those tokens,
 *       the old tables dropped and the new ones renamed in. The processor goes on from its own
 *       tokens into the new tables: no event is lost or applied twice across the switch.
 * </ol>
 *
 * One rebuild at a time in the whole cluster (a PostgreSQL advisory lock); its progress is in
 * {@code read_model_rebuild} for every node to report.
 */
@Component
public class ReadModelRebuilder {
  public static final String READ_MODEL = JourneyHistoryProjection.PROCESSING_GROUP;
  // not the sealer's key (EventSealer, "pathway1"): the two must never exclude each other
  private static final long LOCK_KEY = 0x7061746877617932L; // "pathway2"
  private static final int GAP_WINDOW = 10_000; // Axon's default maximum gap offset
  private static final int COPY_CHARS = 4 << 20;

  /** The workers' partial sums of the metric cells, added up when the scan is done. */
  private static final String CELL_PARTS = "metric_cell_parts";

  /** How many events the catch-up applies before it writes what they changed. */
  private static final int CATCH_UP_FLUSH = 1000;

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Serializer serializer;
  private final EventStorageEngine events;
  private final TransactionTemplate tx;
  private final int workers;
  private final MetricAggregates aggregates;

  /**
   * The most cells a worker sums before it writes them (about 200 bytes each): there are a few per
   * month and breakdown group of a family, so a worker seldom reaches it.
   */
  private final int maxCells;

  public ReadModelRebuilder(
      DataSource dataSource,
      JdbcTemplate jdbc,
      ObjectMapper json,
      @Qualifier("eventSerializer") Serializer serializer,
      EventStorageEngine events,
      PlatformTransactionManager transactions,
      MetricAggregates aggregates,
      @Value("${pathway.rebuild.workers:2}") int workers,
      @Value("${pathway.rebuild.max-cells:200000}") int maxCells) {
    this.maxCells = Math.max(1, maxCells);
    this.aggregates = aggregates;
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.json = json;
    this.serializer = serializer;
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.workers = Math.max(1, workers);
  }

  /** What a finished rebuild did. */
  /**
   * @param bulkSeconds the scan, the versions and contributions, and the metric cells summed from
   *     them ({@code cellsSeconds} of it)
   */
  public record Outcome(
      long bulkEvents,
      double bulkSeconds,
      double cellsSeconds,
      long caughtUpEvents,
      double totalSeconds,
      Waits waits) {}

  /**
   * Where the bulk pass waited: the scan for a worker to take a journey (the workers are behind)
   * and the workers, summed, for a journey to version (the scan is behind).
   */
  public record Waits(double scanSeconds, double workerSeconds) {}

  /**
   * Runs a whole rebuild on the calling thread and returns when the new tables are live; refused
   * with {@link IllegalStateException} when one runs already anywhere in the cluster.
   */
  public Outcome rebuild(String by, String node) {
    try (Connection lock = dataSource.getConnection()) {
      if (!tryLock(lock)) {
        throw new IllegalStateException("a rebuild is already running");
      }
      try {
        return run(by, node);
      } catch (RuntimeException | SQLException | InterruptedException e) {
        jdbc.update(
            "UPDATE read_model_rebuild SET state = 'FAILED', failure = ?, finished_at = now()"
                + " WHERE read_model = ?",
            String.valueOf(e),
            READ_MODEL);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      } finally {
        try (Statement s = lock.createStatement()) {
          s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a rebuild runs anywhere in the cluster now. */
  public boolean running() {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND ((classid::bigint << 32) | objid::bigint) = ?)",
            Boolean.class,
            LOCK_KEY));
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private Outcome run(String by, String node) throws SQLException, InterruptedException {
    long started = System.nanoTime();
    createTables();
    AtomicLong processed = new AtomicLong();
    AtomicLong scanWait = new AtomicLong();
    AtomicLong workerWait = new AtomicLong();
    TrackingToken snapshotToken;
    long total;
    try (Connection coordinator = dataSource.getConnection()) {
      coordinator.setAutoCommit(false);
      coordinator.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      String snapshot = one(coordinator, "SELECT pg_export_snapshot()");
      total = Long.parseLong(one(coordinator, "SELECT count(*) FROM domain_event_entry"));
      snapshotToken = snapshotToken(coordinator);
      announce("BULK", by, node, total);
      bulk(snapshot, processed, scanWait, workerWait);
      coordinator.commit();
    }
    long cellsStarted = System.nanoTime();
    sumCells();
    double cellsSeconds = (System.nanoTime() - cellsStarted) / 1e9;
    double bulkSeconds = (System.nanoTime() - started) / 1e9;
    createKeysAndIndexes();
    progress("CATCHING_UP", processed.get());
    TrackingToken token = snapshotToken;
    long caughtUp = 0;
    for (int round = 0; round < 20; round++) {
      long[] applied = {0};
      TrackingToken from = token;
      token = tx.execute(s -> catchUp(from, applied));
      caughtUp += applied[0];
      progress("CATCHING_UP", processed.get() + caughtUp);
      if (applied[0] < 2_000) {
        break;
      }
    }
    long[] delta = {0};
    for (int attempt = 1; ; attempt++) {
      TrackingToken last = token;
      try {
        tx.executeWithoutResult(s -> switchIn(last, by, delta));
        break;
      } catch (org.springframework.dao.DataAccessException e) {
        // a lock not had in time (a long batch of the live processor) or a deadlock: catch up
        // again and retry
        if (attempt == 5) {
          throw e;
        }
        delta[0] = 0;
        long[] applied = {0};
        token = tx.execute(s -> catchUp(last, applied));
        caughtUp += applied[0];
      }
    }
    caughtUp += delta[0];
    jdbc.update(
        "UPDATE read_model_rebuild SET state = 'SWITCHED', events_processed = ?, finished_at ="
            + " now(), heartbeat_at = now() WHERE read_model = ?",
        processed.get() + caughtUp,
        READ_MODEL);
    return new Outcome(
        processed.get(),
        bulkSeconds,
        cellsSeconds,
        caughtUp,
        (System.nanoTime() - started) / 1e9,
        new Waits(scanWait.get() / 1e9, workerWait.get() / 1e9));
  }

  /**
   * Records a rebuild as started (its row in {@code read_model_rebuild}, progress reset), for every
   * node to report.
   */
  private void announce(String state, String by, String node, long total) {
    jdbc.update(
        "INSERT INTO read_model_rebuild (read_model, state, started_at, started_by, node,"
            + " events_total, events_processed, heartbeat_at) VALUES (?, ?, now(), ?, ?, ?, 0, now())"
            + " ON CONFLICT (read_model) DO UPDATE SET state = excluded.state, started_at = now(),"
            + " started_by = excluded.started_by, node = excluded.node, events_total ="
            + " excluded.events_total, events_processed = 0, finished_at = NULL, failure = NULL,"
            + " heartbeat_at = now()",
        READ_MODEL,
        state,
        by,
        node,
        total);
  }

  /**
   * Claims the rebuild for the cluster: records it as {@code STARTING} unless one is recorded as
   * running with a heartbeat newer than {@code stale}. The check and the write are one statement,
   * so of two requests at once (on one node or two) one claims it and the other is told no, even
   * before the first one's worker has taken the lock {@link #rebuild} holds.
   *
   * @return whether this call claimed it
   */
  public boolean claim(String by, String node, long total, java.time.Duration stale) {
    return jdbc.update(
            "INSERT INTO read_model_rebuild (read_model, state, started_at, started_by, node,"
                + " events_total, events_processed, heartbeat_at) VALUES (?, 'STARTING', now(), ?,"
                + " ?, ?, 0, now()) ON CONFLICT (read_model) DO UPDATE SET state = excluded.state,"
                + " started_at = now(), started_by = excluded.started_by, node = excluded.node,"
                + " events_total = excluded.events_total, events_processed = 0, finished_at ="
                + " NULL, failure = NULL, heartbeat_at = now() WHERE read_model_rebuild.state NOT"
                + " IN ('STARTING', 'BULK', 'CATCHING_UP') OR read_model_rebuild.heartbeat_at <"
                + " now() - make_interval(secs => ?)",
            READ_MODEL,
            by,
            node,
            total,
            (double) stale.toSeconds())
        == 1;
  }

  private void progress(String state, long processed) {
    jdbc.update(
        "UPDATE read_model_rebuild SET state = ?, events_processed = ?, heartbeat_at = now()"
            + " WHERE read_model = ?",
        state,
        processed,
        READ_MODEL);
  }

  private void createTables() {
    for (int i = 0; i < ReadModelTables.LIVE.all().size(); i++) {
      String live = ReadModelTables.LIVE.all().get(i);
      String next = ReadModelTables.REBUILD.all().get(i);
      jdbc.execute("DROP TABLE IF EXISTS " + next);
      jdbc.execute("CREATE TABLE " + next + " (LIKE " + live + " INCLUDING DEFAULTS)");
    }
    jdbc.execute("DROP TABLE IF EXISTS " + CELL_PARTS);
    jdbc.execute(
        "CREATE UNLOGGED TABLE "
            + CELL_PARTS
            + " (LIKE "
            + ReadModelTables.LIVE.dayCells()
            + " INCLUDING DEFAULTS)");
  }

  /**
   * The tracking token of exactly the events the snapshot sees: its highest position, and as gaps
   * the positions below it (within Axon's gap window) it does not see — transactions still open
   * then, whose events the catch-up reads when they commit.
   */
  private static TrackingToken snapshotToken(Connection c) throws SQLException {
    long max =
        Long.parseLong(one(c, "SELECT coalesce(max(global_index), -1) FROM domain_event_entry"));
    if (max < 0) {
      return null;
    }
    TreeSet<Long> gaps = new TreeSet<>();
    long from = Math.max(0, max - GAP_WINDOW);
    for (long i = from; i < max; i++) {
      gaps.add(i);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT global_index FROM domain_event_entry WHERE global_index >= ? AND global_index < ?")) {
      s.setLong(1, from);
      s.setLong(2, max);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          gaps.remove(rs.getLong(1));
        }
      }
    }
    long lowest = Long.parseLong(one(c, "SELECT min(global_index) FROM domain_event_entry"));
    gaps.removeIf(g -> g < lowest);
    return GapAwareTrackingToken.newInstance(max, gaps);
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** One stored event, as read from the store. */
  private record Stored(
      long position,
      String eventId,
      String timestamp,
      String payloadType,
      String revision,
      byte[] payload,
      byte[] metaData) {}

  private static final List<Stored> END = new ArrayList<>();

  /** Reads the snapshot in journey order and hands whole journeys to the workers. */
  private void bulk(
      String snapshot, AtomicLong processed, AtomicLong scanWait, AtomicLong workerWait)
      throws SQLException, InterruptedException {
    BlockingQueue<List<Stored>> journeys = new ArrayBlockingQueue<>(512);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      running.add(pool.submit(() -> work(journeys, processed, workerWait)));
    }
    try (Connection reader = dataSource.getConnection()) {
      reader.setAutoCommit(false);
      reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      // binary results: bytea arrives as bytes, not hex text to decode
      reader.unwrap(PGConnection.class).setPrepareThreshold(-1);
      try (Statement s = reader.createStatement()) {
        s.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
      }
      try (PreparedStatement s =
          reader.prepareStatement(
              "SELECT global_index, aggregate_identifier, event_identifier, time_stamp, payload_type,"
                  + " payload_revision, payload, meta_data FROM domain_event_entry"
                  + " ORDER BY aggregate_identifier, sequence_number")) {
        s.setFetchSize(2_000);
        try (ResultSet rs = s.executeQuery()) {
          String current = null;
          List<Stored> journey = new ArrayList<>();
          while (rs.next()) {
            String aggregate = rs.getString(2);
            if (!aggregate.equals(current) && !journey.isEmpty()) {
              hand(journeys, journey, running, scanWait);
              journey = new ArrayList<>();
            }
            current = aggregate;
            journey.add(
                new Stored(
                    rs.getLong(1),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getBytes(7),
                    rs.getBytes(8)));
          }
          if (!journey.isEmpty()) {
            hand(journeys, journey, running, scanWait);
          }
        }
      }
      reader.commit();
    } finally {
      for (int i = 0; i < workers; i++) {
        journeys.put(END);
      }
      pool.shutdown();
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("rebuild worker failed", e.getCause());
      }
    }
  }

  private static void hand(
      BlockingQueue<List<Stored>> queue,
      List<Stored> journey,
      List<Future<?>> workers,
      AtomicLong waited)
      throws InterruptedException {
    if (queue.offer(journey)) {
      return;
    }
    long since = System.nanoTime();
    try {
      handWaiting(queue, journey, workers);
    } finally {
      waited.addAndGet(System.nanoTime() - since);
    }
  }

  private static void handWaiting(
      BlockingQueue<List<Stored>> queue, List<Stored> journey, List<Future<?>> workers)
      throws InterruptedException {
    while (!queue.offer(journey, 1, java.util.concurrent.TimeUnit.SECONDS)) {
      for (Future<?> w : workers) {
        if (w.isDone()) {
          return; // a worker failed: bulk() reports it
        }
      }
    }
  }

  private Void work(BlockingQueue<List<Stored>> journeys, AtomicLong processed, AtomicLong waited)
      throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      CopyVersionSink sink = new CopyVersionSink(json);
      long sinceReport = 0;
      while (true) {
        List<Stored> journey = journeys.poll();
        if (journey == null) {
          long since = System.nanoTime();
          journey = journeys.take();
          waited.addAndGet(System.nanoTime() - since);
        }
        if (journey == END) {
          break;
        }
        JourneyState state = new JourneyState();
        for (Stored e : journey) {
          Object payload =
              serializer.deserialize(
                  new SimpleSerializedObject<>(
                      e.payload(), byte[].class, e.payloadType(), e.revision()));
          if (payload instanceof JourneyEvent event) {
            JourneyVersioning.apply(state, event, recordedAt(e), e.position(), sink, aggregates);
          }
        }
        sink.endJourney();
        sinceReport += journey.size();
        if (sink.bufferedChars() > COPY_CHARS) {
          flush(copy, sink);
          processed.addAndGet(sinceReport);
          progress("BULK", processed.get());
          sinceReport = 0;
        }
        if (sink.bufferedCells() > maxCells) {
          copyIn(copy, CELL_PARTS, CellSums.DAY_COLUMNS, new StringBuilder(sink.cellText()));
        }
      }
      flush(copy, sink);
      copyIn(copy, CELL_PARTS, CellSums.DAY_COLUMNS, new StringBuilder(sink.cellText()));
      processed.addAndGet(sinceReport);
    }
    return null;
  }

  private Instant recordedAt(Stored e) {
    Instant stored = StoredTime.parse(e.timestamp());
    if (e.metaData() == null || !contains(e.metaData(), Provenance.RECORDED_AT)) {
      return stored; // the metadata cannot hold the key: no need to read it
    }
    return Provenance.recordedAt(recordedAtOnly(e.metaData()), stored, e.eventId());
  }

  /**
   * The metadata's {@code recordedAt} alone, as the whole map would give it ({@code null} when
   * absent or null, the last when repeated), read by streaming past the other keys: reading every
   * migrated event's whole metadata into a map was a tenth of a rebuild worker's time.
   */
  private Map<String, Object> recordedAtOnly(byte[] metaData) {
    try (JsonParser p = json.getFactory().createParser(metaData)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("event metadata is not a JSON object");
      }
      Object value = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = Provenance.RECORDED_AT.equals(p.currentName());
        JsonToken t = p.nextToken();
        if (!wanted) {
          p.skipChildren();
        } else if (t == JsonToken.VALUE_NULL) {
          value = null;
        } else if (t.isScalarValue()) {
          value = p.getText();
        } else {
          value = json.readTree(p).toString();
        }
      }
      return value == null ? Map.of() : Map.of(Provenance.RECORDED_AT, value);
    } catch (java.io.IOException ex) {
      throw new IllegalStateException("unreadable event metadata", ex);
    }
  }

  private static boolean contains(byte[] bytes, String ascii) {
    byte[] needle = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void flush(CopyManager copy, CopyVersionSink sink) throws Exception {
    copyIn(copy, ReadModelTables.REBUILD.facts(), CopyVersionSink.FACT_COLUMNS, sink.factText);
    copyIn(copy, ReadModelTables.REBUILD.spells(), CopyVersionSink.SPELL_COLUMNS, sink.spellText);
    copyIn(
        copy,
        ReadModelTables.REBUILD.placements(),
        CopyVersionSink.PLACEMENT_COLUMNS,
        sink.placementText);
    copyIn(
        copy,
        ReadModelTables.REBUILD.questions(),
        CopyVersionSink.QUESTION_COLUMNS,
        sink.questionText);
    copyIn(
        copy,
        ReadModelTables.REBUILD.contributions(),
        CopyVersionSink.CONTRIBUTION_COLUMNS,
        sink.contributionText);
  }

  /**
   * The metric cells of the new tables: the workers' partial sums (each worker sums the cells of
   * the journeys it versions, {@link CellSums}, and writes them when it has many or is done) added
   * up per cell and recorded day, then those per recorded month, then over every recorded time, as
   * the live projection adds each batch's sums to them (JdbcVersionSink#flush).
   */
  private void sumCells() {
    jdbc.update(
        "INSERT INTO "
            + ReadModelTables.REBUILD.dayCells()
            + " ("
            + CellSums.DAY_COLUMNS
            + ") SELECT family, breakdown, group_key, anchor_month, recorded_on, v1, v2, sum(n),"
            + " sum(s) FROM "
            + CELL_PARTS
            + " GROUP BY 1, 2, 3, 4, 5, 6, 7");
    jdbc.execute("DROP TABLE " + CELL_PARTS);
    jdbc.update(
        "INSERT INTO "
            + ReadModelTables.REBUILD.cells()
            + " ("
            + CellSums.COLUMNS
            + ") SELECT family, breakdown, group_key, anchor_month,"
            + " date_trunc('month', recorded_on)::date, v1, v2, sum(n), sum(s) FROM "
            + ReadModelTables.REBUILD.dayCells()
            + " GROUP BY 1, 2, 3, 4, 5, 6, 7");
    jdbc.update(
        "INSERT INTO "
            + ReadModelTables.REBUILD.totalCells()
            + " ("
            + CellSums.TOTAL_COLUMNS
            + ") SELECT family, breakdown, group_key, anchor_month, v1, v2, sum(n), sum(s) FROM "
            + ReadModelTables.REBUILD.cells()
            + " GROUP BY 1, 2, 3, 4, 5, 6");
    // the two hold every day cell written (V27); the folder rolls up the days after it
    jdbc.update(
        "INSERT INTO "
            + ReadModelTables.REBUILD.rollup()
            + " (through) SELECT max(recorded_on) FROM "
            + ReadModelTables.REBUILD.dayCells()
            + " HAVING max(recorded_on) IS NOT NULL");
  }

  private static void copyIn(CopyManager copy, String table, String columns, StringBuilder text)
      throws Exception {
    if (text.length() == 0) {
      return;
    }
    copy.copyIn(
        "COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
    text.setLength(0);
  }

  /** The live tables' keys and indexes, made again on the new tables under names of their own. */
  private void createKeysAndIndexes() {
    for (int i = 0; i < ReadModelTables.LIVE.all().size(); i++) {
      String live = ReadModelTables.LIVE.all().get(i);
      String next = ReadModelTables.REBUILD.all().get(i);
      for (Map.Entry<String, String> c : constraints(live).entrySet()) {
        jdbc.execute(
            "ALTER TABLE " + next + " ADD CONSTRAINT " + c.getKey() + "_rebuild " + c.getValue());
      }
      for (Map.Entry<String, String> index : indexes(live).entrySet()) {
        String def =
            index
                .getValue()
                .replaceFirst(
                    "^CREATE (UNIQUE )?INDEX " + index.getKey() + " ON (\\S+\\.)?" + live + " ",
                    "CREATE $1INDEX " + index.getKey() + "_rebuild ON " + next + " ");
        jdbc.execute(def);
      }
      // statistics for the planner, and the visibility map that lets the metric queries read
      // their index entries alone (V10) from the first query on, not only after autovacuum
      jdbc.execute("VACUUM (ANALYZE) " + next);
    }
  }

  private Map<String, String> constraints(String table) {
    Map<String, String> m = new LinkedHashMap<>();
    jdbc.query(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            + " WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'c') ORDER BY conname",
        rs -> {
          m.put(rs.getString(1), rs.getString(2));
        },
        table);
    return m;
  }

  private Map<String, String> indexes(String table) {
    Map<String, String> m = new LinkedHashMap<>();
    jdbc.query(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            + " WHERE i.indrelid = ?::regclass"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
            + " ORDER BY 1",
        rs -> {
          m.put(rs.getString(1), rs.getString(2));
        },
        table);
    return m;
  }

  /**
   * Applies to the new tables the events after {@code from} that the live processor has processed
   * already, up to the first it has not; returns the token after the last one applied.
   */
  private TrackingToken catchUp(TrackingToken from, long[] applied) {
    Map<Segment, GapAwareTrackingToken> live = liveTokens();
    JdbcVersionSink sink = new JdbcVersionSink(jdbc, json, ReadModelTables.REBUILD);
    Map<UUID, JourneyState> journeys = new HashMap<>();
    TrackingToken token = from;
    try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
      for (java.util.Iterator<? extends TrackedEventMessage<?>> it = stream.iterator();
          it.hasNext(); ) {
        TrackedEventMessage<?> m = it.next();
        if (!seenByLive(m, live)) {
          break; // never ahead of the live processor: at the switch it goes on from its tokens
        }
        apply(m, sink, journeys);
        applied[0]++;
        token = m.trackingToken();
        if (applied[0] % CATCH_UP_FLUSH == 0) {
          sink.flush();
        }
      }
    }
    sink.flush();
    return token;
  }

  private static boolean seenByLive(
      TrackedEventMessage<?> m, Map<Segment, GapAwareTrackingToken> live) {
    long index = m.trackingToken().position().orElse(-1);
    GapAwareTrackingToken seen = live.get(segmentOf(m, live));
    return index <= seen.getIndex() && !seen.getGaps().contains(index);
  }

  private void apply(
      TrackedEventMessage<?> m, JdbcVersionSink sink, Map<UUID, JourneyState> journeys) {
    if (m.getPayload() instanceof JourneyEvent event) {
      JourneyState state = journeys.computeIfAbsent(event.serviceUserId(), sink::load);
      long position = m.trackingToken().position().orElse(-1);
      JourneyVersioning.apply(state, event, Provenance.recordedAt(m), position, sink, aggregates);
    }
  }

  /**
   * The analysts' views over the live tables (the repeatable migration, run again at each switch).
   */
  static final String ANALYTICS_VIEWS = analyticsViews();

  private static String analyticsViews() {
    try (java.io.InputStream in =
        ReadModelRebuilder.class.getResourceAsStream("/db/migration/R__analytics_views.sql")) {
      if (in == null) {
        throw new IllegalStateException(
            "db/migration/R__analytics_views.sql is not on the classpath");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The switch, in the caller's transaction (see the class comment). */
  private void switchIn(TrackingToken from, String by, long[] applied) {
    jdbc.execute("SET LOCAL lock_timeout = '30s'");
    jdbc.execute(
        "LOCK TABLE "
            + String.join(", ", ReadModelTables.LIVE.all())
            + " IN ACCESS EXCLUSIVE MODE");
    jdbc.update(
        "UPDATE read_model_generation SET generation = generation + 1, switched_at = now(),"
            + " switched_by = ?, metric_aggregates = TRUE WHERE read_model = ?",
        by,
        READ_MODEL);
    Map<Segment, GapAwareTrackingToken> live = liveTokens();
    long highest =
        live.values().stream().mapToLong(GapAwareTrackingToken::getIndex).max().orElse(-1);
    JdbcVersionSink sink = new JdbcVersionSink(jdbc, json, ReadModelTables.REBUILD);
    Map<UUID, JourneyState> journeys = new HashMap<>();
    if (highest >= 0) {
      try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
        for (java.util.Iterator<? extends TrackedEventMessage<?>> it = stream.iterator();
            it.hasNext(); ) {
          TrackedEventMessage<?> m = it.next();
          long index = m.trackingToken().position().orElse(-1);
          if (index > highest) {
            break;
          }
          if (seenByLive(m, live)) { // the others are gaps of the live tokens: it goes on with them
            apply(m, sink, journeys);
            applied[0]++;
          }
        }
      }
    }
    sink.flush();
    // the analysts' views read the live tables: dropped before the tables are, made again after
    jdbc.execute("DROP SCHEMA IF EXISTS analytics CASCADE");
    List<String> renames = new ArrayList<>();
    for (int i = 0; i < ReadModelTables.LIVE.all().size(); i++) {
      String table = ReadModelTables.LIVE.all().get(i);
      String next = ReadModelTables.REBUILD.all().get(i);
      for (String c : constraints(next).keySet()) {
        renames.add(
            "ALTER TABLE "
                + table
                + " RENAME CONSTRAINT "
                + c
                + " TO "
                + c.substring(0, c.length() - "_rebuild".length()));
      }
      for (String index : indexes(next).keySet()) {
        renames.add(
            "ALTER INDEX " + index + " RENAME TO " + index.substring(0, index.length() - 8));
      }
      jdbc.execute("DROP TABLE " + table);
      jdbc.execute("ALTER TABLE " + next + " RENAME TO " + table);
    }
    renames.forEach(jdbc::execute);
    jdbc.execute(ANALYTICS_VIEWS);
    moveLiveTokensTo(from, live);
  }

  /**
   * Where the snapshot saw events the live processor had not processed yet (it lagged, or was
   * stopped), the new tables hold them already: each segment's token is moved on to cover what the
   * new tables hold, and its claim released, so the processor — on whichever node — claims it again
   * from the moved token instead of applying those events a second time. A batch it had under way
   * fails to store its token and is rolled back (Axon retries it from the new token).
   */
  private void moveLiveTokensTo(TrackingToken rebuilt, Map<Segment, GapAwareTrackingToken> live) {
    if (!(rebuilt instanceof GapAwareTrackingToken r)) {
      return; // an empty store: nothing the live processor has not seen
    }
    for (Map.Entry<Segment, GapAwareTrackingToken> e : live.entrySet()) {
      GapAwareTrackingToken l = e.getValue();
      GapAwareTrackingToken union = union(r, l);
      if (union.equals(l)) {
        continue;
      }
      try {
        jdbc.update(
            "UPDATE token_entry SET token = ?, owner = NULL WHERE processor_name = ? AND segment = ?",
            json.writeValueAsBytes(
                Map.of("index", union.getIndex(), "gaps", List.copyOf(union.getGaps()))),
            READ_MODEL,
            e.getKey().getSegmentId());
      } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
        throw new IllegalStateException(x);
      }
    }
  }

  /** The token of every event either token covers. */
  static GapAwareTrackingToken union(GapAwareTrackingToken a, GapAwareTrackingToken b) {
    long index = Math.max(a.getIndex(), b.getIndex());
    TreeSet<Long> gaps = new TreeSet<>();
    for (TreeSet<Long> candidates :
        List.of(new TreeSet<>(a.getGaps()), new TreeSet<>(b.getGaps()))) {
      for (long g : candidates) {
        if (!covers(a, g) && !covers(b, g)) {
          gaps.add(g);
        }
      }
    }
    return GapAwareTrackingToken.newInstance(index, gaps);
  }

  private static boolean covers(GapAwareTrackingToken t, long index) {
    return index <= t.getIndex() && !t.getGaps().contains(index);
  }

  /**
   * The live processor's token per segment. With the live tables locked they cannot move: a batch
   * stores its token in the transaction of its writes, and it cannot write.
   */
  private Map<Segment, GapAwareTrackingToken> liveTokens() {
    Map<Integer, GapAwareTrackingToken> bySegment = new LinkedHashMap<>();
    jdbc.query(
        "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?"
            + " ORDER BY segment",
        rs -> {
          String type = rs.getString(3);
          byte[] bytes = rs.getBytes(2);
          if (bytes == null || type == null || !type.endsWith("GapAwareTrackingToken")) {
            throw new IllegalStateException(
                "the journey-history processor is not at a plain position ("
                    + type
                    + "): is it"
                    + " replaying? Try again when it has caught up");
          }
          try {
            JsonNode t = json.readTree(bytes);
            TreeSet<Long> gaps = new TreeSet<>();
            t.path("gaps").forEach(g -> gaps.add(g.asLong()));
            bySegment.put(
                rs.getInt(1), GapAwareTrackingToken.newInstance(t.get("index").asLong(), gaps));
          } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable token", e);
          }
        },
        READ_MODEL);
    if (bySegment.isEmpty()) {
      throw new IllegalStateException("the journey-history processor has no token yet");
    }
    int[] ids = bySegment.keySet().stream().mapToInt(Integer::intValue).toArray();
    Map<Segment, GapAwareTrackingToken> m = new LinkedHashMap<>();
    bySegment.forEach((id, t) -> m.put(Segment.computeSegment(id, ids), t));
    return m;
  }

  /** The segment that handles an event: Axon's sequencing per aggregate. */
  private static Segment segmentOf(TrackedEventMessage<?> m, Map<Segment, ?> segments) {
    Object sequence =
        m instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : m.getIdentifier();
    Optional<Segment> s = segments.keySet().stream().filter(x -> x.matches(sequence)).findFirst();
    return s.orElseThrow(() -> new IllegalStateException("no segment for " + sequence));
  }
}
