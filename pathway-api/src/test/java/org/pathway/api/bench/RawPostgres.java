package org.pathway.api.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The ceiling every Pathway figure is a ratio of: plain JDBC inserts of event-sized rows into a
 * table shaped like {@code domain_event_entry} (same columns, same unique constraints), on the same
 * PostgreSQL, with the same durability settings, in the same run. No framework, no HTTP, no JSON.
 */
final class RawPostgres {
  /** One measured figure: rows/s and the latency of one transaction. */
  record Figure(String name, int clients, long rows, double seconds, Histogram latency) {
    double perSecond() {
      return rows / seconds;
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%s, %d client(s): %d rows in %.1f s = %.0f rows/s; per transaction p50 %.2f ms, p99 %.2f"
              + " ms",
          name,
          clients,
          rows,
          seconds,
          perSecond(),
          latency.getValueAtPercentile(50) / 1e6,
          latency.getValueAtPercentile(99) / 1e6);
    }
  }

  private static final String TABLE = "bench_raw_event";
  private static final byte[] PAYLOAD = payload(420);
  private static final byte[] META = payload(160);

  private final DataSource dataSource;

  RawPostgres(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void create() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute("DROP TABLE IF EXISTS " + TABLE);
      c.createStatement()
          .execute(
              "CREATE TABLE "
                  + TABLE
                  + " (global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL"
                  + " UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT"
                  + " NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL, payload_type"
                  + " VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), payload BYTEA NOT NULL,"
                  + " meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
    }
  }

  void drop() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute("DROP TABLE IF EXISTS " + TABLE);
    }
  }

  /** Each client appends one row per transaction (autocommit), as one command would. */
  Figure singleAppends(int clients, int seconds) throws Exception {
    return drive("raw single-row append", clients, seconds, 1);
  }

  /** Each client appends rows in transactions of {@code batch} rows (one JDBC batch each). */
  Figure batchedAppends(int clients, int seconds, int batch) throws Exception {
    return drive("raw batched append (" + batch + " rows/transaction)", clients, seconds, batch);
  }

  private Figure drive(String name, int clients, int seconds, int batch) throws Exception {
    Histogram latency = new ConcurrentHistogram(Duration.ofMinutes(1).toNanos(), 3);
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Long>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      done.add(pool.submit(() -> appendUntil(deadline, batch, latency)));
    }
    long rows = 0;
    for (Future<Long> f : done) {
      rows += f.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Figure(name, clients, rows, elapsed, latency);
  }

  private long appendUntil(long deadline, int batch, Histogram latency) throws SQLException {
    long rows = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(batch == 1);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                  + " payload_type, payload_revision, payload, meta_data) VALUES"
                  + " (?, ?, ?, 'Journey', ?, 'org.pathway.domain.journey.LeaveStarted', '1', ?,"
                  + " ?)")) {
        String aggregate = UUID.randomUUID().toString();
        long sequence = 0;
        while (System.nanoTime() < deadline) {
          long t0 = System.nanoTime();
          for (int i = 0; i < batch; i++) {
            if (sequence == 20) {
              aggregate = UUID.randomUUID().toString();
              sequence = 0;
            }
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate);
            insert.setLong(3, sequence++);
            insert.setString(4, java.time.Instant.now().toString());
            insert.setBytes(5, PAYLOAD);
            insert.setBytes(6, META);
            if (batch == 1) {
              insert.executeUpdate();
            } else {
              insert.addBatch();
            }
          }
          if (batch > 1) {
            insert.executeBatch();
            c.commit();
          }
          latency.recordValue(Math.min(System.nanoTime() - t0, latency.getHighestTrackableValue()));
          rows += batch;
        }
      }
    }
    return rows;
  }

  private static byte[] payload(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'x');
    return b;
  }
}
