package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.DeathRecorded;
import org.pathway.domain.time.ClinicalTime;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;

/**
 * Everything the metrics read, as known at one recorded time: spells and placements (derived), and
 * the attended or missed contacts, deaths and accommodation statuses (facts). Loaded once per
 * query.
 *
 * @param today the local date of the as-at time, for windows not yet complete
 */
public record MetricData(
    List<Spell> spells,
    List<Placement> placements,
    List<Contact> contacts,
    List<Death> deaths,
    List<AccommodationStatus> accommodation,
    LocalDate today) {

  /** A community contact (MHS201). */
  public record Contact(
      UUID contactId, UUID serviceUserId, LocalDate on, boolean attended, String medium) {
    /** The contact as the fact says it, on its London date (as {@code fact_version} holds it). */
    public static Contact of(CommunityContactRecorded c) {
      return new Contact(
          c.factId(),
          c.serviceUserId(),
          ClinicalTime.localDate(c.occurredAt()),
          c.attended(),
          c.contactMedium());
    }
  }

  /** A recorded death. */
  public record Death(UUID serviceUserId, LocalDate on) {
    public static Death of(DeathRecorded d) {
      return new Death(d.serviceUserId(), ClinicalTime.localDate(d.occurredAt()));
    }
  }

  /** An accommodation status (MHS003); {@code seq} orders statuses recorded for the same date. */
  public record AccommodationStatus(
      UUID serviceUserId,
      LocalDate on,
      long seq,
      String settledIndicator,
      String accommodationType) {
    /**
     * The status as the fact says it, on its London date (as {@code fact_version} holds it); {@code
     * seq} orders statuses of one day as their first recording did.
     */
    public static AccommodationStatus of(
        org.pathway.domain.journey.AccommodationStatusRecorded a, long seq) {
      return new AccommodationStatus(
          a.serviceUserId(),
          ClinicalTime.localDate(a.occurredAt()),
          seq,
          a.settledIndicator(),
          a.accommodationType());
    }
  }

  public Map<UUID, List<Spell>> spellsByServiceUser() {
    return spells.stream().collect(Collectors.groupingBy(Spell::serviceUserId));
  }
}
