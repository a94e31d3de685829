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
import org.pathway.api.error.ApiProblem;
import org.pathway.api.error.DatabaseOutage;
import org.pathway.api.error.ProblemAdvice;
import org.pathway.api.serviceuser.RegistrationService;
import org.pathway.api.serviceuser.ServiceUserController.RegistrationRequest;
import org.pathway.api.web.CommandExecutor;
import org.pathway.api.web.CommandExecutor.Outcome;
import org.pathway.domain.journey.AcceptReferral;
import org.pathway.domain.journey.AdmitServiceUser;
import org.pathway.domain.journey.ChangeLegalStatus;
import org.pathway.domain.journey.CloseReferral;
import org.pathway.domain.journey.CorrectFact;
import org.pathway.domain.journey.DeclineReferral;
import org.pathway.domain.journey.DischargeServiceUser;
import org.pathway.domain.journey.EndDelay;
import org.pathway.domain.journey.EndLeave;
import org.pathway.domain.journey.EndStepDownPlacement;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.MarkEnteredInError;
import org.pathway.domain.journey.RecordAccommodationStatus;
import org.pathway.domain.journey.RecordClinicallyReadyForDischarge;
import org.pathway.domain.journey.RecordCommunityContact;
import org.pathway.domain.journey.RecordDeath;
import org.pathway.domain.journey.RecordReferral;
import org.pathway.domain.journey.Recorded;
import org.pathway.domain.journey.StartLeave;
import org.pathway.domain.journey.StartStepDownPlacement;
import org.pathway.domain.journey.TransferWard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

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
  static final String REGISTER = "RegisterServiceUser";
  private static final Map<String, Class<? extends JourneyCommand>> COMMANDS =
      new LinkedHashMap<>();

  static {
    List.of(
            RecordReferral.class,
            AcceptReferral.class,
            DeclineReferral.class,
            CloseReferral.class,
            AdmitServiceUser.class,
            TransferWard.class,
            ChangeLegalStatus.class,
            StartLeave.class,
            EndLeave.class,
            RecordClinicallyReadyForDischarge.class,
            EndDelay.class,
            DischargeServiceUser.class,
            StartStepDownPlacement.class,
            EndStepDownPlacement.class,
            RecordCommunityContact.class,
            RecordAccommodationStatus.class,
            RecordDeath.class,
            CorrectFact.class,
            MarkEnteredInError.class)
        .forEach(c -> COMMANDS.put(c.getSimpleName(), c));
  }

  /** The command names a line may carry. */
  public static List<String> commandNames() {
    List<String> names = new ArrayList<>();
    names.add(REGISTER);
    names.addAll(COMMANDS.keySet());
    return names;
  }

  private final CommandExecutor executor;
  private final RegistrationService registrations;
  private final ObjectMapper json;
  private final Map<UUID, ImportProgress> imports = new ConcurrentHashMap<>();
  private final int workers;

  ImportService(
      CommandExecutor executor,
      RegistrationService registrations,
      ObjectMapper json,
      @org.springframework.beans.factory.annotation.Value("${pathway.import.workers:4}")
          int workers) {
    this.executor = executor;
    this.registrations = registrations;
    this.json = json;
    this.workers = workers;
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
    final AtomicLong lines = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    volatile Instant finishedAt;

    /** Why the import stopped before the end of its file, or {@code null}. */
    volatile String failure;

    ImportProgress(UUID importId, Instant startedAt, String author) {
      this.importId = importId;
      this.startedAt = startedAt;
      this.author = author;
    }

    public Map<String, Object> snapshot() {
      Map<String, Object> m = new LinkedHashMap<>();
      Instant end = finishedAt == null ? Instant.now() : finishedAt;
      double seconds = Math.max(0.001, (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
      m.put("importId", importId);
      m.put("state", finishedAt == null ? "RUNNING" : failure == null ? "FINISHED" : "FAILED");
      m.put("startedAt", startedAt);
      m.put("finishedAt", finishedAt);
      m.put("linesProcessed", lines.get());
      m.put("accepted", accepted.get());
      m.put("duplicates", duplicates.get());
      m.put("rejected", rejected.get());
      m.put("linesPerSecond", Math.round(lines.get() / seconds));
      if (failure != null) {
        m.put("failure", failure);
      }
      return m;
    }
  }

  public ImportProgress start(String author) {
    ImportProgress progress = new ImportProgress(UUID.randomUUID(), Instant.now(), author);
    imports.put(progress.importId, progress);
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
      Thread t =
          new Thread(() -> work(queue, progress, results), "import-" + progress.importId + "-" + w);
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

  private void work(
      BlockingQueue<Line> queue, ImportProgress progress, Consumer<LineResult> results) {
    try {
      for (Line line = queue.take(); line != Line.END; line = queue.take()) {
        if (progress.failure != null) {
          continue; // drain: nothing more is applied once the import has failed
        }
        LineResult result;
        try {
          result = apply(line, progress.author);
        } catch (DatabaseUnavailable e) {
          progress.failure =
              "the database became unreachable at line "
                  + line.number()
                  + "; lines before it that were accepted are kept; re-import the file (accepted"
                  + " lines come back as duplicates)";
          continue;
        }
        progress.lines.incrementAndGet();
        switch (result.outcome()) {
          case "accepted" -> progress.accepted.incrementAndGet();
          case "duplicate" -> progress.duplicates.incrementAndGet();
          default -> progress.rejected.incrementAndGet();
        }
        synchronized (results) {
          results.accept(result);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  LineResult apply(Line line, String author) {
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
      serviceUserId = fields.hasNonNull("serviceUserId") ? uuid(fields, "serviceUserId") : null;
      ResponseEntity<Object> response;
      if (REGISTER.equals(command)) {
        RegistrationRequest r = json.treeToValue(fields, RegistrationRequest.class);
        response =
            executor.execute(
                key, List.of("import", object), () -> registrations.register(r, author, key));
      } else {
        Class<? extends JourneyCommand> type = COMMANDS.get(command);
        if (type == null) {
          throw ApiProblem.badRequest(
              "command", "unknown command " + command + "; one of " + commandNames());
        }
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
        response =
            executor.execute(
                key,
                List.of("import", object),
                () -> {
                  Recorded recorded = executor.send(cmd, author, key);
                  return new Outcome(HttpStatus.CREATED, null, recorded.version(), recorded);
                });
      }
      boolean replayed = response.getHeaders().containsKey(CommandExecutor.REPLAYED_HEADER);
      JsonNode body = json.valueToTree(response.getBody());
      UUID factId = body.hasNonNull("factId") ? UUID.fromString(body.get("factId").asText()) : null;
      if (body.hasNonNull("serviceUserId")) {
        serviceUserId = UUID.fromString(body.get("serviceUserId").asText());
      }
      return new LineResult(
          line.number(), replayed ? "duplicate" : "accepted", command, serviceUserId, factId, null);
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
      if (DatabaseOutage.isCause(e)) {
        throw new DatabaseUnavailable(e);
      }
      ProblemDetail p = ProblemAdvice.describe(e);
      if (p == null) {
        String incident = UUID.randomUUID().toString();
        log.error("Import line {} failed unexpectedly, incident {}", line.number(), incident, e);
        p =
            ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "unexpected failure; quote incident " + incident);
        p.setProperty("code", "INTERNAL_ERROR");
      }
      return new LineResult(line.number(), "rejected", command, serviceUserId, null, p);
    }
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
