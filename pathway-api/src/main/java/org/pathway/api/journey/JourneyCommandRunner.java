package org.pathway.api.journey;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.pathway.api.web.CommandExecutor;
import org.pathway.api.web.CommandHeaders;
import org.pathway.api.web.FactRecorded;
import org.pathway.api.web.RequestContext;
import org.pathway.api.web.Versions;
import org.pathway.domain.journey.JourneyCommand;
import org.pathway.domain.journey.PeriodEnd;
import org.pathway.domain.journey.Recorded;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** What every journey endpoint does once it has built its command from the request. */
@Component
class JourneyCommandRunner {
  private final CommandExecutor executor;
  private final RequestContext context;

  JourneyCommandRunner(CommandExecutor executor, RequestContext context) {
    this.executor = executor;
    this.context = context;
  }

  /**
   * Sends the command (built for the {@code If-Match} version, or null) as the signed-in user,
   * idempotently when the request has a key, and answers 201 with the fact recorded.
   */
  ResponseEntity<FactRecorded> run(
      HttpServletRequest http,
      CommandHeaders headers,
      UUID serviceUserId,
      Object body,
      Function<Long, JourneyCommand> command) {
    Long expectedVersion = Versions.expected(headers.ifMatch());
    String author = context.author(http);
    return executor
        .execute(
            headers.idempotencyKey(),
            List.of(http.getMethod(), http.getRequestURI(), body),
            FactRecorded.class,
            () -> {
              Recorded recorded =
                  executor.send(command.apply(expectedVersion), author, headers.idempotencyKey());
              return FactRecorded.created(serviceUserId, recorded);
            })
        .toResponse();
  }

  static PeriodEnd periodEnd(SpellController.EndRequest end) {
    return end == null ? null : new PeriodEnd(id(end.factId()), end.occurredAt().toInstant());
  }

  /** The fact id the client chose, or a new one. */
  static UUID id(UUID requested) {
    return requested != null ? requested : UUID.randomUUID();
  }
}
