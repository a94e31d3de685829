package org.pathway.domain.journey;

import java.time.Instant;
import java.util.UUID;

/**
 * Everything that can happen in a service user's journey: the clinical {@link Fact}s and the {@link
 * Correction}s that amend or void them. Events are a permanent contract: each has a stable logical
 * type name ({@code @JsonTypeName}) and a {@code @Revision}. The recorded time and author are not
 * fields: they travel in the message (timestamp and {@code author} metadata), so a fact's clinical
 * time is never confused with when it was written down.
 */
public sealed interface JourneyEvent permits Fact, Correction {

  /**
   * The service user's internal id (the aggregate identifier). Pseudonymous; not personal data by
   * itself.
   */
  UUID serviceUserId();

  /** Id of this fact or correction, unique within the journey, chosen by the caller. */
  UUID factId();

  /** Clinical time: when it happened (for a correction, when the error was identified). */
  Instant occurredAt();
}
