package org.pathway.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.pathway.projections.jobs.OutageLog;
import org.springframework.dao.DataAccessResourceFailureException;

/** A scheduled job's outage is one warning and one recovery line, whatever the runs between. */
class OutageLogTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("job");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final OutageLog outage = new OutageLog(logger, "Sealing paused", "Sealing resumed");

  OutageLogTest() {
    lines.setContext(context);
    lines.start();
    logger.addAppender(lines);
  }

  @Test
  void warns_once_while_the_database_is_away_and_says_once_when_it_is_back() {
    assertThat(outage.run(() -> 1, 0)).isEqualTo(1);
    assertThat(lines.list).isEmpty();
    for (int i = 0; i < 5; i++) {
      assertThat(outage.run(this::fail, -1)).isEqualTo(-1);
      assertThat(outage.away()).isTrue();
    }
    assertThat(outage.run(() -> 2, 0)).isEqualTo(2);
    assertThat(outage.away()).isFalse();
    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "Sealing paused: the database failed (connection refused); retrying",
            "Sealing resumed");
  }

  @Test
  void a_failure_that_is_not_the_database_s_is_not_swallowed() {
    assertThatThrownBy(
            () ->
                outage.run(
                    () -> {
                      throw new IllegalStateException("a bug");
                    },
                    0))
        .isInstanceOf(IllegalStateException.class);
    assertThat(outage.away()).isFalse();
  }

  private Integer fail() {
    throw new DataAccessResourceFailureException("connection refused");
  }
}
