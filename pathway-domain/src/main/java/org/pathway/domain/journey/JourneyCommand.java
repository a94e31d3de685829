package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to change a service user's journey. Every command names the new fact's id ({@code
 * factId}, chosen by the caller) and its clinical time ({@code occurredAt}); {@code
 * expectedVersion}, when not null, is the journey version the caller last saw (the HTTP {@code
 * If-Match}) and the command is refused if the journey has moved on.
 */
public sealed interface JourneyCommand
    permits RegisterServiceUser, FactCommand, CorrectFact, MarkEnteredInError {
  UUID serviceUserId();

  UUID factId();

  Instant occurredAt();
}
