package org.pathway.domain.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.time.ClinicalTime;
import org.pathway.domain.time.TimePolicy;

/**
 * One service user's journey through care: the consistency boundary for all their referrals,
 * spells, ward stays, leave, delay periods, step-down placements and contacts (see
 * docs/adr/0003-one-journey-aggregate.md). State is the set of facts as currently known
 * (corrections applied, voided facts removed); every command is checked against the whole journey
 * in clinical order, so late entries obey the same rules as timely ones.
 */
public class Journey {

  @AggregateIdentifier private UUID serviceUserId;

  /** Sequence number of the last event: the version exposed as the ETag. */
  private long version = -1;

  /** Facts as currently known, in recording order. */
  private final Map<UUID, Fact> facts = new LinkedHashMap<>();

  private final Set<UUID> voided = new HashSet<>();
  private final Set<UUID> usedIds = new HashSet<>();

  /**
   * The events this journey applied while judged outside Axon ({@link JourneyInMemory}), or {@code
   * null} when Axon runs it (then {@link AggregateLifecycle#apply} publishes them).
   */
  private List<JourneyEvent> appliedInMemory;

  protected Journey() {}

  @CommandHandler
  public Journey(RegisterServiceUser command, TimePolicy time, CodeCatalogue codes) {
    register(command, time, codes);
  }

  void register(RegisterServiceUser command, TimePolicy time, CodeCatalogue codes) {
    ServiceUserRegistered fact = command.toFact();
    mustNotBeInFuture(fact.occurredAt(), time);
    fact.validate(codeCheck(codes, fact));
    emit(fact);
  }

