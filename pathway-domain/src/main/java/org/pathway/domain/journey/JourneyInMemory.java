package org.pathway.domain.journey;

import java.util.List;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.time.TimePolicy;

/**
 * A journey judged in memory, without Axon's command bus: the aggregate's own command handlers and
 * rules, with the events they apply handed back instead of published. The bulk import judges a
 * batch of lines this way and appends all their events at once (docs/architecture.md, "The bulk
 * import path"); {@code JourneyInMemoryTest} holds it to the answers Axon's dispatch gives.
 *
 * <p>A refused command changes nothing: every rule is checked before the first event is applied.
 */
public final class JourneyInMemory {
  /** Axon's name for the journey aggregate: the {@code type} of its events in the store. */
  public static final String AGGREGATE_TYPE = Journey.class.getSimpleName();

  private Journey journey;

  private JourneyInMemory(Journey journey) {
    this.journey = journey;
  }

  /** A journey not registered yet: its first command must be the registration. */
  public static JourneyInMemory none() {
    return new JourneyInMemory(null);
  }

  /** The journey its stored events (in sequence order, the first at sequence 0) describe. */
  public static JourneyInMemory of(List<? extends JourneyEvent> history) {
    if (history.isEmpty()) {
      return none();
    }
    Journey journey = new Journey();
    long sequence = 0;
    for (JourneyEvent event : history) {
      journey.on(event, sequence++);
    }
    return new JourneyInMemory(journey);
  }

  /** Whether the journey exists (its registration is known). */
  public boolean exists() {
    return journey != null;
  }

  /** The sequence number of the journey's last event ({@code -1} before its registration). */
  public long version() {
    return journey == null ? -1 : journey.version();
  }

  /** What a command accepted here applied, and what it answers. */
  public record Decision(List<JourneyEvent> events, Recorded recorded) {}

  /**
   * Judges the command as the aggregate's handler for it does, and applies its events here.
   *
   * @throws JourneyRejection when a rule refuses it (nothing is applied)
   * @throws IllegalStateException for a registration of a journey that exists, or a command on one
   *     that does not (the caller checks both first, as the repository does)
   */
  public Decision decide(JourneyCommand command, TimePolicy time, CodeCatalogue codes) {
    if (command instanceof RegisterServiceUser register) {
      if (journey != null) {
        throw new IllegalStateException("journey " + command.serviceUserId() + " exists");
      }
      Journey registered = new Journey();
      List<JourneyEvent> events = registered.applyInMemory();
      registered.register(register, time, codes);
      journey = registered;
      return new Decision(List.copyOf(events), new Recorded(command.factId(), 0));
    }
    if (journey == null) {
      throw new IllegalStateException("journey " + command.serviceUserId() + " does not exist");
    }
    List<JourneyEvent> events = journey.applyInMemory();
    Recorded recorded;
    if (command instanceof CorrectFact c) {
      recorded = journey.handle(c, time, codes);
    } else if (command instanceof MarkEnteredInError c) {
      recorded = journey.handle(c, time);
    } else {
      // every other command records facts, and each of its handlers is Journey.record
      recorded = journey.record((FactCommand) command, time, codes);
    }
    return new Decision(List.copyOf(events), recorded);
  }
}
