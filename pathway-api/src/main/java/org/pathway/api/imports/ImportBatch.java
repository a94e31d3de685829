package org.pathway.api.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.pathway.api.config.JourneyCache;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.serviceuser.IdentityRepository;
import org.pathway.api.serviceuser.IdentityRepository.Identity;
import org.pathway.api.serviceuser.RegistrationService;
import org.pathway.api.serviceuser.RegistrationService.Registration;
import org.pathway.api.serviceuser.ServiceUserController.Registered;
import org.pathway.api.web.CommandExecutor;
import org.pathway.api.web.CommandExecutor.Answer;
import org.pathway.api.web.CommandExecutor.Executed;
import org.pathway.api.web.CommandExecutor.Outcome;
import org.pathway.api.web.CommandExecutor.Refused;
import org.pathway.api.web.CommandExecutor.Result;
import org.pathway.api.web.FactRecorded;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.domain.journey.JourneyInMemory;
import org.pathway.domain.journey.JourneyRejection;
import org.pathway.domain.time.TimePolicy;
import org.pathway.projections.journey.Provenance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk import's path for a batch of lines (docs/architecture.md, "The bulk import path"): every
 * line judged in memory by the journey's own rules ({@link JourneyInMemory}), then everything the
 * accepted lines make — identity rows, events, idempotency answers — written in one transaction, in
 * one batch per table. The answers are those the same lines get one by one through {@link
 * CommandExecutor} (where a line's journey or key was changed by another writer meanwhile, the
 * batch cannot commit and the caller runs it one by one instead).
 *
 * <p>One instance per import worker: it keeps the journeys of the worker's lines between batches
 * (lines of one service user all go to one worker, in file order). They are checked against the
 * store at the end of every batch, inside its transaction: a journey another writer appended to
 * since it was read fails the batch, and everything kept is forgotten.
 */
final class ImportBatch {
  /** How many journeys a worker keeps between batches. */
  private static final int KEPT_JOURNEYS = 2_000;

  private final CommandExecutor executor;
  private final IdentityRepository identities;
  private final EventStore events;
  private final JourneyCache journeyCache;
  private final TimePolicy time;
  private final CodeCatalogue codes;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  /** The command each line of the batch sent to its journey, or null (for the metrics). */
  private final List<JourneyCommand> sent = new ArrayList<>();

