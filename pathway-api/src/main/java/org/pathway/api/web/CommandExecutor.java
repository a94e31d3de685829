package org.pathway.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.pathway.api.config.AxonConfiguration;
import org.pathway.api.config.ConcurrentAppendDetector;
import org.pathway.api.config.JourneyCache;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.error.DatabaseOutage;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.JourneyRejection;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs commands: in one transaction it looks the idempotency key up, sends the command (whose
 * events join the same transaction) and stores the answer under the key. A retry with the same key
 * and request gets the stored answer and appends nothing; the same key with a different request is
 * refused. A refused command rolls everything back, so nothing is stored and the key stays free.
 *
 * <p>{@link #execute} runs one request in its own transaction (the REST API); {@link #executeBatch}
 * runs many in one transaction, each in a savepoint so that a refused one leaves the others (bulk
 * import). Either way the answer is typed: {@link Executed} or, in a batch, {@link Refused}.
 */
@Component
public class CommandExecutor {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(CommandExecutor.class);
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** How often a command is tried when another writer appends to its journey first. */
  static final int CONCURRENT_APPEND_ATTEMPTS = 5;

  private final CommandGateway commands;
  private final TransactionTemplate transactions;
  private final TransactionTemplate savepoints;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final ConcurrentAppendDetector concurrentAppends;
  private final JourneyCache journeys;
  private final CommandMetrics metrics;

  /** The journeys the attempt running on this thread sent commands to, and whether from cache. */
  private final ThreadLocal<Attempt> attempts = ThreadLocal.withInitial(Attempt::new);

  private static final class Attempt {
    boolean judgedOnCache;
    final Set<UUID> journeys = new HashSet<>();

    void reset() {
      judgedOnCache = false;
      journeys.clear();
    }
  }

  CommandExecutor(
      CommandGateway commands,
      PlatformTransactionManager transactionManager,
      JdbcTemplate jdbc,
      ObjectMapper json,
      ConcurrentAppendDetector concurrentAppends,
      JourneyCache journeys,
      CommandMetrics metrics) {
    this.commands = commands;
    this.transactions = new TransactionTemplate(transactionManager);
    this.savepoints = new TransactionTemplate(transactionManager);
    this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.jdbc = jdbc;
    this.json = json;
    this.concurrentAppends = concurrentAppends;
    this.journeys = journeys;
    this.metrics = metrics;
  }

  /** What a successful command answers: HTTP status, location, journey version and body. */
  public record Outcome<T>(HttpStatus status, URI location, long version, T body) {}

  /** A command's answer, and whether it is the stored answer of an earlier identical request. */
  public record Executed<T>(Outcome<T> outcome, boolean replayed) implements Result<T> {
    public ResponseEntity<T> toResponse() {
      ResponseEntity.BodyBuilder builder =
          ResponseEntity.status(outcome.status()).eTag(Versions.etag(outcome.version()));
      if (outcome.location() != null) {
        builder.location(outcome.location());
      }
      if (replayed) {
        builder.header(REPLAYED_HEADER, "true");
      }
      return builder.body(outcome.body());
    }
  }

  /** One command of a batch. */
  public record Item<T>(
      String idempotencyKey, List<Object> request, Class<T> answer, Supplier<Outcome<T>> work) {}

  /** What happened to one command of a batch. */
  public sealed interface Result<T> permits Executed, Refused {}

  /** A command of a batch that was refused (a rule, a malformed value, a stale version). */
  public record Refused<T>(RuntimeException reason) implements Result<T> {}

  /**
   * Sends one command and returns its result ({@code Recorded} for journey commands). To be called
   * inside {@link #execute} or {@link #executeBatch}, so that the events join its transaction.
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
    return send(command, metaData);
  }

  /** As {@link #send(Object, String, String)}, with the events' metadata given whole. */
  public <R> R send(Object command, Map<String, ?> metaData) {
    metrics.sending(command);
    if (command instanceof JourneyCommand c) {
      Attempt attempt = attempts.get();
      if (journeys.holds(c.serviceUserId())) {
        attempt.judgedOnCache = true;
      }
      attempt.journeys.add(c.serviceUserId());
      journeys.evictUnlessCommitted(c.serviceUserId());
    }
    return commands.sendAndWait(
        GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
  }

  /**
   * Runs one request in its own transaction, retried when another writer appended to the same
   * journey first.
   *
   * @param idempotencyKey the client's key, or {@code null}
   * @param request what identifies the request (method, path, body) for detecting key reuse
   * @param answer the type of the answer's body (to read a stored answer back)
   */
  public <T> Executed<T> execute(
      String idempotencyKey, List<Object> request, Class<T> answer, Supplier<Outcome<T>> work) {
    CommandMetrics.Measurement measured = metrics.start();
    try {
      Executed<T> executed = executeOnce(idempotencyKey, request, answer, work);
      measured.finish(executed).record();
      return executed;
    } catch (RuntimeException e) {
      measured.finish(e).record();
      throw e;
    }
  }

  private <T> Executed<T> executeOnce(
      String idempotencyKey, List<Object> request, Class<T> answer, Supplier<Outcome<T>> work) {
    checkKey(idempotencyKey);
    Item<T> item = new Item<>(idempotencyKey, request, answer, work);
    String fingerprint = fingerprint(request);
    boolean refusalConfirmed = false;
    for (int attempt = 1; ; attempt++) {
      attempts.get().reset();
      try {
        return transactions.execute(tx -> run(item, fingerprint));
      } catch (JourneyRejection e) {
        if (!attempts.get().judgedOnCache || refusalConfirmed) {
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
      } finally {
        attempts.get().reset();
      }
    }
  }

  /**
   * Runs the commands in one transaction, each in a savepoint: a refused command is rolled back to
   * its savepoint and reported, the others are kept. The answers are those the same commands would
   * get one by one, in order. When the transaction cannot commit as a whole (another writer
   * appended to one of its journeys, a deadlock with another importer) nothing of it is kept and
   * the commands are run one by one instead. A lost database is not retried: it is thrown.
   */
  public List<Result<?>> executeBatch(List<Item<?>> items) {
    items.forEach(i -> checkKey(i.idempotencyKey()));
    // each command's time and outcome, counted once the batch has committed
    List<CommandMetrics.Measurement> measured = new ArrayList<>(items.size());
    try {
      List<Result<?>> committed =
          transactions.execute(
              tx -> {
                measured.clear();
                List<Result<?>> results = new ArrayList<>(items.size());
                for (Item<?> item : items) {
                  CommandMetrics.Measurement measurement = metrics.start();
                  Result<?> result = inSavepoint(item, fingerprint(item.request()));
                  measured.add(measurement.finish(result));
                  results.add(result);
                }
                return results;
              });
      measured.forEach(CommandMetrics.Measurement::record);
      return committed;
    } catch (RuntimeException e) {
      if (DatabaseOutage.isCause(e)) {
        throw e;
      }
      log.info(
          "A batch of {} commands could not commit as one ({}); running them one by one",
          items.size(),
          e.toString(),
          e);
      List<Result<?>> results = new ArrayList<>(items.size());
      for (Item<?> item : items) {
        results.add(alone(item));
      }
      return results;
    }
  }

  private <T> Result<T> inSavepoint(Item<T> item, String fingerprint) {
    for (boolean confirming = false; ; confirming = true) {
      Attempt attempt = attempts.get();
      attempt.reset();
      try {
        return savepoints.execute(s -> run(item, fingerprint));
      } catch (JourneyRejection | ApiProblem e) {
        // the savepoint is rolled back; what the command changed in memory is forgotten too
        attempt.journeys.forEach(journeys::evict);
        if (e instanceof JourneyRejection && attempt.judgedOnCache && !confirming) {
          continue; // judged again on the journey as the store has it (see execute)
        }
        return new Refused<>(e);
      } catch (RuntimeException e) {
        attempt.journeys.forEach(journeys::evict);
        throw e;
      } finally {
        attempt.reset();
      }
    }
  }

  private <T> Result<T> alone(Item<T> item) {
    try {
      return execute(item.idempotencyKey(), item.request(), item.answer(), item.work());
    } catch (JourneyRejection | ApiProblem e) {
      return new Refused<>(e);
    } catch (RuntimeException e) {
      if (DatabaseOutage.isCause(e)) {
        throw e;
      }
      return new Refused<>(e);
    }
  }

  /**
   * Looks the key up first (a retry gets the stored answer, nothing runs) and stores the answer
   * with the events at the end, in one insert. Two requests with one new key at once both run; the
   * second insert waits for the first transaction and then violates the key, so the second rolls
   * back and, judged again, finds the first's answer ({@link ConcurrentAppendDetector}).
   */
  private <T> Executed<T> run(Item<T> item, String fingerprint) {
    String key = item.idempotencyKey();
    if (key != null) {
      Executed<T> earlier = stored(key, fingerprint, item.answer());
      if (earlier != null) {
        return earlier;
      }
    }
    Outcome<T> outcome = item.work().get();
    if (key != null) {
      remember(key, fingerprint, outcome);
    }
    return new Executed<>(outcome, false);
  }

  private static void checkKey(String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw ApiProblem.badRequest(
          IDEMPOTENCY_KEY_HEADER, "Idempotency-Key must be 1 to 200 characters");
    }
  }

  /** The answer stored under the key, or {@code null}; refused when the key was used otherwise. */
  private <T> Executed<T> stored(String key, String fingerprint, Class<T> answer) {
    Stored found = storedAnswers(List.of(key)).get(key);
    return found == null ? null : found.answer(fingerprint, answer);
  }

  /** An answer kept under an idempotency key, as stored. */
  public final class Stored {
    private final String requestHash;
    private final int status;
    private final String location;
    private final String etag;
    private final String response;

    private Stored(String requestHash, int status, String location, String etag, String response) {
      this.requestHash = requestHash;
      this.status = status;
      this.location = location;
      this.etag = etag;
      this.response = response;
    }

    /** The refusal of a key already used for a request with another fingerprint. */
    public static ApiProblem keyReused() {
      return ApiProblem.conflict(
          "IDEMPOTENCY_KEY_REUSED",
          IDEMPOTENCY_KEY_HEADER,
          "this Idempotency-Key was used for a different request");
    }

    /**
     * The stored answer as the answer to a request with this fingerprint: replayed, or refused when
     * the key was used for a different request.
     */
    public <T> Executed<T> answer(String fingerprint, Class<T> answer) {
      if (!requestHash.equals(fingerprint)) {
        throw keyReused();
      }
      return new Executed<>(
          new Outcome<>(
              HttpStatus.valueOf(status),
              location == null ? null : URI.create(location),
              Versions.version(etag),
              read(response, answer)),
          true);
    }
  }

  /** The answers stored under any of the keys, by key, in one query. */
  public Map<String, Stored> storedAnswers(java.util.Collection<String> keys) {
    Map<String, Stored> found = new java.util.HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    jdbc.query(
        "SELECT idempotency_key, request_hash, status, location, etag, response FROM"
            + " command_idempotency WHERE idempotency_key = ANY (?)",
        rs -> {
          found.put(
              rs.getString("idempotency_key"),
              new Stored(
                  rs.getString("request_hash"),
                  rs.getInt("status"),
                  rs.getString("location"),
                  rs.getString("etag"),
                  rs.getString("response")));
        },
        (Object) keys.toArray(String[]::new));
    return found;
  }

  /** An answer to keep under its key: see {@link #rememberAll}. */
  public record Answer(String idempotencyKey, String fingerprint, Outcome<?> outcome) {}

  /** Stores the answers under their keys, in the caller's transaction, in one batch. */
  public void rememberAll(List<Answer> answers) {
    if (answers.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>(answers.size());
    for (Answer a : answers) {
      rows.add(row(a.idempotencyKey(), a.fingerprint(), a.outcome()));
    }
    jdbc.batchUpdate(REMEMBER, rows);
  }

  /** Counts commands run outside {@link #execute} and {@link #executeBatch} (the bulk import). */
  public void countAll(List<?> commands, List<Result<?>> results, long nanosEach) {
    for (int i = 0; i < results.size(); i++) {
      CommandMetrics.Measurement m = metrics.start();
      if (commands.get(i) != null) {
        metrics.sending(commands.get(i));
      }
      m.finish(results.get(i)).record(nanosEach);
    }
  }

  private static final String REMEMBER =
      "INSERT INTO command_idempotency (idempotency_key, request_hash, status, location, etag,"
          + " response) VALUES (?, ?, ?, ?, ?, ?)";

  private Object[] row(String key, String fingerprint, Outcome<?> outcome) {
    try {
      return new Object[] {
        key,
        fingerprint,
        outcome.status().value(),
        outcome.location() == null ? null : outcome.location().toString(),
        Versions.etag(outcome.version()),
        json.writeValueAsString(outcome.body())
      };
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void remember(String key, String fingerprint, Outcome<?> outcome) {
    jdbc.update(REMEMBER, row(key, fingerprint, outcome));
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored answer no longer reads as " + type, e);
    }
  }

  /** What identifies a request under its idempotency key (stable: stored keys depend on it). */
  public String fingerprint(List<Object> request) {
    try {
      byte[] canonical = json.writeValueAsBytes(request);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