  @CommandHandler
  public Recorded handle(RecordReferral c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(AcceptReferral c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(DeclineReferral c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(CloseReferral c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(AdmitServiceUser c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(TransferWard c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(ChangeLegalStatus c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(StartLeave c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(EndLeave c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(RecordClinicallyReadyForDischarge c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(EndDelay c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(DischargeServiceUser c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(StartStepDownPlacement c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(EndStepDownPlacement c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(RecordCommunityContact c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(RecordAccommodationStatus c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(RecordDeath c, TimePolicy t, CodeCatalogue k) {
    return record(c, t, k);
  }

  @CommandHandler
  public Recorded handle(CorrectFact c, TimePolicy time, CodeCatalogue codes) {
    mustMatchVersion(c.expectedVersion());
    mustBeNewId(c.factId());
    mustNotBeInFuture(c.occurredAt(), time);
    mustHaveReason(c.reason());
    Fact target = currentFact(c.targetFactId());
    if (c.changes() == null || c.changes().isEmpty()) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE, "changes", "changes must name at least one field");
    }
    FieldChanges changes = new FieldChanges(c.changes());
    Fact amended = target.amend(changes);
    changes.requireAllUsed(target.getClass().getSimpleName());
    mustNotBeInFuture(amended.occurredAt(), time);
    amended.validate(codeCheck(codes, amended));
    List<Fact> next = new ArrayList<>();
    facts.values().forEach(f -> next.add(f.factId().equals(target.factId()) ? amended : f));
    JourneyConsistency.check(next);
    emit(
        new FactCorrected(
            serviceUserId, c.factId(), c.occurredAt(), target.factId(), c.changes(), c.reason()));
    return new Recorded(c.factId(), version);
  }

  @CommandHandler
  public Recorded handle(MarkEnteredInError c, TimePolicy time) {
    mustMatchVersion(c.expectedVersion());
    mustBeNewId(c.factId());
    mustNotBeInFuture(c.occurredAt(), time);
    mustHaveReason(c.reason());
    Fact target = currentFact(c.targetFactId());
    if (target instanceof ServiceUserRegistered) {
      throw JourneyRejection.fact(
          RejectionCode.REGISTRATION_NOT_VOIDABLE,
          target.factId(),
          "the registration cannot be entered in error; correct it instead");
    }
    List<Fact> next = new ArrayList<>(facts.values());
    next.remove(target);
    try {
      JourneyConsistency.check(next);
    } catch (JourneyRejection r) {
      if (r.code() == RejectionCode.UNKNOWN_FACT && target.factId().equals(r.factId())) {
        throw JourneyRejection.fact(
            RejectionCode.HAS_DEPENDENTS,
            target.factId(),
            "other facts depend on " + target.factId() + "; enter those in error first");
      }
      throw r;
    }
    emit(
        new FactEnteredInError(
            serviceUserId, c.factId(), c.occurredAt(), target.factId(), c.reason()));
    return new Recorded(c.factId(), version);
  }

  Recorded record(FactCommand command, TimePolicy time, CodeCatalogue codes) {
    mustMatchVersion(command.expectedVersion());
    List<Fact> recorded = command.toFacts();
    Set<UUID> newIds = new HashSet<>();
    List<Fact> next = new ArrayList<>(facts.values());
    for (Fact fact : recorded) {
      mustBeNewId(fact.factId());
      if (!newIds.add(fact.factId())) {
        throw JourneyRejection.fact(
            RejectionCode.FACT_ID_IN_USE,
            fact.factId(),
            "fact id " + fact.factId() + " is given twice in one request");
      }
      mustNotBeInFuture(fact.occurredAt(), time);
      fact.validate(codeCheck(codes, fact));
      next.add(fact);
    }
    JourneyConsistency.check(next);
    recorded.forEach(this::emit);
    return new Recorded(
        recorded.get(0).factId(),
        recorded.size() > 1 ? recorded.get(recorded.size() - 1).factId() : null,
        version);
  }

  // --- rules
  // ---------------------------------------------------------------------------------------------

  private void mustMatchVersion(Long expectedVersion) {
    if (expectedVersion != null && expectedVersion != version) {
      throw JourneyRejection.of(
          RejectionCode.STALE_VERSION,
          "the journey is at version "
              + version
              + ", not "
              + expectedVersion
              + "; reload it and try again");
    }
  }

  private void mustBeNewId(UUID factId) {
    if (factId == null) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE, "factId", "factId is required");
    }
    if (usedIds.contains(factId)) {
      throw JourneyRejection.fact(
          RejectionCode.FACT_ID_IN_USE, factId, "fact id " + factId + " is already used");
    }
  }

  private static void mustNotBeInFuture(Instant occurredAt, TimePolicy time) {
    if (occurredAt == null) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE, "occurredAt", "occurredAt is required");
    }
    if (occurredAt.isAfter(time.latestAcceptable())) {
      throw JourneyRejection.field(
          RejectionCode.OCCURRED_IN_FUTURE,
          "occurredAt",
          "occurredAt "
              + occurredAt
              + " is in the future (allowed clock skew "
              + time.allowedFutureSkew()
              + ")");
    }
  }

  private static void mustHaveReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw JourneyRejection.field(
          RejectionCode.INVALID_FIELD_VALUE, "reason", "a correction must give its reason");
    }
  }

  private Fact currentFact(UUID factId) {
    if (factId != null && voided.contains(factId)) {
      throw JourneyRejection.fact(
          RejectionCode.FACT_VOIDED, factId, "fact " + factId + " was already entered in error");
    }
    Fact fact = factId == null ? null : facts.get(factId);
    if (fact == null) {
      throw JourneyRejection.fact(
          RejectionCode.UNKNOWN_FACT, factId, "fact " + factId + " is not a fact of this journey");
    }
    return fact;
  }

  private static CodeCheck codeCheck(CodeCatalogue codes, Fact fact) {
    return new CodeCheck(codes, ClinicalTime.localDate(fact.occurredAt()));
  }

  // --- state
  // -------------------------------------------------------------------------------------------

  /** Applies an event: through Axon (which calls {@link #on}), or here when judged in memory. */
  private void emit(JourneyEvent event) {
    if (appliedInMemory == null) {
      AggregateLifecycle.apply(event);
    } else {
      on(event, version + 1);
      appliedInMemory.add(event);
    }
  }

  /** Starts collecting the events applied outside Axon ({@link JourneyInMemory}). */
  List<JourneyEvent> applyInMemory() {
    appliedInMemory = new ArrayList<>();
    return appliedInMemory;
  }

  long version() {
    return version;
  }

  @EventSourcingHandler
  void on(JourneyEvent event, @SequenceNumber long sequenceNumber) {
    serviceUserId = event.serviceUserId();
    version = sequenceNumber;
    usedIds.add(event.factId());
    if (event instanceof Fact fact) {
      facts.put(fact.factId(), fact);
    } else if (event instanceof FactCorrected corrected) {
      facts.computeIfPresent(
          corrected.targetFactId(),
          (id, fact) -> fact.amend(new FieldChanges(corrected.changes())));
    } else if (event instanceof FactEnteredInError voidedFact) {
      facts.remove(voidedFact.targetFactId());
      voided.add(voidedFact.targetFactId());
    }
  }
}
