package org.pathway.domain.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.pathway.domain.journey.Journeys.at;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pathway.domain.journey.DataQuality.Question;
import org.pathway.domain.journey.DataQuality.QuestionCode;

/**
 * The rules judged on clinical intervals and the data-quality questions, on lists of facts (no
 * Axon): each rule refused where the record is impossible, accepted where it is merely incomplete,
 * with the facts it names.
 */
class IntervalRulesTest {
  private final Journeys j = new Journeys();
  private final UUID su = j.serviceUser;

  private List<Fact> journey(Fact... more) {
    List<Fact> facts = new ArrayList<>(List.of(j.registered(), j.referralReceived()));
    facts.addAll(Arrays.asList(more));
    return facts;
  }

  private JourneyRejection refused(List<Fact> facts, RejectionCode code) {
    JourneyRejection r =
        catchThrowableOfType(JourneyRejection.class, () -> JourneyConsistency.check(facts));
    assertThat(r).as("refused with " + code).isNotNull();
    assertThat(r.code()).as(r.getMessage()).isEqualTo(code);
    return r;
  }

  private void accepted(List<Fact> facts) {
    assertThatCode(() -> JourneyConsistency.check(facts)).doesNotThrowAnyException();
  }

  private Admitted admitted(UUID id, String when) {
    return j.admitCommand(id, when).toFact();
  }

  private Discharged discharged(UUID spell, String when) {
    return j.dischargeFrom(spell, when).toFact();
  }

  private LeaveStarted leave(UUID id, UUID spell, String when) {
    return new LeaveStarted(su, id, at(when), spell, LeaveType.HOME_LEAVE);
  }

  private LeaveEnded leaveEnd(UUID leave, UUID spell, String when) {
    return new LeaveEnded(su, UUID.randomUUID(), at(when), spell, leave);
  }

  private ClinicallyReadyForDischarge delay(UUID id, UUID spell, String when) {
    return new ClinicallyReadyForDischarge(su, id, at(when), spell, "14", "05");
  }

  private DelayEnded delayEnd(UUID delay, UUID spell, String when) {
    return new DelayEnded(su, UUID.randomUUID(), at(when), spell, delay);
  }

  private StepDownPlacementStarted placement(UUID id, String when, UUID spell) {
    return new StepDownPlacementStarted(su, id, at(when), "S", "H", spell);
  }

  private StepDownPlacementEnded placementEnd(UUID placement, String when) {
    return new StepDownPlacementEnded(
        su, UUID.randomUUID(), at(when), placement, StepDownOutcome.OTHER);
  }

  private CommunityContactRecorded contact(String when, boolean attended) {
    return new CommunityContactRecorded(su, UUID.randomUUID(), at(when), attended, "01");
  }

  private DeathRecorded death(String when) {
    return new DeathRecorded(su, UUID.randomUUID(), at(when));
  }

  @Nested
  class ReferencesAndOrder {
    @Test
    void a_leave_or_delay_end_naming_a_period_of_another_spell_is_unknown() {
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      UUID l = UUID.randomUUID();
      UUID d = UUID.randomUUID();
      List<Fact> base =
          journey(
              admitted(a, "2025-03-02T10:00:00"),
              leave(l, a, "2025-03-03T10:00:00"),
              delay(d, a, "2025-03-04T10:00:00"),
              discharged(a, "2025-03-05T10:00:00"),
              admitted(b, "2025-03-10T10:00:00"));
      List<Fact> leaveOfB = new ArrayList<>(base);
      leaveOfB.add(leaveEnd(l, b, "2025-03-11T10:00:00"));
      JourneyRejection r = refused(leaveOfB, RejectionCode.UNKNOWN_FACT);
      assertThat(r.field()).isEqualTo("leaveId");
      assertThat(r.factId()).isEqualTo(l);
      List<Fact> delayOfB = new ArrayList<>(base);
      delayOfB.add(delayEnd(d, b, "2025-03-11T10:00:00"));
      assertThat(refused(delayOfB, RejectionCode.UNKNOWN_FACT).field()).isEqualTo("delayId");
    }

    @Test
    void outcomes_of_a_referral_cannot_precede_it() {
      for (Fact outcome :
          List.of(
              new ReferralAccepted(su, UUID.randomUUID(), at("2025-02-01T10:00:00"), j.referral),
              new ReferralDeclined(
                  su, UUID.randomUUID(), at("2025-02-01T10:00:00"), j.referral, "x"),
              new ReferralClosed(
                  su, UUID.randomUUID(), at("2025-02-01T10:00:00"), j.referral, "x"))) {
        JourneyRejection r = refused(journey(outcome), RejectionCode.PRECEDES_DEPENDENCY);
        assertThat(r.factId()).isEqualTo(outcome.factId());
        assertThat(r.conflictingFactId()).isEqualTo(j.referral);
      }
    }

