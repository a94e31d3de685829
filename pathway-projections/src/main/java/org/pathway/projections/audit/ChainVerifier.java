package org.pathway.projections.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the hash chain from the first seal and recomputes every hash from the stored event: reports
 * either "intact up to event N" or the first event whose content, position or presence no longer
 * matches.
 */
@Component
public class ChainVerifier {
  private static final int CHUNK = 5000;
  private final JdbcTemplate jdbc;

  public ChainVerifier(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The head of the chain, to be published and kept by auditors so that truncation can be detected.
   */
  public record Head(
      long sealedEvents,
      Long lastGlobalIndex,
      String hash,
      Instant sealedAt,
      long eventsNotYetSealed) {}

  /**
   * @param intact whether every sealed event still matches its seal
   * @param verifiedUpToGlobalIndex the last event verified
   * @param problem what is wrong first ({@code CONTENT_CHANGED}, {@code MISSING}, {@code UNSEALED},
   *     {@code BROKEN_LINK}), or null
   * @param atGlobalIndex where
   */
  public record Result(
      boolean intact,
      long verifiedEvents,
      Long verifiedUpToGlobalIndex,
      String headHash,
      String problem,
      Long atGlobalIndex,
      String detail) {}

  public Head head() {
    List<Head> head =
        jdbc.query(
            "SELECT s.seal_seq, s.global_index, s.hash, s.sealed_at,"
                + " (SELECT count(*) FROM domain_event_entry e WHERE e.global_index > s.global_index)"
                + " FROM event_seal s ORDER BY s.seal_seq DESC LIMIT 1",
            (rs, i) ->
                new Head(
                    rs.getLong(1),
                    rs.getLong(2),
                    HexFormat.of().formatHex(rs.getBytes(3)),
                    rs.getTimestamp(4).toInstant(),
                    rs.getLong(5)));
    if (head.isEmpty()) {
      long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
      return new Head(0, null, HexFormat.of().formatHex(EventHash.GENESIS), null, events);
    }
    return head.get(0);
  }

  public Result verify() {
    byte[] previous = EventHash.GENESIS;
    long verified = 0;
    Long lastIndex = null;
    long fromSeq = 0;
    while (true) {
      byte[] chainStart = previous;
      List<Checked> chunk =
          jdbc.query(
              "SELECT s.seal_seq, s.global_index AS sealed_index, s.hash AS seal_hash, s.previous_hash,"
                  + " e.global_index IS NOT NULL AS present, e.global_index, e.event_identifier,"
                  + " e.aggregate_identifier, e.sequence_number, e.type, e.time_stamp, e.payload_type,"
                  + " e.payload_revision, e.payload, e.meta_data"
                  + " FROM event_seal s LEFT JOIN domain_event_entry e ON e.global_index = s.global_index"
                  + " WHERE s.seal_seq > ? ORDER BY s.seal_seq LIMIT "
                  + CHUNK,
              (rs, i) ->
                  new Checked(
                      rs.getLong("seal_seq"),
                      rs.getLong("sealed_index"),
                      rs.getBytes("seal_hash"),
                      rs.getBytes("previous_hash"),
                      rs.getBoolean("present") ? rs : null),
              fromSeq);
      if (chunk.isEmpty()) {
        break;
      }
      for (Checked seal : chunk) {
        if (!Arrays.equals(seal.previous(), previous)) {
          return broken(
              verified,
              lastIndex,
              previous,
              "BROKEN_LINK",
              seal.globalIndex(),
              "the seal of event " + seal.globalIndex() + " does not follow the previous seal");
        }
        if (seal.recomputed() == null) {
          return broken(
              verified,
              lastIndex,
              previous,
              "MISSING",
              seal.globalIndex(),
              "event " + seal.globalIndex() + " was sealed but is no longer in the event store");
        }
        if (!Arrays.equals(seal.recomputed(), seal.hash())) {
          return broken(
              verified,
              lastIndex,
              previous,
              "CONTENT_CHANGED",
              seal.globalIndex(),
              "event "
                  + seal.globalIndex()
                  + " no longer matches its seal (content or position changed)");
        }
        previous = seal.hash();
        lastIndex = seal.globalIndex();
        verified++;
        fromSeq = seal.seq();
      }
      if (chainStart == previous) {
        break;
      }
    }
    List<Long> unsealed =
        lastIndex == null
            ? List.of()
            : jdbc.queryForList(
                "SELECT e.global_index FROM domain_event_entry e LEFT JOIN event_seal s"
                    + " ON s.global_index = e.global_index WHERE s.global_index IS NULL AND e.global_index < ?"
                    + " ORDER BY e.global_index LIMIT 1",
                Long.class,
                lastIndex);
    if (!unsealed.isEmpty()) {
      return broken(
          verified,
          lastIndex,
          previous,
          "UNSEALED",
          unsealed.get(0),
          "event "
              + unsealed.get(0)
              + " lies inside the sealed range but has no seal (inserted afterwards)");
    }
    return new Result(
        true,
        verified,
        lastIndex,
        HexFormat.of().formatHex(previous),
        null,
        null,
        lastIndex == null ? "nothing sealed yet" : "intact up to event " + lastIndex);
  }

  private static Result broken(
      long verified, Long lastIndex, byte[] previous, String problem, long at, String detail) {
    return new Result(
        false, verified, lastIndex, HexFormat.of().formatHex(previous), problem, at, detail);
  }

  /**
   * One seal and the hash recomputed from the stored row. The hash chains on the seal's own
   * previous hash here; the link itself is checked separately, so a changed row and a broken link
   * are told apart.
   */
  private record Checked(
      long seq, long globalIndex, byte[] hash, byte[] previous, byte[] recomputed) {
    Checked(long seq, long globalIndex, byte[] hash, byte[] previous, java.sql.ResultSet row)
        throws java.sql.SQLException {
      this(seq, globalIndex, hash, previous, row == null ? null : EventHash.of(previous, row));
    }
  }
}
