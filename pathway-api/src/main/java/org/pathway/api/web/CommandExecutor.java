package org.pathway.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.pathway.api.config.AxonConfiguration;
import org.pathway.api.config.ConcurrentAppendDetector;
import org.pathway.api.config.JourneyCache;
import org.pathway.api.error.ApiProblem;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.JourneyRejection;
import org.pathway.domain.journey.Recorded;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a command for an HTTP request: in one transaction it claims the idempotency key, sends the
 * command (whose events join the same transaction) and stores the response under the key. A retry
 * with the same key and request gets the stored response and appends nothing; the same key with a
 * different request is refused. A rejected command rolls everything back, so nothing is stored and
 * the key stays free.
 */
@Component
public class CommandExecutor {
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private final CommandGateway commands;
  private final TransactionTemplate transactions;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final ConcurrentAppendDetector concurrentAppends;
  private final JourneyCache journeys;

  /** Whether the attempt running on this thread judged a command on a cached journey. */
  private final ThreadLocal<boolean[]> judgedOnCache =
      ThreadLocal.withInitial(() -> new boolean[1]);

  CommandExecutor(
      CommandGateway commands,
      TransactionTemplate transactions,
      JdbcTemplate jdbc,
      ObjectMapper json,
      ConcurrentAppendDetector concurrentAppends,
      JourneyCache journeys) {
    this.commands = commands;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.json = json;
    this.concurrentAppends = concurrentAppends;
    this.journeys = journeys;
  }

  /** What a successful request answers. */
  public record Outcome(HttpStatus status, URI location, long version, Object body) {}

  /**
   * Sends one command and returns its result ({@link Recorded} for journey commands, the id for a
   * registration). To be called inside {@link #execute}, so that the events join its transaction.
   */
  public <R> R send(Object command, String author, String idempotencyKey) {
    Map<String, Object> metaData =
        idempotencyKey == null
            ? Map.of(AxonConfiguration.AUTHOR, author)
            : Map.of(
                AxonConfiguration.AUTHOR,
                author,
                AxonConfiguration.IDEMPOTENCY_KEY,
                idempotencyKey);
    if (command instanceof JourneyCommand c) {
      if (journeys.holds(c.serviceUserId())) {
        judgedOnCache.get()[0] = true;
      }
      journeys.evictUnlessCommitted(c.serviceUserId());
    }
    return commands.sendAndWait(
        GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
  }

  /**
   * @param idempotencyKey the client's key, or {@code null}
   * @param request what identifies the request (method, path, body) for detecting key reuse
   */
  public ResponseEntity<Object> execute(
      String idempotencyKey, List<Object> request, Supplier<Outcome> work) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw ApiProblem.badRequest(
          IDEMPOTENCY_KEY_HEADER, "Idempotency-Key must be 1 to 200 characters");
    }
    String fingerprint = fingerprint(request);
    boolean refusalConfirmed = false;
    for (int attempt = 1; ; attempt++) {
      judgedOnCache.get()[0] = false;
      try {
        return transactions.execute(
            tx -> {
              if (idempotencyKey != null) {
                ResponseEntity<Object> earlier = claim(idempotencyKey, fingerprint);
                if (earlier != null) {
                  return earlier;
                }
              }
              Outcome outcome = work.get();
              if (idempotencyKey != null) {
                remember(idempotencyKey, outcome);
              }
              return respond(outcome);
            });
      } catch (JourneyRejection e) {
        if (!judgedOnCache.get()[0] || refusalConfirmed) {
          throw e;
        }
        // Refused on a journey held in memory: another node may have changed it since. The
        // rollback evicted it, so the command is judged once more on the journey in the store.
        refusalConfirmed = true;
      } catch (ApiProblem e) {
        throw e;
      } catch (RuntimeException e) {
        if (!concurrentAppends.isConcurrentAppend(e)) {
          throw e;
        }
        // Another request (on this node or another) appended to the journey first. The command is
        // judged again on the journey as it now is: an If-Match request then gets its 412, any
        // other is accepted or refused by the rules, exactly as if it had come a moment later.
        if (attempt == CONCURRENT_APPEND_ATTEMPTS) {
          throw ApiProblem.conflict(
              "CONCURRENT_CHANGE",
              null,
              "the journey was changed by other requests at the same time; reload it and retry");
        }
      }
    }
  }

  /** How often a command is tried when another writer appends to its journey first. */
  static final int CONCURRENT_APPEND_ATTEMPTS = 5;

  private ResponseEntity<Object> claim(String key, String fingerprint) {
    int claimed =
        jdbc.update(
            "INSERT INTO command_idempotency (idempotency_key, request_hash) VALUES (?, ?)"
                + " ON CONFLICT (idempotency_key) DO NOTHING",
            key,
            fingerprint);
    if (claimed == 1) {
      return null;
    }
    return jdbc.queryForObject(
        "SELECT request_hash, status, location, etag, response FROM command_idempotency WHERE idempotency_key = ?",
        (rs, i) -> {
          if (!rs.getString("request_hash").equals(fingerprint)) {
            throw ApiProblem.conflict(
                "IDEMPOTENCY_KEY_REUSED",
                IDEMPOTENCY_KEY_HEADER,
                "this Idempotency-Key was used for a different request");
          }
          ResponseEntity.BodyBuilder builder =
              ResponseEntity.status(rs.getInt("status")).header(REPLAYED_HEADER, "true");
          if (rs.getString("location") != null) {
            builder.location(URI.create(rs.getString("location")));
          }
          if (rs.getString("etag") != null) {
            builder.eTag(rs.getString("etag"));
          }
          return builder.body(readTree(rs.getString("response")));
        },
        key);
  }

  private void remember(String key, Outcome outcome) {
    try {
      jdbc.update(
          "UPDATE command_idempotency SET status = ?, location = ?, etag = ?, response = ? WHERE idempotency_key = ?",
          outcome.status().value(),
          outcome.location() == null ? null : outcome.location().toString(),
          Versions.etag(outcome.version()),
          json.writeValueAsString(outcome.body()),
          key);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseEntity<Object> respond(Outcome outcome) {
    ResponseEntity.BodyBuilder builder =
        ResponseEntity.status(outcome.status()).eTag(Versions.etag(outcome.version()));
    if (outcome.location() != null) {
      builder.location(outcome.location());
    }
    return builder.body(outcome.body());
  }

  private JsonNode readTree(String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String fingerprint(List<Object> request) {
    try {
      byte[] canonical = json.writeValueAsBytes(request);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
