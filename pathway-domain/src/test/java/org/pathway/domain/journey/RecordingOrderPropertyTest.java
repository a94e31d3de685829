package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * A true history is accepted in every order that records a fact after the facts it names, and every
 * such order ends in the same journey (docs/architecture.md, "Rules judged on clinical intervals").
 * Each try generates one consistent journey — spells with ward moves, legal status changes, leave
 * and delay periods (some recorded complete in one command), discharges, step-down placements,
 * contacts of every kind, accommodation statuses, corrections and an entered-in-error — then
 * records it through the aggregate in clinical order and in a random dependency-respecting order.
 */
class RecordingOrderPropertyTest {
  private static final String[] MEDIA = {
    "01", "02", "04", "05", "09", "10", "11", "12", "13", "98"
  };

  /** A command and the ids of the facts it names (which must be recorded before it). */
  record Step(JourneyCommand command, Set<UUID> names) {}

  @Property(tries = 300)
  void every_dependency_respecting_order_is_accepted_and_ends_in_the_same_journey(
      @ForAll long planSeed, @ForAll long orderSeed) {
    Journeys j = new Journeys();
    List<Step> plan = plan(j, new Random(planSeed));
    Map<UUID, Fact> inClinicalOrder = record(plan);
    List<Step> shuffled = shuffle(plan, new Random(orderSeed));
    Map<UUID, Fact> inRandomOrder = record(shuffled);

    assertThat(inRandomOrder).isEqualTo(inClinicalOrder);
    assertThat(DataQuality.of(List.copyOf(inRandomOrder.values())))
        .as("a complete history leaves no open question")
        .isEmpty();
  }

  // --- recording through the aggregate
  // -------------------------------------------------------------------------------------------

  private static Map<UUID, Fact> record(List<Step> steps) {
    FixtureConfiguration<Journey> fixture = new AggregateTestFixture<>(Journey.class);
    fixture.registerInjectableResource(Journeys.TIME);
    fixture.registerInjectableResource(Journeys.CODES);
    List<Object> stream = new ArrayList<>();
    UUID id = steps.get(0).command().serviceUserId();
    for (int i = 0; i < steps.size(); i++) {
      JourneyCommand command = steps.get(i).command();
      try {
        (stream.isEmpty() ? fixture.givenNoPriorActivity() : fixture.given(stream))
            .when(command)
            .expectSuccessfulHandlerExecution();
      } catch (AssertionError e) {
        fail("step " + i + " " + command + " was refused: " + e, e);
      }
      stream.clear();
      fixture
          .getEventStore()
          .readEvents(id.toString())
          .asStream()
          .map(EventMessage::getPayload)
          .forEach(stream::add);
    }
    return currentFacts(stream);
  }

  /** The facts as known after the stream: corrections applied, voided facts removed. */
  private static Map<UUID, Fact> currentFacts(List<Object> events) {
    Map<UUID, Fact> facts = new LinkedHashMap<>();
    for (Object e : events) {
      if (e instanceof Fact f) {
        facts.put(f.factId(), f);
      } else if (e instanceof FactCorrected c) {
        facts.computeIfPresent(c.targetFactId(), (k, f) -> f.amend(new FieldChanges(c.changes())));
      } else if (e instanceof FactEnteredInError v) {
        facts.remove(v.targetFactId());
      }
    }
    Map<UUID, Fact> byId = new java.util.TreeMap<>();
    facts.forEach(byId::put);
    return byId;
  }

  /** A random order in which every step comes after the steps that record the facts it names. */
  private static List<Step> shuffle(List<Step> plan, Random random) {
    Map<UUID, Step> recordedBy = new LinkedHashMap<>();
    for (Step s : plan) {
      factIds(s.command()).forEach(f -> recordedBy.put(f, s));
    }
    List<Step> remaining = new ArrayList<>(plan.subList(1, plan.size()));
    List<Step> order =
        new ArrayList<>(List.of(plan.get(0))); // the registration creates the journey
    Set<UUID> done = new HashSet<>(factIds(plan.get(0).command()));
    while (!remaining.isEmpty()) {
      List<Step> ready = remaining.stream().filter(s -> done.containsAll(s.names())).toList();
      Step next = ready.get(random.nextInt(ready.size()));
      remaining.remove(next);
      order.add(next);
      done.addAll(factIds(next.command()));
    }
    return order;
  }

  private static List<UUID> factIds(JourneyCommand c) {
    return c instanceof FactCommand f
        ? f.toFacts().stream().map(Fact::factId).toList()
        : List.of(c.factId());
  }

