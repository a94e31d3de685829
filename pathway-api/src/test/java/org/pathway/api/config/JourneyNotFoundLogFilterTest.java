package org.pathway.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

class JourneyNotFoundLogFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger repository = context.getLogger(JourneyNotFoundLogFilter.REPOSITORY_LOGGER);
  private final JourneyNotFoundLogFilter filter = new JourneyNotFoundLogFilter();
  private static final String FORMAT =
      "Exception occurred while trying to load a aggregate with identifier [{}].";

  @Test
  void drops_only_the_repository_s_warnings_of_a_journey_that_is_not_there() {
    Object[] notFound = {"id", new AggregateNotFoundException("id", "not found")};
    assertThat(filter.decide(null, repository, Level.WARN, FORMAT, notFound, null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            filter.decide(
                null,
                repository,
                Level.WARN,
                "x",
                null,
                new AggregateDeletedException("id", "deleted")))
        .isEqualTo(FilterReply.DENY);
    // anything else is logged as before
    Object[] other = {"id", new IllegalStateException("the database went away")};
    assertThat(filter.decide(null, repository, Level.WARN, FORMAT, other, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, repository, Level.WARN, FORMAT, new Object[] {"id"}, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, repository, Level.WARN, FORMAT, null, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, repository, Level.ERROR, FORMAT, notFound, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            filter.decide(
                null, context.getLogger("org.pathway.api"), Level.WARN, FORMAT, notFound, null))
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
