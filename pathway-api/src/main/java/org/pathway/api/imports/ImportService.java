package org.pathway.api.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.pathway.api.config.AxonConfiguration;
import org.pathway.api.config.JourneyCache;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.error.DatabaseOutage;
import org.pathway.api.error.ProblemAdvice;
import org.pathway.api.serviceuser.IdentityRepository;
import org.pathway.api.serviceuser.RegistrationService;
import org.pathway.api.serviceuser.ServiceUserController.Registered;
import org.pathway.api.serviceuser.ServiceUserController.RegistrationRequest;
import org.pathway.api.web.CommandExecutor;
import org.pathway.api.web.FactRecorded;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.JourneyCommands;
import org.pathway.domain.journey.RegisterServiceUser;
import org.pathway.domain.time.TimePolicy;
import org.pathway.projections.journey.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Bulk import of history: an NDJSON file of the same commands the REST API takes, one per line,
 * each with its clinical time and an {@code idempotencyKey}. Every line goes through the same
 * executor (idempotency, transaction, aggregate rules) as a REST request, so a re-import appends
 * nothing. Lines of one service user are applied in file order by one worker; different service
 * users are spread over a few workers.
 */
@Service
public class ImportService {
  private static final Logger log = LoggerFactory.getLogger(ImportService.class);
  static final String REGISTER = JourneyCommands.name(RegisterServiceUser.class);

  /** The version of the line format (docs/import-format.md) this server reads. */
  public static final int FORMAT = 1;

  /** The command names a line may carry (docs/import-format.md). */
  public static List<String> commandNames() {
    return JourneyCommands.names();
  }

  private final CommandExecutor executor;
  private final RegistrationService registrations;
  private final ObjectMapper json;
  private final Map<UUID, ImportProgress> imports = new ConcurrentHashMap<>();
  private final int workers;
  private final int batchSize;
  private final boolean inMemory;
  private final JdbcTemplate jdbc;
  private final java.util.function.Supplier<ImportBatch> batches;

  ImportService(
      CommandExecutor executor,
      RegistrationService registrations,
      ObjectMapper json,
      JdbcTemplate jdbc,
      IdentityRepository identities,
      EventStore events,
      JourneyCache journeyCache,
      TimePolicy time,
      CodeCatalogue codes,
      PlatformTransactionManager transactions,
      @Value("${pathway.import.workers}") int workers,
      @Value("${pathway.import.batch-size}") int batchSize,
      @Value("${pathway.import.judge-in-memory}") boolean inMemory) {
    this.executor = executor;
    this.registrations = registrations;
    this.json = json;
    this.workers = workers;
    this.batchSize = batchSize;
    this.inMemory = inMemory;
    this.jdbc = jdbc;
    this.batches =
        () ->
            new ImportBatch(
                executor, identities, events, journeyCache, time, codes, jdbc, transactions);
  }

  /** What happened to one line. */
  public record LineResult(
      long line,
      String outcome,
      String command,
      UUID serviceUserId,
      UUID factId,
      ProblemDetail problem) {}

  /** Progress of one import, visible while it runs. */
  public static final class ImportProgress {
    public final UUID importId;
    public final Instant startedAt;
    public final String author;

    /** The source system of a migration import, or {@code null} for an ordinary import. */
    public final String migratedFrom;

    /**
     * Whether batches are judged in memory and stored at once ({@link ImportBatch}); otherwise each
     * line runs as a command of its own, in a savepoint (as every batch does that cannot commit).
     */
    volatile boolean judgedInMemory = true;

    final AtomicLong lines = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    /** Batches judged in memory and stored at once, and batches run line by line. */
    final AtomicLong batchesInMemory = new AtomicLong();

    final AtomicLong batchesLineByLine = new AtomicLong();
    volatile Instant finishedAt;

    /** Why the import stopped before the end of its file, or {@code null}. */
    volatile String failure;

    ImportProgress(UUID importId, Instant startedAt, String author, String migratedFrom) {
      this.importId = importId;
      this.startedAt = startedAt;
      this.author = author;
      this.migratedFrom = migratedFrom;
    }