  // --- the generator of consistent journeys
  // -------------------------------------------------------------------------------------------

  static List<Step> plan(Journeys j, Random r) {
    UUID su = j.serviceUser;
    List<Step> steps = new ArrayList<>();
    Instant t = Instant.parse("2024-06-01T08:00:00Z").plus(Duration.ofMinutes(r.nextInt(600)));
    steps.add(
        new Step(new RegisterServiceUser(su, j.registration, t, "NORTH", "CMHT-N"), Set.of()));
    t = t.plus(hours(r, 1, 48));
    UUID referral = UUID.randomUUID();
    steps.add(
        new Step(
            new RecordReferral(su, null, referral, t, "A1", "A02", ReferralPriority.URGENT, "18"),
            Set.of()));
    if (r.nextBoolean()) {
      t = t.plus(hours(r, 1, 5));
      steps.add(
          new Step(new AcceptReferral(su, null, UUID.randomUUID(), t, referral), Set.of(referral)));
    }
    List<UUID> correctable = new ArrayList<>();
    UUID openPlacement = null;
    int spells = 1 + r.nextInt(3);
    for (int s = 0; s < spells; s++) {
      boolean last = s == spells - 1;
      t = t.plus(hours(r, 24, 24 * 30));
      UUID spell = UUID.randomUUID();
      steps.add(
          new Step(
              new AdmitServiceUser(
                  su,
                  null,
                  spell,
                  t,
                  referral,
                  r.nextBoolean() ? "21" : "11",
                  "19",
                  "01",
                  r.nextInt(4) == 0 ? Journeys.outOfAreaWard() : Journeys.localWard(),
                  null),
              Set.of(referral)));
      correctable.add(spell);
      int events = r.nextInt(7);
      for (int e = 0; e < events; e++) {
        t = t.plus(hours(r, 1, 72));
        Set<UUID> inSpell = Set.of(spell);
        switch (r.nextInt(4)) {
          case 0 ->
              steps.add(
                  new Step(
                      new TransferWard(
                          su,
                          null,
                          UUID.randomUUID(),
                          t,
                          spell,
                          r.nextBoolean() ? Journeys.localWard() : Journeys.outOfAreaWard()),
                      inSpell));
          case 1 -> {
            UUID change = UUID.randomUUID();
            steps.add(
                new Step(
                    new ChangeLegalStatus(
                        su, null, change, t, spell, r.nextBoolean() ? "03" : "02"),
                    inSpell));
            correctable.add(change);
          }
          case 2 -> {
            UUID leave = UUID.randomUUID();
            Instant end = t.plus(hours(r, 1, 48));
            LeaveType type = r.nextBoolean() ? LeaveType.HOME_LEAVE : LeaveType.LEAVE_OF_ABSENCE;
            if (r.nextInt(3) == 0) {
              steps.add(
                  new Step(
                      new StartLeave(
                          su, null, leave, t, spell, type, new PeriodEnd(UUID.randomUUID(), end)),
                      inSpell));
            } else {
              steps.add(new Step(new StartLeave(su, null, leave, t, spell, type), inSpell));
              steps.add(
                  new Step(
                      new EndLeave(su, null, UUID.randomUUID(), end, spell, leave),
                      Set.of(spell, leave)));
            }
            t = end;
          }
          default -> {
            UUID delay = UUID.randomUUID();
            boolean endsWithDischarge = e == events - 1 && r.nextBoolean();
            Instant end = t.plus(hours(r, 1, 24 * 10));
            if (endsWithDischarge) {
              steps.add(
                  new Step(
                      new RecordClinicallyReadyForDischarge(su, null, delay, t, spell, "14", "05"),
                      inSpell));
            } else if (r.nextInt(3) == 0) {
              steps.add(
                  new Step(
                      new RecordClinicallyReadyForDischarge(
                          su,
                          null,
                          delay,
                          t,
                          spell,
                          "01",
                          "04",
                          new PeriodEnd(UUID.randomUUID(), end)),
                      inSpell));
              t = end;
            } else {
              steps.add(
                  new Step(
                      new RecordClinicallyReadyForDischarge(su, null, delay, t, spell, "18", "06"),
                      inSpell));
              steps.add(
                  new Step(
                      new EndDelay(su, null, UUID.randomUUID(), end, spell, delay),
                      Set.of(spell, delay)));
              t = end;
            }
          }
        }
      }
      if (last && r.nextInt(3) == 0) {
        break; // the last spell is still in progress
      }
      t = t.plus(hours(r, 1, 72));
      steps.add(
          new Step(
              new DischargeServiceUser(
                  su, null, UUID.randomUUID(), t, spell, "1", r.nextBoolean() ? "19" : "29"),
              Set.of(spell)));
      if (r.nextInt(3) == 0) {
        UUID placement = UUID.randomUUID();
        t = t.plus(hours(r, 1, 8));
        Instant end = t.plus(hours(r, 24, 24 * 20));
        if (last && r.nextBoolean()) {
          steps.add(
              new Step(
                  new StartStepDownPlacement(su, null, placement, t, "STEP-1", "HOUSING-A", spell),
                  Set.of(spell)));
          openPlacement = placement;
        } else if (r.nextBoolean()) {
          steps.add(
              new Step(
                  new StartStepDownPlacement(
                      su,
                      null,
                      placement,
                      t,
                      "STEP-1",
                      "HOUSING-A",
                      spell,
                      new PlacementEnd(UUID.randomUUID(), end, StepDownOutcome.OTHER)),
                  Set.of(spell)));
        } else {
          steps.add(
              new Step(
                  new StartStepDownPlacement(su, null, placement, t, "STEP-1", "HOUSING-A", spell),
                  Set.of(spell)));
          steps.add(
              new Step(
                  new EndStepDownPlacement(
                      su,
                      null,
                      UUID.randomUUID(),
                      end,
                      placement,
                      StepDownOutcome.SETTLED_ACCOMMODATION),
                  Set.of(placement)));
        }
        t = end; // the next placement cannot start before this one ended
      }
      int contacts = r.nextInt(4);
      for (int c = 0; c < contacts; c++) {
        t = t.plus(hours(r, 2, 40));
        UUID contact = UUID.randomUUID();
        steps.add(
            new Step(
                new RecordCommunityContact(
                    su, null, contact, t, r.nextBoolean(), MEDIA[r.nextInt(MEDIA.length)]),
                Set.of()));
        correctable.add(contact);
      }
      if (r.nextBoolean()) {
        t = t.plus(hours(r, 1, 24));
        steps.add(
            new Step(
                new RecordAccommodationStatus(su, null, UUID.randomUUID(), t, "Y", "02"),
                Set.of()));
      }
      if (openPlacement != null) {
        break;
      }
    }
    amendments(j, r, steps, correctable, t);
    return steps;
  }

