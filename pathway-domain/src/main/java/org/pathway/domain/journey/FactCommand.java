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
}
