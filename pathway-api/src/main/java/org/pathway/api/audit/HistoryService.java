package org.pathway.api.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.api.timeline.TimelineService;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.FactCorrected;
import org.pathway.domain.journey.FactEnteredInError;
import org.pathway.domain.journey.JourneyEventTypes;
import org.pathway.projections.timeline.StoredEvent;
import org.springframework.stereotype.Service;

/**
 * What changed in a journey's record between two recorded times: facts added, corrected and voided.
 */
@Service
public class HistoryService {
  private final TimelineService timelines;

  HistoryService(TimelineService timelines) {
    this.timelines = timelines;
  }

  /** Changes recorded after {@code from} and at or before {@code to}, in recording order. */
  public List<Map<String, Object>> changes(UUID serviceUserId, Instant from, Instant to) {
    List<Map<String, Object>> changes = new ArrayList<>();
    for (StoredEvent stored : timelines.events(serviceUserId)) {
      if ((from != null && !stored.recordedAt().isAfter(from))
          || (to != null && stored.recordedAt().isAfter(to))) {
        continue;
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("sequence", stored.sequence());
      c.put("recordedAt", stored.recordedAt());
      c.put("recordedBy", stored.recordedBy());
      if (stored.migratedFrom() != null) {
        c.put("migratedFrom", stored.migratedFrom());
      }
      if (stored.event() instanceof FactCorrected fc) {
        c.put("change", "CORRECTED");
        c.put("factId", fc.targetFactId());
        c.put("changes", fc.changes());
        c.put("reason", fc.reason());
      } else if (stored.event() instanceof FactEnteredInError v) {
        c.put("change", "ENTERED_IN_ERROR");
        c.put("factId", v.targetFactId());
        c.put("reason", v.reason());
      } else if (stored.event() instanceof Fact f) {
        c.put("change", "ADDED");
        c.put("factId", f.factId());
        c.put("type", JourneyEventTypes.shortName(f.getClass()));
        c.put("occurredAt", f.occurredAt());
        c.put("values", f);
      }
      changes.add(c);
    }
    return changes;
  }
}
