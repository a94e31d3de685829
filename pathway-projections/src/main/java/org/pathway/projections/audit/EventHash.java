package org.pathway.projections.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The seal of one stored event: SHA-256 over the previous seal's hash and every stored column of
 * the event (global index, identifiers, sequence number, type, timestamp, payload type and
 * revision, payload and metadata bytes), each length-prefixed so no two different rows hash alike.
 * Computed from the stored bytes, so verification needs no deserialisation and detects any change
 * of content or position.
 */
public final class EventHash {
  public static final byte[] GENESIS = new byte[32];

  /** The columns hashed, in order. */
  public static final String COLUMNS =
      "global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
          + " payload_revision, payload, meta_data";

  private EventHash() {}

  public static byte[] of(byte[] previous, ResultSet row) throws SQLException {
    MessageDigest sha = sha256();
    sha.update(previous);
    field(sha, Long.toString(row.getLong("global_index")));
    field(sha, row.getString("event_identifier"));
    field(sha, row.getString("aggregate_identifier"));
    field(sha, Long.toString(row.getLong("sequence_number")));
    field(sha, row.getString("type"));
    field(sha, row.getString("time_stamp"));
    field(sha, row.getString("payload_type"));
    field(sha, row.getString("payload_revision"));
    field(sha, row.getBytes("payload"));
    field(sha, row.getBytes("meta_data"));
    return sha.digest();
  }

  private static void field(MessageDigest sha, String value) {
    field(sha, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(MessageDigest sha, byte[] value) {
    sha.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
    if (value != null) {
      sha.update(value);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