    public Map<String, Object> snapshot() {
      Map<String, Object> m = new LinkedHashMap<>();
      Instant end = finishedAt == null ? Instant.now() : finishedAt;
      double seconds = Math.max(0.001, (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
      m.put("importId", importId);
      if (migratedFrom != null) {
        m.put("migratedFrom", migratedFrom);
      }
      m.put("state", finishedAt == null ? "RUNNING" : failure == null ? "FINISHED" : "FAILED");
      m.put("startedAt", startedAt);
      m.put("finishedAt", finishedAt);
      m.put("linesProcessed", lines.get());
      m.put("accepted", accepted.get());
      m.put("duplicates", duplicates.get());
      m.put("rejected", rejected.get());
      m.put("linesPerSecond", Math.round(lines.get() / seconds));
      m.put(
          "batches",
          Map.of("inMemory", batchesInMemory.get(), "lineByLine", batchesLineByLine.get()));
      if (failure != null) {
        m.put("failure", failure);
      }
      return m;
    }
  }

  public ImportProgress start(String author) {
    return start(author, null);
  }

  /**
   * A migration import: each line carries the source system's {@code recordedAt} and {@code
   * recordedBy}, kept on its events (docs/import-format.md).
   */
  public ImportProgress start(String author, String migratedFrom) {
    ImportProgress progress =
        new ImportProgress(UUID.randomUUID(), Instant.now(), author, migratedFrom);
    progress.judgedInMemory = inMemory;
    imports.put(progress.importId, progress);
    return progress;
  }

  /**
   * As {@link #start(String, String)}, each line run as a command of its own: the path every batch
   * falls back to, kept to compare the two (ImportPathsIT).
   */
  public ImportProgress startLineByLine(String author, String migratedFrom) {
    ImportProgress progress = start(author, migratedFrom);
    progress.judgedInMemory = false;
    return progress;
  }

  public Map<UUID, ImportProgress> imports() {
    return imports;
  }

  /** Applies every line of the file and reports each result, as it happens, to {@code results}. */
  public void run(ImportProgress progress, Path file, Consumer<LineResult> results)
      throws IOException {
    List<BlockingQueue<Line>> queues = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      BlockingQueue<Line> queue = new ArrayBlockingQueue<>(1000);
      queues.add(queue);
      ImportBatch batch = progress.judgedInMemory ? batches.get() : null;
      Thread t =
          new Thread(
              () -> work(queue, progress, batch, results), "import-" + progress.importId + "-" + w);
      threads.add(t);
      t.start();
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long number = 0;
      for (byte[] bytes = nextLine(in); bytes != null; bytes = nextLine(in)) {
        number++;
        if (progress.failure != null) {
          break; // the workers stopped: the rest is not applied, and the import says so
        }
        Line line = Line.parse(number, bytes, json);
        if (line.text() != null && line.text().isBlank()) {
          continue;
        }
        String key = line.partitionKey();
        queues.get(Math.floorMod(key.hashCode(), workers)).put(line);
      }
    } catch (IOException | RuntimeException e) {
      log.error("Import {} stopped reading its file", progress.importId, e);
      progress.failure = "the import file could not be read to the end: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      progress.failure = "interrupted";
    } finally {
      try {
        for (BlockingQueue<Line> queue : queues) {
          queue.put(Line.END);
        }
        for (Thread t : threads) {
          t.join();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        threads.forEach(Thread::interrupt);
        progress.failure = "interrupted";
      }
      progress.finishedAt = Instant.now();
    }
  }

  /** The next line's bytes without its end of line, or {@code null} at the end of the file. */
  private static byte[] nextLine(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      line.write(b);
      b = in.read();
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
  }

  /**
   * One line of the file, decoded and parsed once by the reader: {@code text} is null when the line
   * is not UTF-8, {@code node} is null when it is not one JSON document.
   */
  private record Line(long number, String text, JsonNode node) {
    static final Line END = new Line(-1, null, null);

    static Line parse(long number, byte[] bytes, ObjectMapper json) {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        return new Line(number, null, null);
      }
      if (number == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte-order mark
      }
      try {
        return new Line(number, text, json.readTree(text));
      } catch (JsonProcessingException e) {
        return new Line(number, text, null);
      }
    }

    /** Lines of one service user go to one worker, in file order. */
    String partitionKey() {
      JsonNode su = node == null ? null : node.get("serviceUserId");
      return su == null ? "" : su.asText();
    }
  }

