package org.pathway.domain.journey;

import static org.pathway.domain.journey.RejectionCode.AFTER_DEATH;
import static org.pathway.domain.journey.RejectionCode.DELAYS_OVERLAP;
import static org.pathway.domain.journey.RejectionCode.LEAVES_OVERLAP;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_DELAY;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_LEAVE;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_PLACEMENT;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_SPELL;
import static org.pathway.domain.journey.RejectionCode.PLACEMENTS_OVERLAP;
import static org.pathway.domain.journey.RejectionCode.PRECEDES_DEPENDENCY;
import static org.pathway.domain.journey.RejectionCode.REFERRAL_ALREADY_ACCEPTED;
import static org.pathway.domain.journey.RejectionCode.REFERRAL_NOT_OPEN;
import static org.pathway.domain.journey.RejectionCode.SPELLS_OVERLAP;
import static org.pathway.domain.journey.RejectionCode.UNKNOWN_FACT;
import static org.pathway.domain.journey.RejectionCode.WRONG_FACT_TYPE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.domain.journey.JourneyModel.Period;
import org.pathway.domain.journey.JourneyModel.Referral;

/**
 * Whether a set of facts forms a possible journey. Rules are judged on the clinical intervals of
 * what is known, never on what is "open now" in recording order, so a true history is accepted in
 * any order that records a fact after the facts it names (docs/architecture.md, "Rules judged on
 * clinical intervals"):
 *
 * <ul>
 *   <li>impossible, refused: an end before its start, a spell fact outside its spell, two known
 *       periods of one kind that overlap, a second end of one period, a second acceptance of a
 *       referral, anything but an unattended contact after the recorded death;
 *   <li>merely incomplete or unusual, accepted and flagged by {@link DataQuality}: a period whose
 *       end is not recorded when the next one starts, an admission before its referral was
 *       received, a step-down placement after a spell whose discharge is not recorded.
 * </ul>
 *
 * The journey is re-checked whole whenever a fact is added, corrected or voided, so late entries
 * and corrections obey exactly the same rules.
 */
final class JourneyConsistency {

  private final Map<UUID, Fact> byId = new HashMap<>();

  private JourneyConsistency(List<Fact> facts) {
    facts.forEach(f -> byId.put(f.factId(), f));
  }

  /**
   * Checks the facts (given in recording order) and throws the first rule they break.
   *
   * @throws JourneyRejection naming the rule and the fact (and, for a conflict, both facts)
   */
  static void check(List<Fact> factsInRecordingOrder) {
    JourneyConsistency rules = new JourneyConsistency(factsInRecordingOrder);
    List<Fact> clinicalOrder = new ArrayList<>(factsInRecordingOrder);
    clinicalOrder.sort(Comparator.comparing(Fact::occurredAt)); // stable: ties keep recording order
    for (Fact fact : clinicalOrder) {
      rules.references(fact);
    }
    JourneyModel model = new JourneyModel(factsInRecordingOrder);
    for (Fact fact : model.inClinicalOrder()) {
      rules.clinicalOrder(model, fact);
    }
    referralRules(model);
    periodEnds(model);
    overlaps(model);
    afterDeath(model);
  }

  // --- references: the named fact exists and has the right type
  // -------------------------------------------------------------------------------------------

  private void references(Fact fact) {
    if (fact instanceof ReferralAccepted r) {
      require(r.referralId(), ReferralReceived.class, "referralId");
    } else if (fact instanceof ReferralDeclined r) {
      require(r.referralId(), ReferralReceived.class, "referralId");
    } else if (fact instanceof ReferralClosed r) {
      require(r.referralId(), ReferralReceived.class, "referralId");
    } else if (fact instanceof Admitted a) {
      require(a.referralId(), ReferralReceived.class, "referralId");
    } else if (fact instanceof LeaveEnded l) {
      require(l.spellId(), Admitted.class, "spellId");
      mustBelongToSpell(
          require(l.leaveId(), LeaveStarted.class, "leaveId"), l.spellId(), "leaveId");
    } else if (fact instanceof DelayEnded d) {
      require(d.spellId(), Admitted.class, "spellId");
      mustBelongToSpell(
          require(d.delayId(), ClinicallyReadyForDischarge.class, "delayId"),
          d.spellId(),
          "delayId");
    } else if (fact instanceof StepDownPlacementStarted p && p.dischargeSpellId() != null) {
      require(p.dischargeSpellId(), Admitted.class, "dischargeSpellId");
    } else if (fact instanceof StepDownPlacementEnded p) {
      require(p.placementId(), StepDownPlacementStarted.class, "placementId");
    } else if (JourneyModel.spellOf(fact) != null && !(fact instanceof Admitted)) {
      require(JourneyModel.spellOf(fact), Admitted.class, "spellId");
    }
  }