    @Test
    void ends_cannot_precede_their_starts_and_a_linked_placement_not_its_admission() {
      UUID s = UUID.randomUUID();
      UUID d = UUID.randomUUID();
      UUID p = UUID.randomUUID();
      refused(
          journey(
              admitted(s, "2025-03-02T10:00:00"),
              delay(d, s, "2025-03-05T10:00:00"),
              delayEnd(d, s, "2025-03-04T10:00:00")),
          RejectionCode.PRECEDES_DEPENDENCY);
      refused(
          journey(
              placement(p, "2025-03-05T10:00:00", null), placementEnd(p, "2025-03-04T10:00:00")),
          RejectionCode.PRECEDES_DEPENDENCY);
      JourneyRejection r =
          refused(
              journey(admitted(s, "2025-03-02T10:00:00"), placement(p, "2025-03-01T10:00:00", s)),
              RejectionCode.PRECEDES_DEPENDENCY);
      assertThat(r.conflictingFactId()).isEqualTo(s);
      // at the very instant of the discharge is fine
      accepted(
          journey(
              admitted(s, "2025-03-02T10:00:00"),
              discharged(s, "2025-03-05T10:00:00"),
              placement(p, "2025-03-05T10:00:00", s)));
    }

    @Test
    void a_spell_fact_after_the_discharge_names_the_discharge() {
      UUID s = UUID.randomUUID();
      Discharged d = discharged(s, "2025-03-05T10:00:00");
      LegalStatusChanged late =
          new LegalStatusChanged(su, UUID.randomUUID(), at("2025-03-06T10:00:00"), s, "03");
      JourneyRejection r =
          refused(
              journey(admitted(s, "2025-03-02T10:00:00"), d, late), RejectionCode.NO_OPEN_SPELL);
      assertThat(r.factId()).isEqualTo(late.factId());
      assertThat(r.conflictingFactId()).isEqualTo(d.factId());
      assertThat(r.getMessage()).contains("LegalStatusChanged").contains(late.factId().toString());
      accepted(
          journey(
              admitted(s, "2025-03-02T10:00:00"),
              d,
              new LegalStatusChanged(su, UUID.randomUUID(), at("2025-03-05T10:00:00"), s, "03")));
    }

    @Test
    void a_period_ends_once() {
      UUID s = UUID.randomUUID();
      UUID l = UUID.randomUUID();
      UUID d = UUID.randomUUID();
      UUID p = UUID.randomUUID();
      refused(
          journey(
              admitted(s, "2025-03-02T10:00:00"),
              leave(l, s, "2025-03-03T10:00:00"),
              leaveEnd(l, s, "2025-03-04T10:00:00"),
              leaveEnd(l, s, "2025-03-04T12:00:00")),
          RejectionCode.NO_OPEN_LEAVE);
      refused(
          journey(
              admitted(s, "2025-03-02T10:00:00"),
              delay(d, s, "2025-03-03T10:00:00"),
              delayEnd(d, s, "2025-03-04T10:00:00"),
              delayEnd(d, s, "2025-03-04T12:00:00")),
          RejectionCode.NO_OPEN_DELAY);
      refused(
          journey(
              placement(p, "2025-03-03T10:00:00", null),
              placementEnd(p, "2025-03-04T10:00:00"),
              placementEnd(p, "2025-03-05T10:00:00")),
          RejectionCode.NO_OPEN_PLACEMENT);
      refused(
          journey(
              admitted(s, "2025-03-02T10:00:00"),
              discharged(s, "2025-03-04T10:00:00"),
              discharged(s, "2025-03-04T10:00:00")),
          RejectionCode.NO_OPEN_SPELL);
    }
  }

