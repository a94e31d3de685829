package org.pathway.projections.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.domain.journey.Correction;
import org.pathway.domain.journey.DataQuality;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.FactCorrected;
import org.pathway.domain.journey.FactEnteredInError;
import org.pathway.domain.journey.FieldChanges;
import org.pathway.domain.journey.JourneyEventTypes;

/**
 * A service user's journey as a timeline: every fact in clinical order with its current values, its
 * original values if corrected, and the corrections made to it, each with when and by whom it was
 * recorded.
 *
 * @param asAt the recorded time the timeline is as at, or {@code null} for everything known now
 * @param version the journey version (sequence number of the last event included)
 * @param questions the journey's open data-quality questions as known then (an earlier period whose
 *     end is not recorded, an admission before its referral, ...)
 */
public record Timeline(
    UUID serviceUserId,
    Instant asAt,
    long version,
    List<Entry> facts,
    List<DataQuality.Question> questions) {

  /** Whether a fact counts, and how. */
  public enum Status {
    ACTIVE,
    CORRECTED,
    ENTERED_IN_ERROR
  }

  /**
   * @param values the fact with every correction applied (what counts now)
   * @param original the fact as first recorded, when it was corrected since
   */
  public record Entry(
      UUID factId,
      String type,
      Instant occurredAt,
      Instant recordedAt,
      String recordedBy,
      @JsonInclude(JsonInclude.Include.NON_NULL) String migratedFrom,
      Status status,
      Fact values,
      Fact original,
      List<CorrectionEntry> corrections) {}

  /** A correction or entered-in-error, shown against the fact it amends. */
  public record CorrectionEntry(
      UUID correctionId,
      String type,
      Map<String, String> changes,
      String reason,
      Instant occurredAt,
      Instant recordedAt,
      String recordedBy,
      @JsonInclude(JsonInclude.Include.NON_NULL) String migratedFrom) {}

  /**
   * Builds the timeline from a journey's stored events, keeping only those recorded at or before
   * {@code asAt}.
   */
  public static Timeline of(UUID serviceUserId, List<StoredEvent> events, Instant asAt) {
    Map<UUID, Builder> facts = new LinkedHashMap<>();
    long version = -1;
    for (StoredEvent stored : events) {
      if (asAt != null && stored.recordedAt().isAfter(asAt)) {
        continue;
      }
      version = Math.max(version, stored.sequence());
      if (stored.event() instanceof Fact fact) {
        facts.put(fact.factId(), new Builder(fact, stored));
      } else if (stored.event() instanceof Correction correction) {
        Builder target = facts.get(correction.targetFactId());
        if (target != null) {
          target.apply(correction, stored);
        }
      }
    }
    List<Entry> entries = new ArrayList<>();
    facts.values().forEach(b -> entries.add(b.build()));
    List<Fact> current =
        entries.stream()
            .filter(e -> e.status() != Status.ENTERED_IN_ERROR)
            .map(Entry::values)
            .toList(); // recording order
    entries.sort(Comparator.comparing(Entry::occurredAt)); // stable: ties keep recording order
    return new Timeline(
        serviceUserId, asAt, version, List.copyOf(entries), DataQuality.of(current));
  }

  private static final class Builder {
    private final Fact original;
    private final StoredEvent recorded;
    private Fact current;
    private Status status = Status.ACTIVE;
    private final List<CorrectionEntry> corrections = new ArrayList<>();

    Builder(Fact fact, StoredEvent recorded) {
      this.original = fact;
      this.current = fact;
      this.recorded = recorded;
    }

    void apply(Correction correction, StoredEvent stored) {
      Map<String, String> changes = null;
      if (correction instanceof FactCorrected c) {
        current = current.amend(new FieldChanges(c.changes()));
        changes = c.changes();
        if (status == Status.ACTIVE) {
          status = Status.CORRECTED;
        }
      } else if (correction instanceof FactEnteredInError) {
        status = Status.ENTERED_IN_ERROR;
      }
      corrections.add(
          new CorrectionEntry(
              correction.factId(),
              JourneyEventTypes.shortName(correction.getClass()),
              changes,
              correction.reason(),
              correction.occurredAt(),
              stored.recordedAt(),
              stored.recordedBy(),
              stored.migratedFrom()));
    }

    Entry build() {
      return new Entry(
          original.factId(),
          JourneyEventTypes.shortName(original.getClass()),
          current.occurredAt(),
          recorded.recordedAt(),
          recorded.recordedBy(),
          recorded.migratedFrom(),
          status,
          current,
          current.equals(original) ? null : original,
          List.copyOf(corrections));
    }
  }
}
