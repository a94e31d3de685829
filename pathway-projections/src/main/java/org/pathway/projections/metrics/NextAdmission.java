package org.pathway.projections.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pathway.projections.journey.Spell;

/**
 * The same service user's next admission after a discharge: derived from the stream, never entered.
 */
final class NextAdmission {
  private NextAdmission() {}

  static Optional<Spell> after(Spell discharged, Map<UUID, List<Spell>> byServiceUser) {
    return byServiceUser.getOrDefault(discharged.serviceUserId(), List.of()).stream()
        .filter(s -> !s.spellId().equals(discharged.spellId()))
        .filter(s -> !s.admittedAt().isBefore(discharged.dischargedAt()))
        .min(Comparator.comparing(Spell::admittedAt));
  }
}