  /** Corrections of codes and one entered-in-error, each recorded after the fact it names. */
  private static void amendments(
      Journeys j, Random r, List<Step> steps, List<UUID> correctable, Instant after) {
    Map<UUID, JourneyCommand> byFact = new LinkedHashMap<>();
    steps.forEach(s -> factIds(s.command()).forEach(f -> byFact.put(f, s.command())));
    Instant at = after.plus(Duration.ofDays(1));
    UUID corrected = null;
    UUID correction = null;
    if (!correctable.isEmpty() && r.nextBoolean()) {
      corrected = correctable.get(r.nextInt(correctable.size()));
      correction = UUID.randomUUID();
      JourneyCommand target = byFact.get(corrected);
      Map<String, String> changes =
          target instanceof AdmitServiceUser
              ? Map.of("admissionMethod", "2A", "legalStatus", "03")
              : target instanceof ChangeLegalStatus
                  ? Map.of("legalStatus", "35")
                  : Map.of("contactMedium", "11", "attended", "true");
      steps.add(
          new Step(
              new CorrectFact(
                  j.serviceUser, null, correction, at, corrected, changes, "keyed wrongly"),
              Set.of(corrected)));
    }
    List<UUID> contacts =
        correctable.stream().filter(f -> byFact.get(f) instanceof RecordCommunityContact).toList();
    if (!contacts.isEmpty() && r.nextInt(3) == 0) {
      UUID target = contacts.get(r.nextInt(contacts.size()));
      Set<UUID> names = new HashSet<>(Set.of(target));
      if (target.equals(corrected)) {
        names.add(correction); // a voided fact can no longer be corrected
      }
      steps.add(
          new Step(
              new MarkEnteredInError(
                  j.serviceUser,
                  null,
                  UUID.randomUUID(),
                  at.plusSeconds(60),
                  target,
                  "wrong person"),
              names));
    }
  }

  private static Duration hours(Random r, int min, int max) {
    return Duration.ofMinutes(60L * min + r.nextInt(60 * (max - min) + 1) + 1);
  }
}