  @Nested
  class Overlaps {
    @Test
    void every_member_fact_extends_what_is_known_of_a_spell() {
      UUID a = UUID.randomUUID();
      UUID l = UUID.randomUUID();
      UUID d = UUID.randomUUID();
      List<Fact> members =
          List.of(
              new LegalStatusChanged(su, UUID.randomUUID(), at("2025-03-09T10:00:00"), a, "03"),
              new WardTransferred(
                  su, UUID.randomUUID(), at("2025-03-09T10:00:00"), a, Journeys.localWard()));
      for (Fact member : members) {
        refused(
            journey(
                admitted(a, "2025-03-02T10:00:00"),
                member,
                admitted(UUID.randomUUID(), "2025-03-05T10:00:00")),
            RejectionCode.SPELLS_OVERLAP);
      }
      refused(
          journey(
              admitted(a, "2025-03-02T10:00:00"),
              leave(l, a, "2025-03-03T10:00:00"),
              leaveEnd(l, a, "2025-03-09T10:00:00"),
              admitted(UUID.randomUUID(), "2025-03-05T10:00:00")),
          RejectionCode.SPELLS_OVERLAP);
      refused(
          journey(
              admitted(a, "2025-03-02T10:00:00"),
              delay(d, a, "2025-03-03T10:00:00"),
              delayEnd(d, a, "2025-03-09T10:00:00"),
              admitted(UUID.randomUUID(), "2025-03-05T10:00:00")),
          RejectionCode.SPELLS_OVERLAP);
    }

    @Test
    void the_conflict_names_the_later_start_and_the_period_it_falls_into() {
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      UUID c = UUID.randomUUID();
      // a ends before b; c starts inside b, not inside a: the period reaching furthest is b
      JourneyRejection r =
          refused(
              journey(
                  admitted(a, "2025-03-01T10:00:00"),
                  discharged(a, "2025-03-02T10:00:00"),
                  admitted(b, "2025-03-03T10:00:00"),
                  discharged(b, "2025-03-06T10:00:00"),
                  admitted(c, "2025-03-04T10:00:00")),
              RejectionCode.SPELLS_OVERLAP);
      assertThat(r.factId()).isEqualTo(c);
      assertThat(r.conflictingFactId()).isEqualTo(b);
      // a long spell contains two short ones: the second is inside the first as well
      UUID longest = UUID.randomUUID();
      r =
          refused(
              journey(
                  admitted(longest, "2025-03-01T10:00:00"),
                  discharged(longest, "2025-03-20T10:00:00"),
                  admitted(b, "2025-03-05T10:00:00")),
              RejectionCode.SPELLS_OVERLAP);
      assertThat(r.conflictingFactId()).isEqualTo(longest);
      // the same instant, recorded second: that one is named
      r =
          refused(
              journey(admitted(a, "2025-03-01T10:00:00"), admitted(b, "2025-03-01T10:00:00")),
              RejectionCode.SPELLS_OVERLAP);
      assertThat(r.factId()).isEqualTo(b);
      assertThat(r.conflictingFactId()).isEqualTo(a);
      assertThat(r.getMessage()).contains("at least");
    }

    @Test
    void leaves_and_delays_overlap_only_within_their_spell() {
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      UUID l1 = UUID.randomUUID();
      UUID l2 = UUID.randomUUID();
      accepted(
          journey(
              admitted(a, "2025-03-01T10:00:00"),
              leave(l1, a, "2025-03-02T10:00:00"),
              leave(l2, a, "2025-03-03T10:00:00"),
              admitted(b, "2025-03-10T10:00:00"),
              delay(UUID.randomUUID(), b, "2025-03-11T10:00:00")));
      refused(
          journey(
              admitted(a, "2025-03-01T10:00:00"),
              delay(l1, a, "2025-03-02T10:00:00"),
              delayEnd(l1, a, "2025-03-05T10:00:00"),
              delay(l2, a, "2025-03-03T10:00:00")),
          RejectionCode.DELAYS_OVERLAP);
    }
  }

  @Nested
  class ReferralsAndDeath {
    @Test
    void acceptances_are_ranked_in_clinical_order() {
      ReferralAccepted later =
          new ReferralAccepted(su, UUID.randomUUID(), at("2025-03-01T12:00:00"), j.referral);
      ReferralAccepted earlier =
          new ReferralAccepted(su, UUID.randomUUID(), at("2025-03-01T11:00:00"), j.referral);
      JourneyRejection r =
          refused(journey(later, earlier), RejectionCode.REFERRAL_ALREADY_ACCEPTED);
      assertThat(r.factId()).isEqualTo(later.factId());
      assertThat(r.conflictingFactId()).isEqualTo(earlier.factId());
    }

