package org.pathway.api.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Axon's repository logs a warning with the whole stack trace whenever a journey fails to load, and
 * then throws the failure on. For a journey that does not exist — a client naming a wrong service
 * user, answered {@code 404 UNKNOWN_SERVICE_USER} by the problem advice — that was some 150 log
 * lines per request, and the class loading of logback's stack-trace packaging data on the request
 * thread (docs/performance.md). Those warnings alone are dropped; every other failure to load still
 * logs as Axon logs it, and reaches the problem advice, which logs what is not a client's mistake.
 */
public final class JourneyNotFoundLogFilter extends TurboFilter {
  /** The logger Axon's repositories write to. */
  static final String REPOSITORY_LOGGER = "org.axonframework.modelling.command.AbstractRepository";

  private static final String NAME = "journey-not-found";

  /**
   * Adds the filter to logback once (Spring Boot resets logback when a context starts, so each
   * context adds it again).
   */
  public static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another logging backend: nothing to filter
    }
    boolean present = context.getTurboFilterList().stream().anyMatch(f -> NAME.equals(f.getName()));
    if (!present) {
      JourneyNotFoundLogFilter filter = new JourneyNotFoundLogFilter();
      filter.setName(NAME);
      filter.start();
      context.addTurboFilter(filter);
    }
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN || !REPOSITORY_LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    // slf4j passes a trailing throwable among the arguments
    Throwable thrown =
        t != null
            ? t
            : params != null
                    && params.length > 0
                    && params[params.length - 1] instanceof Throwable p
                ? p
                : null;
    return thrown instanceof AggregateNotFoundException ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
