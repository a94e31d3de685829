package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.Test;

/**
 * The bulk import judges journeys in memory ({@link JourneyInMemory}); every answer must be the one
 * Axon's dispatch to the aggregate gives: the same events, the same result, the same refusal.
 */
class JourneyInMemoryTest {

  /** What one command came to. */
  record Outcome(List<Object> events, Recorded recorded, String refusal) {}

  @Test
  void a_journey_loaded_from_its_events_judges_the_next_command_as_the_one_that_made_them() {
    Journeys j = new Journeys();
    List<JourneyCommand> commands = new ArrayList<>();
    for (RecordingOrderPropertyTest.Step s : RecordingOrderPropertyTest.plan(j, new Random(7))) {
      commands.add(s.command());
    }
    JourneyInMemory built = JourneyInMemory.none();
    List<JourneyEvent> history = new ArrayList<>();
    for (JourneyCommand c : commands.subList(0, commands.size() - 1)) {
      history.addAll(built.decide(c, Journeys.TIME, Journeys.CODES).events());
    }
    JourneyInMemory loaded = JourneyInMemory.of(history);
    assertThat(loaded.version()).isEqualTo(built.version()).isEqualTo(history.size() - 1L);
    JourneyCommand last = commands.get(commands.size() - 1);
    assertThat(loaded.decide(last, Journeys.TIME, Journeys.CODES))
        .isEqualTo(built.decide(last, Journeys.TIME, Journeys.CODES));
  }

  @Test
  void
      commands_on_a_journey_that_does_not_exist_and_a_second_registration_are_the_callers_to_check() {
    Journeys j = new Journeys();
    List<RecordingOrderPropertyTest.Step> plan = RecordingOrderPropertyTest.plan(j, new Random(3));
    JourneyCommand registration = plan.get(0).command();
    assertThatThrownBy(
            () ->
                JourneyInMemory.none().decide(plan.get(1).command(), Journeys.TIME, Journeys.CODES))
        .isInstanceOf(IllegalStateException.class);
    JourneyInMemory journey = JourneyInMemory.none();
    journey.decide(registration, Journeys.TIME, Journeys.CODES);
    assertThatThrownBy(() -> journey.decide(registration, Journeys.TIME, Journeys.CODES))
        .isInstanceOf(IllegalStateException.class);
    assertThat(JourneyInMemory.of(List.of()).exists()).isFalse();
  }

  /** In memory every fact command runs {@code Journey.record}: so must Axon's handler for it. */
  @Test
  void every_fact_command_has_a_handler_on_the_journey() {
    for (String name : JourneyCommands.names()) {
      Class<? extends JourneyCommand> type = JourneyCommands.byName(name).orElseThrow();
      if (!FactCommand.class.isAssignableFrom(type)) {
        continue;
      }
      assertThat(
              Arrays.stream(Journey.class.getDeclaredMethods())
                  .filter(m -> m.isAnnotationPresent(CommandHandler.class))
                  .map(Method::getParameterTypes)
                  .anyMatch(p -> p.length > 0 && p[0] == type))
          .as(name)
          .isTrue();
    }
  }

  static List<Outcome> inMemory(List<JourneyCommand> order) {
    JourneyInMemory journey = JourneyInMemory.none();
    List<Outcome> outcomes = new ArrayList<>();
    for (JourneyCommand c : order) {
      long before = journey.version();
      try {
        JourneyInMemory.Decision d = journey.decide(c, Journeys.TIME, Journeys.CODES);
        outcomes.add(
            new Outcome(
                List.copyOf(d.events()),
                c instanceof RegisterServiceUser ? null : d.recorded(),
                null));
      } catch (JourneyRejection r) {
        assertThat(journey.version()).as("a refusal applies nothing").isEqualTo(before);
        outcomes.add(new Outcome(List.of(), null, refusal(r)));
      }
    }
    return outcomes;
  }

  static List<Outcome> throughAxon(List<JourneyCommand> order) {
    FixtureConfiguration<Journey> fixture = new AggregateTestFixture<>(Journey.class);
    fixture.registerInjectableResource(Journeys.TIME);
    fixture.registerInjectableResource(Journeys.CODES);
    String id = order.get(0).serviceUserId().toString();
    List<Object> stream = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (JourneyCommand c : order) {
      ResultValidator<Journey> result =
          (stream.isEmpty() ? fixture.givenNoPriorActivity() : fixture.given(stream)).when(c);
      Capture thrown = new Capture();
      try {
        result.expectException(thrown);
      } catch (AssertionError none) {
        // no exception: accepted
      }
      if (thrown.value != null) {
        outcomes.add(new Outcome(List.of(), null, refusal((JourneyRejection) thrown.value)));
        continue;
      }
      Capture answer = new Capture();
      result.expectResultMessagePayloadMatching(answer);
      List<Object> after =
          fixture
              .getEventStore()
              .readEvents(id)
              .asStream()
              .<Object>map(EventMessage::getPayload)
              .toList();
      outcomes.add(
          new Outcome(
              List.copyOf(after.subList(stream.size(), after.size())),
              c instanceof RegisterServiceUser ? null : (Recorded) answer.value,
              null));
      stream.clear();
      stream.addAll(after);
    }
    return outcomes;
  }

  private static String refusal(JourneyRejection r) {
    return r.code() + " " + r.field() + " " + r.factId() + " " + r.getMessage();
  }

  /** A matcher that matches anything and keeps what it saw. */
  private static final class Capture extends BaseMatcher<Object> {
    Object value;

    @Override
    public boolean matches(Object actual) {
      value = actual;
      return true;
    }

    @Override
    public void describeTo(Description description) {
      description.appendText("anything");
    }
  }
}