  /**
   * The worker's journeys as they are after its last committed batch, least recently used first.
   */
  private final Map<UUID, Kept> kept =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Kept> eldest) {
          return size() > KEPT_JOURNEYS;
        }
      };

  /**
   * A journey held here: its state, and when its latest fact was recorded (as-at answers' time).
   */
  private record Kept(JourneyInMemory journey, Instant lastRecordedAt) {}

  ImportBatch(
      CommandExecutor executor,
      IdentityRepository identities,
      EventStore events,
      JourneyCache journeyCache,
      TimePolicy time,
      CodeCatalogue codes,
      JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager) {
    this.executor = executor;
    this.identities = identities;
    this.events = events;
    this.journeyCache = journeyCache;
    this.time = time;
    this.codes = codes;
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * One line ready to judge: a registration ({@code registration} set) or a journey command, the
   * metadata its events carry, and for a migrated line the check of its recorded time against the
   * journey's latest.
   */
  record Line(
      String idempotencyKey,
      List<Object> request,
      Registration registration,
      RuntimeException invalidRegistration,
      JourneyCommand command,
      Map<String, ?> metaData,
      Consumer<Instant> mustNotPrecede) {

    static Line registration(
        String key, List<Object> request, Map<String, ?> metaData, Registration registration) {
      return new Line(key, request, registration, null, null, metaData, null);
    }

    /** A registration refused by {@link RegistrationService#prepare}: refused after its key. */
    static Line invalidRegistration(String key, List<Object> request, RuntimeException why) {
      return new Line(key, request, null, why, null, Map.of(), null);
    }

    static Line command(
        String key,
        List<Object> request,
        Map<String, ?> metaData,
        JourneyCommand command,
        Consumer<Instant> mustNotPrecede) {
      return new Line(key, request, null, null, command, metaData, mustNotPrecede);
    }

    boolean registers() {
      return registration != null || invalidRegistration != null;
    }

    JourneyCommand judged() {
      return registration != null ? registration.command() : command;
    }

    Class<?> answer() {
      return registers() ? Registered.class : FactRecorded.class;
    }
  }

  /** The batch could not be committed as one; nothing of it was kept. */
  static final class NotCommitted extends RuntimeException {
    NotCommitted(String message) {
      super(message);
    }
  }

  /**
   * Judges and stores the lines, in order, in one transaction, and answers each as {@link
   * CommandExecutor#executeBatch} would.
   *
   * @throws NotCommitted when another writer changed one of the batch's journeys or keys meanwhile
   * @throws RuntimeException a database failure (nothing of the batch is kept)
   */
  List<Result<?>> run(List<Line> lines) {
    long started = System.nanoTime();
    Set<UUID> touched = new HashSet<>();
    try {
      List<Result<?>> results = transactions.execute(tx -> judgeAndStore(lines, touched));
      executor.countAll(
          new ArrayList<>(sent),
          results,
          (System.nanoTime() - started) / Math.max(1, lines.size()));
      return results;
    } catch (RuntimeException e) {
      kept.clear(); // what was judged in memory may not be in the store
      throw e;
    } finally {
      // commands over REST may hold these journeys as they were before the batch
      touched.forEach(journeyCache::evict);
    }
  }

  private List<Result<?>> judgeAndStore(List<Line> lines, Set<UUID> touched) {
    List<String> fingerprints = new ArrayList<>(lines.size());
    Set<String> keys = new HashSet<>();
    Set<String> nhsNumbers = new HashSet<>();
    Set<UUID> registered = new HashSet<>();
    Set<UUID> journeys = new HashSet<>();
    for (Line line : lines) {
      fingerprints.add(executor.fingerprint(line.request()));
      keys.add(line.idempotencyKey());
      if (line.registration() != null) {
        nhsNumbers.add(line.registration().identity().nhsNumber());
        registered.add(line.registration().command().serviceUserId());
      } else if (line.command() != null) {
        journeys.add(line.command().serviceUserId());
      }
    }
    Map<String, CommandExecutor.Stored> stored = executor.storedAnswers(keys);
    IdentityRepository.Taken taken = identities.taken(nhsNumbers, registered);
    journeys.removeIf(kept::containsKey);
    Map<UUID, Long> readAt = new HashMap<>(); // each touched journey's version as read
    // a journey registered in this batch under an id not in use has nothing stored to read; that
    // the store has none of its events is checked with the rest at the end
    for (UUID id : registered) {
      if (!taken.serviceUserIds().contains(id) && journeys.remove(id)) {
        readAt.put(id, -1L);
      }
    }
    Map<UUID, Kept> working = new HashMap<>(kept);
    working.putAll(load(journeys));

    Map<String, Answer> answered = new HashMap<>(); // in this batch, by key
    List<Identity> newIdentities = new ArrayList<>();
    List<EventMessage<?>> newEvents = new ArrayList<>();
    List<Result<?>> results = new ArrayList<>(lines.size());
    sent.clear();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String fingerprint = fingerprints.get(i);
      Result<?> result;
      try {
        result =
            earlier(line, fingerprint, stored.get(line.idempotencyKey()), answered)
                .orElseGet(
                    () ->
                        judge(
                            line,
                            fingerprint,
                            taken,
                            working,
                            readAt,
                            answered,
                            newIdentities,
                            newEvents));
      } catch (JourneyRejection | ApiProblem | AggregateNotFoundException e) {
        result = new Refused<>(e);
      }
      results.add(result);
      if (sent.size() < results.size()) {
        sent.add(null); // answered before a command was formed: counted as "unknown"
      }
    }
    touched.addAll(readAt.keySet());
    identities.insertAll(newIdentities);
    events.publish(newEvents);
    executor.rememberAll(List.copyOf(answered.values()));
    mustBeUnchangedByOthers(readAt, working);
    kept.putAll(working);
    return results;
  }

  /** The stored (or earlier in the batch) answer under the line's key, if any. */
  private static java.util.Optional<Result<?>> earlier(
      Line line, String fingerprint, CommandExecutor.Stored stored, Map<String, Answer> answered) {
    Answer before = answered.get(line.idempotencyKey());
    if (before != null) {
      if (!before.fingerprint().equals(fingerprint)) {
        throw CommandExecutor.Stored.keyReused();
      }
      return java.util.Optional.of(new Executed<>(before.outcome(), true));
    }
    return stored == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(stored.answer(fingerprint, line.answer()));
  }

  private Result<?> judge(
      Line line,
      String fingerprint,
      IdentityRepository.Taken taken,
      Map<UUID, Kept> working,
      Map<UUID, Long> readAt,
      Map<String, Answer> answered,
      List<Identity> newIdentities,
      List<EventMessage<?>> newEvents) {
    if (line.invalidRegistration() != null) {
      throw line.invalidRegistration();
    }
    JourneyCommand command = line.judged();
    UUID journeyId = command.serviceUserId();
    Outcome<?> outcome;
    Kept journey = working.get(journeyId);
    if (line.registration() != null) {
      Identity identity = line.registration().identity();
      if (!taken.nhsNumbers().add(identity.nhsNumber())) {
        throw RegistrationService.nhsNumberRegistered();
      }
      if (!taken.serviceUserIds().add(journeyId)) {
        taken.nhsNumbers().remove(identity.nhsNumber());
        throw RegistrationService.alreadyRegistered(journeyId);
      }
      JourneyInMemory fresh = JourneyInMemory.none();
      try {
        append(line, fresh, working, readAt, newEvents);
      } catch (RuntimeException e) {
        taken.nhsNumbers().remove(identity.nhsNumber());
        taken.serviceUserIds().remove(journeyId);
        throw e;
      }
      newIdentities.add(identity);
      outcome = line.registration().outcome();
    } else {
      if (journey == null || !journey.journey().exists()) {
        throw new AggregateNotFoundException(
            journeyId.toString(), "The aggregate was not found in the event store");
      }
      readAt.putIfAbsent(journeyId, journey.journey().version());
      if (line.mustNotPrecede() != null) {
        line.mustNotPrecede().accept(journey.lastRecordedAt());
      }
      outcome =
          FactRecorded.created(
              journeyId, append(line, journey.journey(), working, readAt, newEvents));
    }
    answered.put(line.idempotencyKey(), new Answer(line.idempotencyKey(), fingerprint, outcome));
    return new Executed<>(outcome, false);
  }

  /** Judges the line's command on the journey and queues the events it makes. */
  private org.pathway.domain.journey.Recorded append(
      Line line,
      JourneyInMemory journey,
      Map<UUID, Kept> working,
      Map<UUID, Long> readAt,
      List<EventMessage<?>> newEvents) {
    JourneyCommand command = line.judged();
    UUID journeyId = command.serviceUserId();
    long before = journey.version();
    readAt.putIfAbsent(journeyId, before);
    sent.add(command);
    JourneyInMemory.Decision decision = journey.decide(command, time, codes);
    // the metadata Axon's correlation providers give the events of a command sent on its own
    String commandId = IdentifierFactory.getInstance().generateIdentifier();
    MetaData metaData =
        MetaData.from(line.metaData()).and("correlationId", commandId).and("traceId", commandId);
    long sequence = before;
    Instant recordedAt = null;
    for (JourneyEvent event : decision.events()) {
      GenericDomainEventMessage<JourneyEvent> message =
          new GenericDomainEventMessage<>(
              JourneyInMemory.AGGREGATE_TYPE, journeyId.toString(), ++sequence, event, metaData);
      newEvents.add(message);
      recordedAt = Provenance.recordedAt(message);
    }
    working.put(journeyId, new Kept(journey, recordedAt));
    return decision.recorded();
  }

  /** The stored events of the journeys, judged into journeys, in one pass over the store. */
  private Map<UUID, Kept> load(Set<UUID> journeys) {
    Map<UUID, Kept> loaded = new HashMap<>();
    for (UUID id : journeys) {
      List<JourneyEvent> history = new ArrayList<>();
      Instant last = null;
      var stream = events.readEvents(id.toString(), 0); // no snapshot look-up: none are taken
      while (stream.hasNext()) {
        DomainEventMessage<?> m = stream.next();
        history.add((JourneyEvent) m.getPayload());
        last = Provenance.recordedAt(m);
      }
      loaded.put(id, new Kept(JourneyInMemory.of(history), last));
    }
    return loaded;
  }

  /**
   * Every journey the batch read must be, in the store, as the batch left it: a journey another
   * writer appended to since it was read here would have been judged on what it was (an append at
   * the same sequence number fails on its own; this finds the rest, refusals included).
   */
  private void mustBeUnchangedByOthers(Map<UUID, Long> readAt, Map<UUID, Kept> working) {
    if (readAt.isEmpty()) {
      return;
    }
    Map<UUID, Long> stored = new HashMap<>();
    jdbc.query(
        "SELECT aggregate_identifier, max(sequence_number) AS version FROM domain_event_entry"
            + " WHERE aggregate_identifier = ANY (?) GROUP BY aggregate_identifier",
        rs -> {
          stored.put(UUID.fromString(rs.getString(1)), rs.getLong(2));
        },
        (Object) readAt.keySet().stream().map(UUID::toString).toArray(String[]::new));
    for (UUID id : readAt.keySet()) {
      Kept journey = working.get(id);
      long expected = journey == null ? -1 : journey.journey().version();
      if (stored.getOrDefault(id, -1L) != expected) {
        throw new NotCommitted(
            "journey "
                + id
                + " is at version "
                + stored.get(id)
                + " in the store, not "
                + expected);
      }
    }
  }
}
