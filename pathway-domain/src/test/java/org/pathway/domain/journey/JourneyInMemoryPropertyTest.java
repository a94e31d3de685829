package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link JourneyInMemory} answers every command as Axon's dispatch to the aggregate does, on
 * generated journeys recorded in random orders with repeats (so many commands are refused). Not run
 * by the mutation tests (slow per mutant); {@link JourneyInMemoryTest} is.
 */
class JourneyInMemoryPropertyTest {

  @Property(tries = 200)
  void judged_in_memory_as_axon_judges_it_in_any_order_with_repeats(
      @ForAll long planSeed, @ForAll long orderSeed) {
    Journeys j = new Journeys();
    Random random = new Random(orderSeed);
    List<JourneyCommand> commands = new ArrayList<>();
    for (RecordingOrderPropertyTest.Step s :
        RecordingOrderPropertyTest.plan(j, new Random(planSeed))) {
      commands.add(s.command());
    }
    // any order after the registration (so facts named before they are recorded are refused),
    // some commands twice (their fact ids are then in use)
    List<JourneyCommand> rest = new ArrayList<>(commands.subList(1, commands.size()));
    Collections.shuffle(rest, random);
    for (int i = 0; i < 3 && !rest.isEmpty(); i++) {
      rest.add(random.nextInt(rest.size()), rest.get(random.nextInt(rest.size())));
    }
    List<JourneyCommand> order = new ArrayList<>(List.of(commands.get(0)));
    order.addAll(rest);

    List<JourneyInMemoryTest.Outcome> byAxon = JourneyInMemoryTest.throughAxon(order);
    List<JourneyInMemoryTest.Outcome> inMemory = JourneyInMemoryTest.inMemory(order);
    assertThat(inMemory).isEqualTo(byAxon);
    assertThat(byAxon).anyMatch(o -> o.refusal() != null).anyMatch(o -> o.refusal() == null);
  }
}
