package org.pathway.api.config;

import java.util.Comparator;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.pathway.projections.history.JourneyHistoryProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shares the segments of the journey-history processor among the nodes of a cluster. Every node can
 * process every segment (a thread per segment), so one node alone processes them all; each says it
 * is alive in {@code cluster_node}, and a node holding more than its share ({@code ceil(segments /
 * live nodes)}) releases the surplus for a while, for a node with fewer to claim (Axon's {@code
 * releaseSegment}). A node that stops stops saying it is alive; its claims lapse after Axon's claim
 * timeout and the others take them.
 */
@Component
public class ProcessorBalancer {
  private static final Logger log = LoggerFactory.getLogger(ProcessorBalancer.class);
  private static final String ALIVE = "20 seconds";

  private final EventProcessingConfiguration processing;
  private final JdbcTemplate jdbc;
  private final String node;

  ProcessorBalancer(
      EventProcessingConfiguration processing,
      JdbcTemplate jdbc,
      @Value("${pathway.node-id:}") String nodeId) {
    this.processing = processing;
    this.jdbc = jdbc;
    // the owner name of this node's claims (AxonConfiguration.tokenStore): Axon's default is
    // pid@host
    this.node =
        nodeId.isBlank()
            ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName()
            : nodeId;
  }

  @Scheduled(fixedDelayString = "${pathway.processors.balance-interval:PT5S}")
  void balance() {
    try {
      jdbc.update(
          "INSERT INTO cluster_node (node_id, heartbeat_at) VALUES (?, now())"
              + " ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()",
          node);
      long alive =
          jdbc.queryForObject(
              "SELECT count(*) FROM cluster_node WHERE heartbeat_at > now() - interval '"
                  + ALIVE
                  + "'",
              Long.class);
      long segments =
          jdbc.queryForObject(
              "SELECT count(*) FROM token_entry WHERE processor_name = ?",
              Long.class,
              JourneyHistoryProjection.PROCESSING_GROUP);
      TrackingEventProcessor processor =
          processing
              .eventProcessor(
                  JourneyHistoryProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
              .orElse(null);
      if (processor == null || !processor.isRunning() || alive < 2 || segments < 2) {
        return;
      }
      long share = (segments + alive - 1) / alive;
      List<Integer> mine =
          processor.processingStatus().values().stream()
              .map(EventTrackerStatus::getSegment)
              .map(s -> s.getSegmentId())
              .sorted(Comparator.reverseOrder())
              .toList();
      for (int i = 0; i < mine.size() - share; i++) {
        log.info(
            "releasing segment {} of {} ({} nodes alive, {} segments each)",
            mine.get(i),
            JourneyHistoryProjection.PROCESSING_GROUP,
            alive,
            share);
        processor.releaseSegment(mine.get(i));
      }
    } catch (RuntimeException e) {
      log.debug("processor balancing skipped: {}", e.toString()); // the database may be away
    }
  }
}
