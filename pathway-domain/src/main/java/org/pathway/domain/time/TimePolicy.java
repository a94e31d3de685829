package org.pathway.domain.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What "now" is for the domain, injected so that the domain never reads the system clock itself,
 * and how far in the future a clinical time may lie (clock skew between a ward PC and the server).
 */
public record TimePolicy(Clock clock, Duration allowedFutureSkew) {

  public TimePolicy {
    if (allowedFutureSkew.isNegative()) {
      throw new IllegalArgumentException("allowedFutureSkew must not be negative");
    }
  }

  public Instant latestAcceptable() {
    return clock.instant().plus(allowedFutureSkew);
  }
}
