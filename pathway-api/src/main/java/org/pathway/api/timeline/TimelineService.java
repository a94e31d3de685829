package org.pathway.api.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.pathway.api.error.ApiProblem;
import org.pathway.domain.journey.JourneyEvent;
import org.pathway.projections.journey.Provenance;
import org.pathway.projections.timeline.StoredEvent;
import org.pathway.projections.timeline.Timeline;
import org.springframework.stereotype.Service;

/**
 * Reads a journey straight from the event store, so a clinician sees what they just recorded (no
 * projection lag) and an auditor can ask for it as at any recorded time.
 */
@Service
public class TimelineService {
  private final EventStore eventStore;

  TimelineService(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  public Timeline timeline(UUID serviceUserId, Instant asAt) {
    List<StoredEvent> events = read(serviceUserId);
    if (events.isEmpty()) {
      throw ApiProblem.notFound("UNKNOWN_SERVICE_USER", "no service user with id " + serviceUserId);
    }
    return Timeline.of(serviceUserId, events, asAt);
  }

  /**
   * The journey as known at {@code asAt}: its timeline, the facts that count (entered-in-error ones
   * left out, corrected ones as corrected) and the spells and placements derived from them, as the
   * read models derive them.
   */
  public record Known(
      Timeline timeline,
      List<org.pathway.domain.journey.Fact> facts,
      org.pathway.projections.journey.JourneyDerivation.Derived derived) {}

  /** {@link Known} for the journey; 404 when there is no journey. */
  public Known known(UUID serviceUserId, Instant asAt) {
    Timeline timeline = timeline(serviceUserId, asAt);
    List<org.pathway.domain.journey.Fact> facts = new ArrayList<>();
    for (Timeline.Entry e : timeline.facts()) {
      if (e.status() != Timeline.Status.ENTERED_IN_ERROR) {
        facts.add(e.values());
      }
    }
    return new Known(
        timeline, facts, org.pathway.projections.journey.JourneyDerivation.derive(facts));
  }

  /** The journey's current version, or 404 when there is no journey. */
  public long version(UUID serviceUserId) {
    return eventStore
        .lastSequenceNumberFor(serviceUserId.toString())
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "UNKNOWN_SERVICE_USER", "no service user with id " + serviceUserId));
  }

  /** The journey's stored events in order; 404 when there is no journey. */
  public List<StoredEvent> events(UUID serviceUserId) {
    List<StoredEvent> events = read(serviceUserId);
    if (events.isEmpty()) {
      throw ApiProblem.notFound("UNKNOWN_SERVICE_USER", "no service user with id " + serviceUserId);
    }
    return events;
  }

  private List<StoredEvent> read(UUID serviceUserId) {
    List<StoredEvent> events = new ArrayList<>();
    DomainEventStream stream = eventStore.readEvents(serviceUserId.toString());
    while (stream.hasNext()) {
      DomainEventMessage<?> message = stream.next();
      if (message.getPayload() instanceof JourneyEvent event) {
        events.add(
            new StoredEvent(
                message.getSequenceNumber(),
                event,
                Provenance.recordedAt(message),
                Provenance.author(message),
                Provenance.migratedFrom(message)));
      }
    }
    return events;
  }
}
