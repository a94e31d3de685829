package org.pathway.domain.journey;

/** A command that records one new clinical fact in an existing journey. */
public sealed interface FactCommand extends JourneyCommand
    permits RecordReferral,
        AcceptReferral,
        DeclineReferral,
        CloseReferral,
        AdmitServiceUser,
        TransferWard,
        ChangeLegalStatus,
        StartLeave,
        EndLeave,
        RecordClinicallyReadyForDischarge,
        EndDelay,
        DischargeServiceUser,
        StartStepDownPlacement,
        EndStepDownPlacement,
        RecordCommunityContact,
        RecordAccommodationStatus,
        RecordDeath {

  /** The journey version the caller expects, or {@code null} to skip the check. */
  Long expectedVersion();

  /** The fact this command asks to record. */
  Fact toFact();

  /**
   * Every fact this command records, in order: the fact itself, then the end of the period it
   * starts when the caller already knows it (a complete past period in one request).
   */
  default java.util.List<Fact> toFacts() {
    return java.util.List.of(toFact());
  }
}
