package org.pathway.api.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.error.DatabaseOutage;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.JourneyCommands;
import org.pathway.domain.journey.JourneyRejection;
import org.springframework.stereotype.Component;

/**
 * The {@code pathway.commands} timer (Prometheus {@code pathway_commands_seconds}, with a latency
 * histogram): each command the API or an import executes, by its public name ({@link
 * JourneyCommands}; {@code unknown} when the request was refused before a command was formed, or
 * answered from the idempotency store) and outcome — {@code accepted}, {@code replayed} (the stored
 * answer of an earlier identical request), {@code refused} (a rule), {@code conflict} (409), {@code
 * stale} (412), {@code invalid} (another 4xx), {@code unavailable} (the database away) or {@code
 * failed}. A command is counted once it has committed, or once it is known not to.
 */
@Component
public class CommandMetrics {
  private final MeterRegistry registry;
  private final ThreadLocal<String> command = new ThreadLocal<>();

  /** The timers by command and outcome, looked up once rather than built on every command. */
  private final java.util.concurrent.ConcurrentMap<String, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Starts timing a command on this thread. */
  Measurement start() {
    command.remove();
    return new Measurement();
  }

  /** Notes the command being sent (the first of a request names it). */
  void sending(Object sent) {
    if (command.get() == null) {
      command.set(
          sent instanceof JourneyCommand c
              ? JourneyCommands.name(c.getClass())
              : sent.getClass().getSimpleName());
    }
  }

  /** One command's time and outcome, recorded when it is known to count. */
  final class Measurement {
    private final long started = System.nanoTime();
    private long took;
    private String name;
    private String outcome;

    /** Ends the timing with what the command came to: a result or an exception. */
    Measurement finish(Object result) {
      took = System.nanoTime() - started;
      name = command.get() == null ? "unknown" : command.get();
      outcome = outcome(result);
      return this;
    }

    void record() {
      record(took);
    }

    /** Records it as having taken {@code nanos} (a share of a batch's time). */
    void record(long nanos) {
      timers
          .computeIfAbsent(
              name + '/' + outcome,
              k ->
                  Timer.builder("pathway.commands")
                      .description("commands executed, by command and outcome")
                      .tag("command", name)
                      .tag("outcome", outcome)
                      .publishPercentileHistogram()
                      .register(registry))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private static String outcome(Object result) {
    if (result instanceof CommandExecutor.Executed<?> e) {
      return e.replayed() ? "replayed" : "accepted";
    }
    Object reason = result instanceof CommandExecutor.Refused<?> r ? r.reason() : result;
    if (reason instanceof JourneyRejection) {
      return "refused";
    }
    if (reason instanceof ApiProblem p) {
      int status = p.status().value();
      return status == 409
          ? "conflict"
          : status == 412 ? "stale" : status < 500 ? "invalid" : "unavailable";
    }
    if (reason instanceof Throwable t && DatabaseOutage.isCause(t)) {
      return "unavailable";
    }
    return "failed";
  }
}
