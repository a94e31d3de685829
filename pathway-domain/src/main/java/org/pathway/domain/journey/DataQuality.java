package org.pathway.domain.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.pathway.domain.journey.JourneyModel.Period;
import org.pathway.domain.journey.JourneyModel.Referral;

/**
 * The open questions of one journey: what the record accepted because it is merely incomplete or
 * unusual, not impossible (see {@link JourneyConsistency}). Each names the fact it is about and the
 * command that would resolve it. A pure function of the journey's current facts.
 */
public final class DataQuality {
  /** Discharge method "died" (4) and destination "patient died" (79). */
  private static final String DIED_METHOD = "4";

  private static final String DIED_DESTINATION = "79";

  private DataQuality() {}

  /** Kinds of question. */
  public enum QuestionCode {
    /** A spell with no recorded discharge, although a later spell has started. */
    SPELL_END_NOT_RECORDED,
    /** A leave with no recorded end, although a later leave of the same spell has started. */
    LEAVE_END_NOT_RECORDED,
    /** A delay period with no recorded end, although a later one of the same spell has started. */
    DELAY_END_NOT_RECORDED,
    /** A step-down placement with no recorded end, although a later placement has started. */
    PLACEMENT_END_NOT_RECORDED,
    /** The spell is not discharged although the service user's death is recorded after it began. */
    SPELL_OPEN_AT_DEATH,
    /** An admission earlier than the receipt of the referral it names. */
    ADMISSION_BEFORE_REFERRAL,
    /** A step-down placement linked to a spell whose discharge is not recorded. */
    LINKED_SPELL_NOT_DISCHARGED,
    /** A discharge saying the service user died, contradicted by a later admission or contact. */
    DISCHARGE_CONTRADICTED,
    /** A discharge saying the service user died, with no death recorded. */
    DEATH_NOT_RECORDED
  }

  /**
   * One open question.
   *
   * @param code what is in question
   * @param factId the fact the question is about (the period's start, the admission, the discharge)
   * @param occurredAt that fact's clinical time
   * @param detail a sentence free of personal data
   * @param resolvedBy the command that would resolve it
   * @param resolvedByTarget the fact that command names (spell, leave, delay period, placement or
   *     the fact to correct); {@code null} when it names none
   * @param relatedFactId the other fact involved (the later period, the referral, the contradicting
   *     fact), or {@code null}
   * @param spellId the spell the question concerns, or {@code null} outside spells
   */
  public record Question(
      QuestionCode code,
      UUID factId,
      Instant occurredAt,
      String detail,
      String resolvedBy,
      UUID resolvedByTarget,
      UUID relatedFactId,
      UUID spellId) {}

  /** The questions of a journey's current facts, in clinical order of the fact they concern. */
  public static List<Question> of(List<Fact> factsInRecordingOrder) {
    JourneyModel model = new JourneyModel(factsInRecordingOrder);
    List<Question> questions = new ArrayList<>();
    endsNotRecorded(model, questions);
    for (Period spell : model.spells.values()) {
      Admitted a = (Admitted) spell.start;
      Referral r = model.referrals.get(a.referralId());
      if (r != null && a.occurredAt().isBefore(r.received.occurredAt())) {
        questions.add(
            new Question(
                QuestionCode.ADMISSION_BEFORE_REFERRAL,
                a.factId(),
                a.occurredAt(),
                "the admission at "
                    + a.occurredAt()
                    + " is before its referral was received ("
                    + r.received.occurredAt()
                    + "); correct either time if one is wrong",
                "CorrectFact",
                a.factId(),
                r.received.factId(),
                a.factId()));
      }
      if (spell.end() instanceof Discharged d) {
        died(model, d, questions);
      }
    }
    for (Period p : model.placements.values()) {
      UUID linked = ((StepDownPlacementStarted) p.start).dischargeSpellId();
      if (linked != null && model.spells.get(linked).end() == null) {
        questions.add(
            new Question(
                QuestionCode.LINKED_SPELL_NOT_DISCHARGED,
                p.id(),
                p.startsAt(),
                "the placement follows spell " + linked + ", whose discharge is not recorded",
                "DischargeServiceUser",
                linked,
                linked,
                linked));
      }
    }
    questions.sort(Comparator.comparing(Question::occurredAt));
    return questions;
  }

