package org.pathway.domain.journey;

import java.util.UUID;

/**
 * What a successful command returns: the id of the fact (or correction) recorded and the journey
 * version after it, which the API exposes as the ETag.
 */
public record Recorded(UUID factId, long version) {}
