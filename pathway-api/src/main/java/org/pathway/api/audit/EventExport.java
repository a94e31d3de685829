package org.pathway.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pathway.api.error.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Export of the event stream (all of it, or one service user's) as NDJSON in global order, exactly
 * as stored, and its replay into an empty installation. Identity details are not part of the stream
 * and are not exported.
 */
@Service
public class EventExport {
  private static final int BATCH = 1000;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate transactions;

  EventExport(JdbcTemplate jdbc, ObjectMapper json, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.transactions = transactions;
  }

  public void export(UUID serviceUserId, OutputStream out) {
    String where = serviceUserId == null ? "" : " WHERE aggregate_identifier = ?";
    Object[] args = serviceUserId == null ? new Object[0] : new Object[] {serviceUserId.toString()};
    jdbc.query(
        con -> {
          var ps =
              con.prepareStatement(
                  "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                      + " payload_type, payload_revision, payload, meta_data FROM domain_event_entry"
                      + where
                      + " ORDER BY global_index");
          ps.setFetchSize(1000);
          for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
          }
          return ps;
        },
        (org.springframework.jdbc.core.RowCallbackHandler)
            rs -> {
              try {
                ObjectNode line = json.createObjectNode();
                line.put("globalIndex", rs.getLong(1));
                line.put("eventIdentifier", rs.getString(2));
                line.put("aggregateIdentifier", rs.getString(3));
                line.put("sequenceNumber", rs.getLong(4));
                line.put("type", rs.getString(5));
                line.put("timeStamp", rs.getString(6));
                line.put("payloadType", rs.getString(7));
                line.put("payloadRevision", rs.getString(8));
                line.set("payload", json.readTree(rs.getBytes(9)));
                byte[] meta = rs.getBytes(10);
                line.set("metaData", meta == null ? null : json.readTree(meta));
                out.write(json.writeValueAsBytes(line));
                out.write('\n');
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** Appends an export, in its order, to an empty event store; returns the number of events. */
  public long replay(BufferedReader in) throws IOException {
    Long existing = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    if (existing != null && existing > 0) {
      throw ApiProblem.conflict(
          "EVENT_STORE_NOT_EMPTY",
          null,
          "a replay goes only into an empty installation (" + existing + " events)");
    }
    long count = 0;
    List<Object[]> batch = new ArrayList<>();
    String line;
    long lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode e;
      try {
        e = json.readTree(line);
      } catch (IOException ex) {
        throw ApiProblem.badRequest("line " + lineNo, "line " + lineNo + " is not JSON");
      }
      if (!e.hasNonNull("eventIdentifier")
          || !e.hasNonNull("payload")
          || !e.hasNonNull("payloadType")) {
        throw ApiProblem.badRequest(
            "line " + lineNo, "line " + lineNo + " is not an exported event");
      }
      batch.add(
          new Object[] {
            e.get("eventIdentifier").asText(),
            e.get("aggregateIdentifier").asText(),
            e.get("sequenceNumber").asLong(),
            text(e, "type"),
            e.get("timeStamp").asText(),
            e.get("payloadType").asText(),
            text(e, "payloadRevision"),
            json.writeValueAsString(e.get("payload")).getBytes(StandardCharsets.UTF_8),
            e.hasNonNull("metaData")
                ? json.writeValueAsString(e.get("metaData")).getBytes(StandardCharsets.UTF_8)
                : null
          });
      if (batch.size() == BATCH) {
        count += flush(batch);
      }
    }
    count += flush(batch);
    return count;
  }

  private int flush(List<Object[]> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    int n = batch.size();
    List<Object[]> copy = List.copyOf(batch);
    batch.clear();
    transactions.executeWithoutResult(
        tx ->
            jdbc.batchUpdate(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                    + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                copy));
    return n;
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