    @Test
    void a_referral_ends_once_and_nothing_is_accepted_or_admitted_after_its_end() {
      ReferralClosed closed =
          new ReferralClosed(su, UUID.randomUUID(), at("2025-03-05T10:00:00"), j.referral, "x");
      refused(
          journey(
              closed,
              new ReferralDeclined(
                  su, UUID.randomUUID(), at("2025-03-06T10:00:00"), j.referral, "x")),
          RejectionCode.REFERRAL_NOT_OPEN);
      refused(
          journey(
              closed,
              new ReferralAccepted(su, UUID.randomUUID(), at("2025-03-06T10:00:00"), j.referral)),
          RejectionCode.REFERRAL_NOT_OPEN);
      accepted(
          journey(
              new ReferralAccepted(su, UUID.randomUUID(), at("2025-03-02T10:00:00"), j.referral),
              closed,
              admitted(UUID.randomUUID(), "2025-03-05T10:00:00")));
      JourneyRejection r =
          refused(
              journey(closed, admitted(UUID.randomUUID(), "2025-03-06T10:00:00")),
              RejectionCode.REFERRAL_NOT_OPEN);
      assertThat(r.conflictingFactId()).isEqualTo(closed.factId());
      refused(
          journey(
              new ReferralDeclined(
                  su, UUID.randomUUID(), at("2025-03-06T10:00:00"), j.referral, "x"),
              new ReferralAccepted(su, UUID.randomUUID(), at("2025-03-02T10:00:00"), j.referral)),
          RejectionCode.REFERRAL_NOT_OPEN);
    }

    @Test
    void after_the_earliest_death_only_unattended_contacts_and_records_of_it_are_possible() {
      DeathRecorded death = death("2025-03-10T10:00:00");
      accepted(journey(death, contact("2025-03-11T10:00:00", false)));
      accepted(journey(death, admitted(UUID.randomUUID(), "2025-03-10T10:00:00")));
      JourneyRejection r =
          refused(journey(death, contact("2025-03-11T10:00:00", true)), RejectionCode.AFTER_DEATH);
      assertThat(r.conflictingFactId()).isEqualTo(death.factId());
      refused(
          journey(death, placement(UUID.randomUUID(), "2025-03-11T10:00:00", null)),
          RejectionCode.AFTER_DEATH);
      refused(
          journey(death, admitted(UUID.randomUUID(), "2025-03-11T10:00:00")),
          RejectionCode.AFTER_DEATH);
      // a second death, earlier than the first recorded: the earlier one is the death
      DeathRecorded earlier = death("2025-03-01T10:00:00");
      r = refused(journey(death, earlier), RejectionCode.AFTER_DEATH);
      assertThat(r.factId()).isEqualTo(death.factId());
      assertThat(r.conflictingFactId()).isEqualTo(earlier.factId());
      refused(
          journey(death, earlier, contact("2025-03-05T10:00:00", true)), RejectionCode.AFTER_DEATH);
    }
  }

  @Nested
  class Questions {
    private List<QuestionCode> codes(List<Fact> facts) {
      return DataQuality.of(facts).stream().map(Question::code).toList();
    }

    @Test
    void a_complete_journey_has_no_question() {
      UUID s = UUID.randomUUID();
      assertThat(
              DataQuality.of(
                  journey(
                      admitted(s, "2025-03-02T10:00:00"), discharged(s, "2025-03-05T10:00:00"))))
          .isEmpty();
      assertThat(DataQuality.of(List.of())).isEmpty();
    }

    @Test
    void an_earlier_period_without_its_end_is_a_question_naming_both_and_the_resolution() {
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      UUID l1 = UUID.randomUUID();
      UUID l2 = UUID.randomUUID();
      UUID d1 = UUID.randomUUID();
      UUID d2 = UUID.randomUUID();
      UUID p1 = UUID.randomUUID();
      UUID p2 = UUID.randomUUID();
      List<Fact> facts =
          journey(
              admitted(a, "2025-03-01T10:00:00"),
              leave(l1, a, "2025-03-02T10:00:00"),
              leave(l2, a, "2025-03-03T10:00:00"),
              delay(d1, a, "2025-03-04T10:00:00"),
              delay(d2, a, "2025-03-05T10:00:00"),
              admitted(b, "2025-03-10T10:00:00"),
              placement(p1, "2025-02-01T10:00:00", null),
              placement(p2, "2025-02-10T10:00:00", null));
      List<Question> questions = DataQuality.of(facts);
      assertThat(questions)
          .extracting(Question::code)
          .containsExactly(
              QuestionCode.PLACEMENT_END_NOT_RECORDED,
              QuestionCode.SPELL_END_NOT_RECORDED,
              QuestionCode.LEAVE_END_NOT_RECORDED,
              QuestionCode.DELAY_END_NOT_RECORDED);
      Question spell = questions.get(1);
      assertThat(spell.factId()).isEqualTo(a);
      assertThat(spell.relatedFactId()).isEqualTo(b);
      assertThat(spell.resolvedBy()).isEqualTo("DischargeServiceUser");
      assertThat(spell.resolvedByTarget()).isEqualTo(a);
      assertThat(spell.spellId()).isEqualTo(a);
      assertThat(spell.occurredAt()).isEqualTo(at("2025-03-01T10:00:00"));
      assertThat(spell.detail()).contains("has no recorded end");
      Question leave = questions.get(2);
      assertThat(leave.factId()).isEqualTo(l1);
      assertThat(leave.relatedFactId()).isEqualTo(l2);
      assertThat(leave.resolvedBy()).isEqualTo("EndLeave");
      assertThat(leave.spellId()).isEqualTo(a);
      assertThat(questions.get(3).resolvedBy()).isEqualTo("EndDelay");
      assertThat(questions.get(3).factId()).isEqualTo(d1);
      assertThat(questions.get(0).resolvedBy()).isEqualTo("EndStepDownPlacement");
      assertThat(questions.get(0).factId()).isEqualTo(p1);
      assertThat(questions.get(0).spellId()).isNull();
      // the ends arrive: no question left of those
      facts.add(leaveEnd(l1, a, "2025-03-02T18:00:00"));
      facts.add(delayEnd(d1, a, "2025-03-04T18:00:00"));
      facts.add(placementEnd(p1, "2025-02-05T10:00:00"));
      facts.add(discharged(a, "2025-03-06T10:00:00"));
      assertThat(codes(facts)).isEmpty();
    }