  private static void endsNotRecorded(JourneyModel model, List<Question> questions) {
    endNotRecorded(
        model.spells.values(),
        QuestionCode.SPELL_END_NOT_RECORDED,
        "spell",
        "DischargeServiceUser",
        questions);
    for (UUID spell : model.spells.keySet()) {
      endNotRecorded(
          JourneyModel.ofSpell(model.leaves, spell),
          QuestionCode.LEAVE_END_NOT_RECORDED,
          "leave",
          "EndLeave",
          questions);
      endNotRecorded(
          JourneyModel.ofSpell(model.delays, spell),
          QuestionCode.DELAY_END_NOT_RECORDED,
          "delay period",
          "EndDelay",
          questions);
    }
    endNotRecorded(
        model.placements.values(),
        QuestionCode.PLACEMENT_END_NOT_RECORDED,
        "placement",
        "EndStepDownPlacement",
        questions);
    if (!model.deaths.isEmpty()) {
      DeathRecorded death = model.deaths.get(0);
      for (Period spell : model.spells.values()) {
        if (spell.end() == null && !spell.startsAt().isAfter(death.occurredAt())) {
          questions.add(
              new Question(
                  QuestionCode.SPELL_OPEN_AT_DEATH,
                  spell.id(),
                  spell.startsAt(),
                  "the spell has no discharge although the death is recorded at "
                      + death.occurredAt()
                      + "; record the discharge (method 4, died)",
                  "DischargeServiceUser",
                  spell.id(),
                  death.factId(),
                  spell.id()));
        }
      }
    }
  }

  private static void endNotRecorded(
      Iterable<Period> periods,
      QuestionCode code,
      String kind,
      String command,
      List<Question> questions) {
    for (Period[] pair : JourneyModel.endsNotRecorded(periods)) {
      Period earlier = pair[0];
      Period next = pair[1];
      questions.add(
          new Question(
              code,
              earlier.id(),
              earlier.startsAt(),
              "the "
                  + kind
                  + " that started "
                  + earlier.startsAt()
                  + " has no recorded end, although the next one started "
                  + next.startsAt()
                  + "; it counts as open until its end is recorded",
              command,
              earlier.id(),
              next.id(),
              JourneyModel.spellOf(earlier.start)));
    }
  }

  private static void died(JourneyModel model, Discharged d, List<Question> questions) {
    if (!DIED_METHOD.equals(d.dischargeMethod())
        && !DIED_DESTINATION.equals(d.dischargeDestination())) {
      return;
    }
    Set<Class<?>> showLife = Set.of(Admitted.class, CommunityContactRecorded.class);
    for (Fact f : model.inClinicalOrder()) {
      boolean alive =
          showLife.contains(f.getClass())
              && !(f instanceof CommunityContactRecorded c && !c.attended());
      if (alive && f.occurredAt().isAfter(d.occurredAt())) {
        questions.add(
            new Question(
                QuestionCode.DISCHARGE_CONTRADICTED,
                d.factId(),
                d.occurredAt(),
                "the discharge says the service user died, but "
                    + f.getClass().getSimpleName()
                    + " at "
                    + f.occurredAt()
                    + " comes after it; correct the discharge method or destination",
                "CorrectFact",
                d.factId(),
                f.factId(),
                d.spellId()));
        return;
      }
    }
    if (model.deaths.isEmpty()) {
      questions.add(
          new Question(
              QuestionCode.DEATH_NOT_RECORDED,
              d.factId(),
              d.occurredAt(),
              "the discharge says the service user died, but no death is recorded",
              "RecordDeath",
              null,
              null,
              d.spellId()));
    }
  }
}