  /**
   * Applies the lines of its queue in batches: whatever has arrived, up to the batch size, in one
   * transaction (each line in a savepoint). Results are reported once their batch has committed.
   */
  private void work(
      BlockingQueue<Line> queue,
      ImportProgress progress,
      ImportBatch inMemory,
      Consumer<LineResult> results) {
    try {
      List<Line> batch = new ArrayList<>(batchSize);
      boolean end = false;
      while (!end) {
        batch.clear();
        batch.add(queue.take());
        queue.drainTo(batch, batchSize - 1);
        if (batch.get(batch.size() - 1) == Line.END) {
          batch.remove(batch.size() - 1);
          end = true;
        }
        if (progress.failure != null || batch.isEmpty()) {
          continue; // drain: nothing more is applied once the import has failed
        }
        List<LineResult> applied;
        try {
          applied = apply(batch, progress, inMemory);
        } catch (DatabaseUnavailable e) {
          progress.failure =
              "the database became unreachable at or after line "
                  + batch.get(0).number()
                  + "; lines before it that were accepted are kept; re-import the file (accepted"
                  + " lines come back as duplicates)";
          continue;
        }
        for (LineResult result : applied) {
          progress.lines.incrementAndGet();
          switch (result.outcome()) {
            case "accepted" -> progress.accepted.incrementAndGet();
            case "duplicate" -> progress.duplicates.incrementAndGet();
            default -> progress.rejected.incrementAndGet();
          }
        }
        synchronized (results) {
          applied.forEach(results);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A line read and checked, ready to run: its command and what identifies it, as a command of its
   * own ({@code item}) and as a line of an in-memory batch ({@code judged}).
   */
  private record Prepared(
      Line line,
      String command,
      UUID serviceUserId,
      CommandExecutor.Item<?> item,
      ImportBatch.Line judged) {}

  /**
   * Applies a batch of lines, in order, and says what happened to each: judged in memory and stored
   * at once when {@code inMemory} is given, otherwise (or when that batch cannot commit as one)
   * each line as a command of its own.
   */
  List<LineResult> apply(List<Line> lines, ImportProgress progress, ImportBatch inMemory) {
    List<LineResult> results = new ArrayList<>(lines.size());
    List<Prepared> runnable = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (Line line : lines) {
      Object prepared = prepare(line, progress);
      if (prepared instanceof Prepared p) {
        runnable.add(p);
        slots.add(results.size());
        results.add(null);
      } else {
        results.add((LineResult) prepared);
      }
    }
    if (runnable.isEmpty()) {
      return results;
    }
    List<CommandExecutor.Result<?>> outcomes = null;
    try {
      if (inMemory != null) {
        try {
          outcomes = inMemory.run(runnable.stream().map(Prepared::judged).toList());
          progress.batchesInMemory.incrementAndGet();
        } catch (RuntimeException e) {
          if (DatabaseOutage.isCause(e)) {
            throw e;
          }
          log.info(
              "A batch of {} lines could not be stored as one ({}); running them one by one",
              runnable.size(),
              e.toString());
        }
      }
      if (outcomes == null) {
        progress.batchesLineByLine.incrementAndGet();
        outcomes =
            executor.executeBatch(
                runnable.stream().<CommandExecutor.Item<?>>map(Prepared::item).toList());
      }
    } catch (RuntimeException e) {
      if (DatabaseOutage.isCause(e)) {
        throw new DatabaseUnavailable(e);
      }
      throw e;
    }
    for (int i = 0; i < runnable.size(); i++) {
      results.set(slots.get(i), result(runnable.get(i), outcomes.get(i)));
    }
    return results;
  }

  private LineResult result(Prepared p, CommandExecutor.Result<?> outcome) {
    long number = p.line().number();
    if (outcome instanceof CommandExecutor.Executed<?> done) {
      UUID serviceUserId = p.serviceUserId();
      UUID factId = null;
      if (done.outcome().body() instanceof FactRecorded f) {
        factId = f.factId();
        serviceUserId = f.serviceUserId() == null ? serviceUserId : f.serviceUserId();
      } else if (done.outcome().body() instanceof Registered r) {
        factId = r.factId();
        serviceUserId = r.serviceUserId();
      }
      return new LineResult(
          number,
          done.replayed() ? "duplicate" : "accepted",
          p.command(),
          serviceUserId,
          factId,
          null);
    }
    RuntimeException e = ((CommandExecutor.Refused<?>) outcome).reason();
    return new LineResult(
        number, "rejected", p.command(), p.serviceUserId(), null, problem(number, e));
  }

  private static ProblemDetail problem(long line, RuntimeException e) {
    ProblemDetail p = ProblemAdvice.describe(e);
    if (p == null) {
      String incident = UUID.randomUUID().toString();
      log.error("Import line {} failed unexpectedly, incident {}", line, incident, e);
      p =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.INTERNAL_SERVER_ERROR, "unexpected failure; quote incident " + incident);
      p.setProperty("code", "INTERNAL_ERROR");
    }
    return p;
  }

  /** The line as a command ready to run ({@link Prepared}), or why it cannot be one. */
  private Object prepare(Line line, ImportProgress progress) {
    String author = progress.author;
    String command = null;
    UUID serviceUserId = null;
    try {
      if (line.text() == null) {
        throw ApiProblem.badRequest(null, "the line is not valid UTF-8");
      }
      if (line.node() == null) {
        throw new com.fasterxml.jackson.core.JsonParseException(null, "not JSON");
      }
      if (!(line.node() instanceof ObjectNode object)) {
        throw ApiProblem.badRequest(null, "a line must be a JSON object");
      }
      command = text(object, "command");
      String key = text(object, "idempotencyKey");
      if (command == null) {
        throw ApiProblem.badRequest("command", "command is required; one of " + commandNames());
      }
      if (key == null || key.isBlank()) {
        throw ApiProblem.badRequest(
            "idempotencyKey", "idempotencyKey is required on every imported line");
      }
      ObjectNode fields = object.deepCopy();
      fields.remove("command");
      fields.remove("idempotencyKey");
      JsonNode format = fields.remove("format");
      if (format != null && !(format.isInt() && format.intValue() == FORMAT)) {
        throw ApiProblem.badRequest(
            "format", "format " + format + " is not supported; this server reads format " + FORMAT);
      }
      Migrated migrated = migrated(fields, progress);
      serviceUserId = fields.hasNonNull("serviceUserId") ? uuid(fields, "serviceUserId") : null;
      List<Object> request = List.of("import", object);
      if (REGISTER.equals(command)) {
        RegistrationRequest r = json.treeToValue(fields, RegistrationRequest.class);
        if (migrated != null && r.occurredAt() != null) {
          migrated.mustFollow(r.occurredAt().toInstant());
        }
        Map<String, ?> metaData = migrated == null ? metaData(author, key) : migrated.metaData(key);
        ImportBatch.Line judged;
        try {
          judged = ImportBatch.Line.registration(key, request, metaData, registrations.prepare(r));
        } catch (RuntimeException invalid) {
          judged = ImportBatch.Line.invalidRegistration(key, request, invalid);
        }
        return new Prepared(
            line,
            command,
            serviceUserId,
            new CommandExecutor.Item<>(
                key, request, Registered.class, () -> registrations.register(r, metaData)),
            judged);
      }
      Class<? extends JourneyCommand> type =
          JourneyCommands.byName(command)
              .orElseThrow(
                  () ->
                      ApiProblem.badRequest(
                          "command", "unknown command; one of " + commandNames()));
      if (serviceUserId == null) {
        throw ApiProblem.badRequest("serviceUserId", "serviceUserId is required");
      }
      if (!fields.hasNonNull("factId")) {
        throw ApiProblem.badRequest("factId", "factId is required on imported lines");
      }
      for (String end : List.of("end", "discharge")) {
        if (fields.hasNonNull(end) && !fields.get(end).hasNonNull("factId")) {
          throw ApiProblem.badRequest(
              end + ".factId", end + ".factId is required on imported lines");
        }
      }
      JourneyCommand cmd = json.treeToValue(fields, type);
      UUID journey = serviceUserId;
      if (migrated != null) {
        migrated.mustFollow(cmd.occurredAt());
      }
      Map<String, ?> metaData = migrated == null ? metaData(author, key) : migrated.metaData(key);
      return new Prepared(
          line,
          command,
          serviceUserId,
          new CommandExecutor.Item<>(
              key,
              request,
              FactRecorded.class,
              () -> {
                if (migrated != null) {
                  migrated.mustNotPrecede(lastRecordedAt(journey));
                }
                return FactRecorded.created(journey, executor.send(cmd, metaData));
              }),
          ImportBatch.Line.command(
              key, request, metaData, cmd, migrated == null ? null : migrated::mustNotPrecede));
    } catch (JsonProcessingException e) {
      String field =
          e instanceof JsonMappingException m && !m.getPath().isEmpty()
              ? m.getPath().stream()
                  .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                  .collect(Collectors.joining("."))
              : null;
      ProblemDetail p =
          ProblemAdvice.problem(
              HttpStatus.BAD_REQUEST,
              "MALFORMED_REQUEST",
              field == null
                  ? "the line is not valid JSON"
                  : field + " is unknown or has the wrong type or format",
              field);
      return new LineResult(line.number(), "rejected", command, serviceUserId, null, p);
    } catch (RuntimeException e) {
      return new LineResult(
          line.number(), "rejected", command, serviceUserId, null, problem(line.number(), e));
    }
  }

  /** The provenance a migration line carries: the source system's recorded time and author. */
  private record Migrated(Instant recordedAt, String recordedBy, ImportProgress progress) {
    Map<String, Object> metaData(String key) {
      return Map.of(
          Provenance.AUTHOR,
          recordedBy,
          Provenance.RECORDED_AT,
          recordedAt.toString(),
          Provenance.MIGRATED_FROM,
          progress.migratedFrom,
          Provenance.MIGRATED_BY,
          progress.author,
          AxonConfiguration.IDEMPOTENCY_KEY,
          key);
    }

    /** Nothing is known before it happens (within the clock skew allowed for clinical times). */
    void mustFollow(Instant occurredAt) {
      if (occurredAt != null && recordedAt.isBefore(occurredAt.minus(RECORDING_SKEW))) {
        throw ApiProblem.badRequest(
            "recordedAt", "recordedAt is before occurredAt: nothing is recorded before it happens");
      }
    }

    /** A journey's knowledge only grows: each line is recorded no earlier than the one before. */
    void mustNotPrecede(Instant lastRecorded) {
      if (lastRecorded != null && recordedAt.isBefore(lastRecorded)) {
        throw ApiProblem.conflict(
            "RECORDED_OUT_OF_ORDER",
            "recordedAt",
            "recordedAt "
                + recordedAt
                + " is before "
                + lastRecorded
                + ", when this journey's latest stored fact was recorded; a migration file lists"
                + " each journey's lines in the order the source recorded them");
      }
    }
  }

  private static final java.time.Duration RECORDING_SKEW = java.time.Duration.ofMinutes(5);

  /**
   * The migration fields of a line, removed from it: required (and checked) in a migration import,
   * refused in an ordinary one.
   */
  private static Migrated migrated(ObjectNode fields, ImportProgress progress) {
    JsonNode at = fields.remove("recordedAt");
    JsonNode by = fields.remove("recordedBy");
    if (progress.migratedFrom == null) {
      if (at != null || by != null) {
        throw ApiProblem.badRequest(
            at != null ? "recordedAt" : "recordedBy",
            "recordedAt and recordedBy are taken only by a migration import (POST"
                + " /imports/migrations, administrators)");
      }
      return null;
    }
    if (at == null || !at.isTextual()) {
      throw ApiProblem.badRequest(
          "recordedAt", "recordedAt (when the source system recorded the fact) is required");
    }
    if (by == null || !by.isTextual() || by.asText().isBlank() || by.asText().length() > 200) {
      throw ApiProblem.badRequest(
          "recordedBy", "recordedBy (who recorded it in the source system) is required, 1-200");
    }
    Instant recordedAt;
    try {
      recordedAt = java.time.OffsetDateTime.parse(at.asText()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "recordedAt", "recordedAt must be an ISO-8601 date-time with its offset");
    }
    if (recordedAt.isAfter(progress.startedAt)) {
      throw ApiProblem.badRequest(
          "recordedAt", "recordedAt is after the migration started: it cannot be known yet");
    }
    return new Migrated(recordedAt, by.asText(), progress);
  }

  /** When the journey's latest stored event was recorded (as the as-at answers see it). */
  private Instant lastRecordedAt(UUID journey) {
    List<Instant> last =
        jdbc.query(
            "SELECT time_stamp, convert_from(meta_data, 'UTF8')::jsonb ->> 'recordedAt' AS migrated"
                + " FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number DESC LIMIT 1",
            (rs, i) ->
                Instant.parse(
                    rs.getString("migrated") != null
                        ? rs.getString("migrated")
                        : rs.getString("time_stamp")),
            journey.toString());
    return last.isEmpty() ? null : last.get(0);
  }

  private static Map<String, Object> metaData(String author, String key) {
    return Map.of(AxonConfiguration.AUTHOR, author, AxonConfiguration.IDEMPOTENCY_KEY, key);
  }

  /** The database went away: the import stops rather than reject every remaining line. */
  private static final class DatabaseUnavailable extends RuntimeException {
    DatabaseUnavailable(Throwable cause) {
      super(cause);
    }
  }

  private static String text(ObjectNode node, String field) {
    JsonNode n = node.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static UUID uuid(ObjectNode node, String field) {
    try {
      return UUID.fromString(node.get(field).asText());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(field, field + " must be a UUID");
    }
  }
}
