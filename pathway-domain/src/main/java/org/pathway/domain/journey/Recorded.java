package org.pathway.domain.journey;

import java.util.UUID;

/**
 * What a successful command returns: the id of the fact (or correction) recorded and the journey
 * version after it, which the API exposes as the ETag. {@code endFactId} is the id of the end fact
 * when the command recorded a complete period at once, otherwise {@code null}.
 */
public record Recorded(UUID factId, UUID endFactId, long version) {

  public Recorded(UUID factId, long version) {
    this(factId, null, version);
  }
}