  private Fact require(UUID dependencyId, Class<? extends Fact> type, String field) {
    Fact dependency = byId.get(dependencyId);
    if (dependency == null) {
      throw new JourneyRejection(
          UNKNOWN_FACT,
          field,
          dependencyId,
          field + " " + dependencyId + " is not a fact of this journey");
    }
    if (!type.isInstance(dependency)) {
      throw new JourneyRejection(
          WRONG_FACT_TYPE,
          field,
          dependencyId,
          field
              + " "
              + dependencyId
              + " is a "
              + dependency.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return dependency;
  }

  private static void mustBelongToSpell(Fact period, UUID spellId, String field) {
    if (!spellId.equals(JourneyModel.spellOf(period))) {
      throw new JourneyRejection(
          UNKNOWN_FACT,
          field,
          period.factId(),
          field + " " + period.factId() + " is not a period of spell " + spellId);
    }
  }

  // --- clinical order: nothing before what it depends on, nothing of a spell after its discharge
  // -------------------------------------------------------------------------------------------

  private void clinicalOrder(JourneyModel model, Fact fact) {
    if (fact instanceof ReferralAccepted r) {
      notBefore(fact, r.referralId());
    } else if (fact instanceof ReferralDeclined r) {
      notBefore(fact, r.referralId());
    } else if (fact instanceof ReferralClosed r) {
      notBefore(fact, r.referralId());
    } else if (fact instanceof LeaveEnded l) {
      notBefore(fact, l.leaveId());
    } else if (fact instanceof DelayEnded d) {
      notBefore(fact, d.delayId());
    } else if (fact instanceof StepDownPlacementEnded p) {
      notBefore(fact, p.placementId());
    } else if (fact instanceof StepDownPlacementStarted p && p.dischargeSpellId() != null) {
      notBefore(fact, p.dischargeSpellId());
      Fact discharge = model.spells.get(p.dischargeSpellId()).end();
      if (discharge != null && fact.occurredAt().isBefore(discharge.occurredAt())) {
        throw JourneyRejection.conflict(
            PRECEDES_DEPENDENCY,
            fact.factId(),
            discharge.factId(),
            describe(fact)
                + " starts before the discharge of its linked spell ("
                + discharge.occurredAt()
                + ")");
      }
    }
    UUID spellId = JourneyModel.spellOf(fact);
    if (spellId != null && !(fact instanceof Admitted)) {
      notBefore(fact, spellId);
      Fact discharge = model.spells.get(spellId).end();
      if (discharge != null
          && discharge != fact
          && fact.occurredAt().isAfter(discharge.occurredAt())) {
        throw JourneyRejection.conflict(
            NO_OPEN_SPELL,
            fact.factId(),
            discharge.factId(),
            describe(fact)
                + " is after spell "
                + spellId
                + " was discharged ("
                + discharge.occurredAt()
                + ")");
      }
    }
  }

  private void notBefore(Fact fact, UUID dependencyId) {
    Fact dependency = byId.get(dependencyId);
    if (fact.occurredAt().isBefore(dependency.occurredAt())) {
      throw JourneyRejection.conflict(
          PRECEDES_DEPENDENCY,
          fact.factId(),
          dependencyId,
          describe(fact)
              + " would come before the "
              + dependency.getClass().getSimpleName()
              + " it depends on ("
              + dependency.occurredAt()
              + ")");
    }
  }

  // --- referrals: accepted once, ended once, nothing after the end
  // -------------------------------------------------------------------------------------------

  private static void referralRules(JourneyModel model) {
    for (Referral r : model.referrals.values()) {
      if (r.acceptances.size() > 1) {
        ReferralAccepted second = r.acceptances.get(1);
        throw JourneyRejection.conflict(
            REFERRAL_ALREADY_ACCEPTED,
            second.factId(),
            r.acceptances.get(0).factId(),
            "referral "
                + r.received.factId()
                + " is already accepted ("
                + r.acceptances.get(0).occurredAt()
                + ")");
      }
      if (r.endings.size() > 1) {
        Fact second = r.endings.get(1);
        throw JourneyRejection.conflict(
            REFERRAL_NOT_OPEN,
            second.factId(),
            r.endings.get(0).factId(),
            "referral " + r.received.factId() + " is already declined or closed");
      }
      Fact ending = r.endings.isEmpty() ? null : r.endings.get(0);
      if (ending == null) {
        continue;
      }
      for (ReferralAccepted a : r.acceptances) {
        if (ending instanceof ReferralDeclined) {
          throw JourneyRejection.conflict(
              REFERRAL_NOT_OPEN,
              ending.factId(),
              a.factId(),
              "referral "
                  + r.received.factId()
                  + " is both accepted and declined; only a referral not accepted can be declined");
        }
        if (a.occurredAt().isAfter(ending.occurredAt())) {
          throw JourneyRejection.conflict(
              REFERRAL_NOT_OPEN,
              a.factId(),
              ending.factId(),
              describe(a) + " is after referral " + r.received.factId() + " was closed");
        }
      }
    }
    for (Period spell : model.spells.values()) {
      Admitted a = (Admitted) spell.start;
      Referral r = model.referrals.get(a.referralId());
      Fact ending = r.endings.isEmpty() ? null : r.endings.get(0);
      if (ending != null && a.occurredAt().isAfter(ending.occurredAt())) {
        throw JourneyRejection.conflict(
            REFERRAL_NOT_OPEN,
            a.factId(),
            ending.factId(),
            describe(a) + " is after referral " + r.received.factId() + " was declined or closed");
      }
    }
  }

  // --- a period ends once
  // -------------------------------------------------------------------------------------------

  private static void periodEnds(JourneyModel model) {
    secondEnd(model.spells, NO_OPEN_SPELL, "spell");
    secondEnd(model.leaves, NO_OPEN_LEAVE, "leave");
    secondEnd(model.delays, NO_OPEN_DELAY, "delay period");
    secondEnd(model.placements, NO_OPEN_PLACEMENT, "placement");
  }

  private static void secondEnd(Map<UUID, Period> periods, RejectionCode code, String kind) {
    for (Period p : periods.values()) {
      if (p.ends.size() > 1) {
        throw JourneyRejection.conflict(
            code,
            p.ends.get(1).factId(),
            p.ends.get(0).factId(),
            kind + " " + p.id() + " already ended at " + p.ends.get(0).occurredAt());
      }
    }
  }

  // --- two known periods of one kind never overlap
  // -------------------------------------------------------------------------------------------

  private static void overlaps(JourneyModel model) {
    noOverlap(model.spells.values(), SPELLS_OVERLAP, "spell");
    for (UUID spell : model.spells.keySet()) {
      noOverlap(JourneyModel.ofSpell(model.leaves, spell), LEAVES_OVERLAP, "leave");
      noOverlap(JourneyModel.ofSpell(model.delays, spell), DELAYS_OVERLAP, "delay period");
    }
    noOverlap(model.placements.values(), PLACEMENTS_OVERLAP, "step-down placement");
  }

  /**
   * Periods overlap when one starts strictly inside what is known of another, or both start at the
   * same instant. A period that ends at the instant the next starts does not overlap it.
   */
  private static void noOverlap(Iterable<Period> periods, RejectionCode code, String kind) {
    Period reaching = null; // the earlier period known to last longest
    for (Period p : JourneyModel.byStart(periods)) {
      if (reaching != null
          && (p.startsAt().isBefore(reaching.knownUntil())
              || p.startsAt().equals(reaching.startsAt()))) {
        throw JourneyRejection.conflict(
            code,
            p.id(),
            reaching.id(),
            kind
                + " "
                + p.id()
                + " starting "
                + p.startsAt()
                + " overlaps "
                + kind
                + " "
                + reaching.id()
                + " ("
                + reaching.startsAt()
                + " to "
                + (reaching.end() == null ? "at least " : "")
                + reaching.knownUntil()
                + ")");
      }
      if (reaching == null || !p.knownUntil().isBefore(reaching.knownUntil())) {
        reaching = p;
      }
    }
  }

  // --- death
  // -------------------------------------------------------------------------------------------

  private static void afterDeath(JourneyModel model) {
    if (model.deaths.isEmpty()) {
      return;
    }
    DeathRecorded death = model.deaths.get(0);
    for (DeathRecorded d : model.deaths) {
      if (d.occurredAt().isBefore(death.occurredAt())) {
        death = d;
      }
    }
    for (Fact f : model.facts) {
      boolean needsLife =
          f instanceof Admitted
              || f instanceof StepDownPlacementStarted
              || (f instanceof CommunityContactRecorded c && c.attended())
              || (f instanceof DeathRecorded && f != death);
      Instant at = f.occurredAt();
      if (needsLife && (at.isAfter(death.occurredAt()) || f instanceof DeathRecorded)) {
        throw JourneyRejection.conflict(
            AFTER_DEATH,
            f.factId(),
            death.factId(),
            describe(f)
                + " is inconsistent: the service user's death is recorded at "
                + death.occurredAt());
      }
    }
  }

  private static String describe(Fact fact) {
    return fact.getClass().getSimpleName() + " " + fact.factId() + " at " + fact.occurredAt();
  }
}
