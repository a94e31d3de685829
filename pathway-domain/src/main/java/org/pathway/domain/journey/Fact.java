package org.pathway.domain.journey;

/**
 * A clinical fact of the journey: it can later be corrected or entered in error, never changed in
 * place.
 */
public sealed interface Fact extends JourneyEvent
    permits ServiceUserRegistered,
        ReferralReceived,
        ReferralAccepted,
        ReferralDeclined,
        ReferralClosed,
        Admitted,
        WardTransferred,
        LegalStatusChanged,
        LeaveStarted,
        LeaveEnded,
        ClinicallyReadyForDischarge,
        DelayEnded,
        Discharged,
        StepDownPlacementStarted,
        StepDownPlacementEnded,
        CommunityContactRecorded,
        AccommodationStatusRecorded,
        DeathRecorded {

  /** This fact with the corrected values; fields not named in {@code changes} keep their value. */
  Fact amend(FieldChanges changes);

  /** Rejects the fact when a required field is missing or a code is not valid on its local date. */
  void validate(CodeCheck check);
}