    @Test
    void an_admission_before_its_referral_and_a_placement_after_an_undischarged_spell() {
      UUID s = UUID.randomUUID();
      UUID p = UUID.randomUUID();
      List<Question> q =
          DataQuality.of(
              journey(admitted(s, "2025-02-27T10:00:00"), placement(p, "2025-03-05T10:00:00", s)));
      assertThat(q)
          .extracting(Question::code)
          .containsExactly(
              QuestionCode.ADMISSION_BEFORE_REFERRAL, QuestionCode.LINKED_SPELL_NOT_DISCHARGED);
      assertThat(q.get(0).relatedFactId()).isEqualTo(j.referral);
      assertThat(q.get(0).resolvedBy()).isEqualTo("CorrectFact");
      assertThat(q.get(1).factId()).isEqualTo(p);
      assertThat(q.get(1).resolvedByTarget()).isEqualTo(s);
      assertThat(codes(journey(admitted(s, "2025-03-01T10:00:00")))).isEmpty();
    }

    @Test
    void a_death_questions_the_open_spell_and_a_died_discharge_questions_the_record() {
      UUID s = UUID.randomUUID();
      assertThat(codes(journey(admitted(s, "2025-03-02T10:00:00"), death("2025-03-05T10:00:00"))))
          .containsExactly(QuestionCode.SPELL_OPEN_AT_DEATH);
      assertThat(codes(journey(admitted(s, "2025-03-05T10:00:00"), death("2025-03-05T10:00:00"))))
          .containsExactly(QuestionCode.SPELL_OPEN_AT_DEATH);
      Discharged died =
          new Discharged(su, UUID.randomUUID(), at("2025-03-05T10:00:00"), s, "4", "79");
      assertThat(codes(journey(admitted(s, "2025-03-02T10:00:00"), died)))
          .containsExactly(QuestionCode.DEATH_NOT_RECORDED);
      assertThat(
              codes(
                  journey(admitted(s, "2025-03-02T10:00:00"), died, death("2025-03-05T10:00:00"))))
          .isEmpty();
      for (Discharged d :
          List.of(
              died,
              new Discharged(su, UUID.randomUUID(), at("2025-03-05T10:00:00"), s, "4", "19"),
              new Discharged(su, UUID.randomUUID(), at("2025-03-05T10:00:00"), s, "1", "79"))) {
        List<Question> q =
            DataQuality.of(
                journey(
                    admitted(s, "2025-03-02T10:00:00"),
                    d,
                    contact("2025-03-04T10:00:00", true),
                    contact("2025-03-06T10:00:00", false),
                    contact("2025-03-07T10:00:00", true)));
        assertThat(q)
            .extracting(Question::code)
            .containsExactly(QuestionCode.DISCHARGE_CONTRADICTED);
        assertThat(q.get(0).factId()).isEqualTo(d.factId());
        assertThat(q.get(0).detail()).contains("CommunityContactRecorded");
      }
      assertThat(
              codes(
                  journey(
                      admitted(s, "2025-03-02T10:00:00"),
                      died,
                      admitted(UUID.randomUUID(), "2025-03-09T10:00:00"))))
          .contains(QuestionCode.DISCHARGE_CONTRADICTED);
      assertThat(
              codes(
                  journey(
                      admitted(s, "2025-03-02T10:00:00"),
                      discharged(s, "2025-03-05T10:00:00"),
                      contact("2025-03-07T10:00:00", true))))
          .isEmpty();
    }
  }
}
