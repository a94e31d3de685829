package org.pathway.projections.journey;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.pathway.domain.journey.LeaveType;

/**
 * A hospital provider spell as derived from the facts known at some recorded time. All dates are
 * Europe/London local dates of the facts' clinical times; an end date of {@code null} means still
 * open.
 *
 * @param wardStays in clinical order; the last is the ward at discharge (or now)
 * @param delays clinically-ready-for-discharge periods; one still open at discharge ends on the
 *     discharge date
 * @param leaves home leave and leave of absence; one still open at discharge ends on the discharge
 *     date
 * @param legalStatuses legal status from each change date, the first at admission
 */
public record Spell(
    UUID spellId,
    UUID serviceUserId,
    UUID referralId,
    java.time.Instant admittedAt,
    java.time.Instant dischargedAt,
    LocalDate admittedOn,
    LocalDate dischargedOn,
    String admissionMethod,
    String admissionSource,
    String dischargeMethod,
    String dischargeDestination,
    LocalDate estimatedDischargeDate,
    List<WardStay> wardStays,
    List<DelayPeriod> delays,
    List<LeavePeriod> leaves,
    List<LegalStatusPeriod> legalStatuses) {

  /** One ward stay (MHS502): where, which setting, and whether out of area. */
  public record WardStay(
      UUID wardStayId,
      LocalDate startOn,
      LocalDate endOn,
      String ward,
      String bedType,
      String provider,
      String locality,
      boolean outOfArea,
      String oapReason,
      Integer distanceFromHomeKm) {}

  /** One clinically-ready-for-discharge period (MHS518). */
  public record DelayPeriod(
      UUID delayId, LocalDate startOn, LocalDate endOn, String reason, String attributableTo) {}

  /** One period of home leave or leave of absence (MHS509/MHS510). */
  public record LeavePeriod(UUID leaveId, LocalDate startOn, LocalDate endOn, LeaveType type) {}

  /** A legal status in force from {@code fromOn}. */
  public record LegalStatusPeriod(LocalDate fromOn, String legalStatus) {}

  public boolean stillOpen() {
    return dischargedOn == null;
  }

  public String legalStatusAtAdmission() {
    return legalStatuses.isEmpty() ? null : legalStatuses.get(0).legalStatus();
  }

  /** Whether any of its ward stays was out of area. */
  public boolean anyOutOfArea() {
    return wardStays.stream().anyMatch(WardStay::outOfArea);
  }

  /** The ward stay at discharge, or the one in progress. */
  public WardStay lastWardStay() {
    return wardStays.get(wardStays.size() - 1);
  }

  /**
   * The ward stay in progress at the end of {@code date} (the last one starting on or before it).
   */
  public WardStay wardStayAt(LocalDate date) {
    WardStay current = wardStays.get(0);
    for (WardStay stay : wardStays) {
      if (!stay.startOn().isAfter(date)) {
        current = stay;
      }
    }
    return current;
  }
}
