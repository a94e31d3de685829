package org.pathway.api.monitoring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code /actuator/health/readiness}): down while an event processor segment is
 * more than {@code pathway.monitoring.max-processor-lag} events behind the store, so a load
 * balancer sends readers elsewhere until this node's read models have caught up. Its figures are
 * {@link OperationalMetrics}'s.
 */
@Component("processors")
class ProcessorsHealthIndicator implements HealthIndicator {
  private final OperationalMetrics metrics;
  private final long maxLag;

  ProcessorsHealthIndicator(
      OperationalMetrics metrics,
      @Value("${pathway.monitoring.max-processor-lag:50000}") long maxLag) {
    this.metrics = metrics;
    this.maxLag = maxLag;
  }

  @Override
  public Health health() {
    metrics.refresh(); // a probe asks every few seconds: its answer is current
    OperationalMetrics.Reading r = metrics.reading();
    long worst =
        r.segments().stream().mapToLong(OperationalMetrics.SegmentLag::lag).max().orElse(0);
    Health.Builder health = worst > maxLag ? Health.outOfService() : Health.up();
    return health
        .withDetail("maxLag", maxLag)
        .withDetail("worstLag", worst)
        .withDetail("readAt", r.at().toString())
        .withDetail(
            "segments",
            r.segments().stream()
                .map(s -> s.processor() + "/" + s.segment() + ": " + s.lag() + " behind")
                .toList())
        .build();
  }
}
