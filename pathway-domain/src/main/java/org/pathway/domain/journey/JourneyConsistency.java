package org.pathway.domain.journey;

import static org.pathway.domain.journey.RejectionCode.AFTER_DEATH;
import static org.pathway.domain.journey.RejectionCode.DELAY_ALREADY_OPEN;
import static org.pathway.domain.journey.RejectionCode.LEAVE_ALREADY_OPEN;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_DELAY;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_LEAVE;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_PLACEMENT;
import static org.pathway.domain.journey.RejectionCode.NO_OPEN_SPELL;
import static org.pathway.domain.journey.RejectionCode.PLACEMENT_ALREADY_OPEN;
import static org.pathway.domain.journey.RejectionCode.PRECEDES_DEPENDENCY;
import static org.pathway.domain.journey.RejectionCode.REFERRAL_NOT_OPEN;
import static org.pathway.domain.journey.RejectionCode.SPELL_ALREADY_OPEN;
import static org.pathway.domain.journey.RejectionCode.UNKNOWN_FACT;
import static org.pathway.domain.journey.RejectionCode.WRONG_FACT_TYPE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whether a set of facts forms a consistent journey when laid out in clinical order. The journey is
 * re-checked whole whenever a fact is added, corrected or voided, so late entry and corrections
 * obey exactly the same rules as facts recorded as they happen: a late admission may not land
 * inside another spell, and moving an admission after its discharge is refused. Facts at the same
 * clinical instant keep their recording order.
 */
final class JourneyConsistency {

  private enum ReferralStatus {
    RECEIVED,
    ACCEPTED,
    ENDED
  }

  private final Map<UUID, Fact> byId = new HashMap<>();
  private final Set<UUID> seen = new HashSet<>();
  private final Map<UUID, ReferralStatus> referrals = new HashMap<>();
  private final Set<UUID> dischargedSpells = new HashSet<>();
  private UUID openSpell;
  private UUID openLeave;
  private UUID openDelay;
  private UUID openPlacement;
  private boolean dead;

  private JourneyConsistency(List<Fact> facts) {
    facts.forEach(f -> byId.put(f.factId(), f));
  }

  /**
   * Checks the facts (given in recording order) and throws the first rule they break.
   *
   * @throws JourneyRejection naming the rule and the fact at which the journey stops making sense
   */
  static void check(List<Fact> factsInRecordingOrder) {
    List<Fact> clinicalOrder = new ArrayList<>(factsInRecordingOrder);
    clinicalOrder.sort(Comparator.comparing(Fact::occurredAt)); // stable: ties keep recording order
    JourneyConsistency state = new JourneyConsistency(factsInRecordingOrder);
    for (Fact fact : clinicalOrder) {
      state.apply(fact);
      state.seen.add(fact.factId());
    }
  }

  private void apply(Fact fact) {
    if (fact instanceof ServiceUserRegistered) {
      // no precondition
    } else if (fact instanceof ReferralReceived r) {
      referrals.put(r.factId(), ReferralStatus.RECEIVED);
    } else if (fact instanceof ReferralAccepted r) {
      requireReferralReceived(r, r.referralId());
      referrals.put(r.referralId(), ReferralStatus.ACCEPTED);
    } else if (fact instanceof ReferralDeclined r) {
      if (referralStatus(r, r.referralId()) != ReferralStatus.RECEIVED) {
        throw reject(
            REFERRAL_NOT_OPEN, r, "only a referral that is not yet accepted can be declined");
      }
      referrals.put(r.referralId(), ReferralStatus.ENDED);
    } else if (fact instanceof ReferralClosed r) {
      requireReferralReceived(r, r.referralId());
      referrals.put(r.referralId(), ReferralStatus.ENDED);
    } else if (fact instanceof Admitted a) {
      mustBeAlive(a);
      requireReferralReceived(a, a.referralId());
      mustHaveNoOpenSpell(a);
      openSpell = a.factId();
    } else if (fact instanceof WardTransferred t) {
      mustBeInOpenSpell(t, t.spellId());
    } else if (fact instanceof LegalStatusChanged l) {
      mustBeInOpenSpell(l, l.spellId());
    } else if (fact instanceof LeaveStarted l) {
      mustBeInOpenSpell(l, l.spellId());
      if (openLeave != null) {
        throw reject(LEAVE_ALREADY_OPEN, l, "leave " + openLeave + " is still open");
      }
      openLeave = l.factId();
    } else if (fact instanceof LeaveEnded l) {
      mustBeInOpenSpell(l, l.spellId());
      requireDependency(l, l.leaveId(), LeaveStarted.class, "leaveId");
      if (!l.leaveId().equals(openLeave)) {
        throw reject(NO_OPEN_LEAVE, l, "leave " + l.leaveId() + " is not open at that time");
      }
      openLeave = null;
    } else if (fact instanceof ClinicallyReadyForDischarge d) {
      mustBeInOpenSpell(d, d.spellId());
      if (openDelay != null) {
        throw reject(DELAY_ALREADY_OPEN, d, "delay period " + openDelay + " is still open");
      }
      openDelay = d.factId();
    } else if (fact instanceof DelayEnded d) {
      mustBeInOpenSpell(d, d.spellId());
      requireDependency(d, d.delayId(), ClinicallyReadyForDischarge.class, "delayId");
      if (!d.delayId().equals(openDelay)) {
        throw reject(NO_OPEN_DELAY, d, "delay period " + d.delayId() + " is not open at that time");
      }
      openDelay = null;
    } else if (fact instanceof Discharged d) {
      mustBeInOpenSpell(d, d.spellId());
      dischargedSpells.add(openSpell);
      openSpell = null;
      openLeave = null;
      openDelay = null;
    } else if (fact instanceof StepDownPlacementStarted p) {
      mustBeAlive(p);
      if (p.dischargeSpellId() != null) {
        requireDependency(p, p.dischargeSpellId(), Admitted.class, "dischargeSpellId");
        if (!dischargedSpells.contains(p.dischargeSpellId())) {
          throw reject(
              PRECEDES_DEPENDENCY, p, "the linked spell is not discharged by the placement start");
        }
      }
      if (openPlacement != null) {
        throw reject(PLACEMENT_ALREADY_OPEN, p, "placement " + openPlacement + " is still open");
      }
      openPlacement = p.factId();
    } else if (fact instanceof StepDownPlacementEnded p) {
      requireDependency(p, p.placementId(), StepDownPlacementStarted.class, "placementId");
      if (!p.placementId().equals(openPlacement)) {
        throw reject(NO_OPEN_PLACEMENT, p, "placement " + p.placementId() + " is not open");
      }
      openPlacement = null;
    } else if (fact instanceof CommunityContactRecorded c) {
      if (c.attended()) {
        mustBeAlive(c);
      }
    } else if (fact instanceof AccommodationStatusRecorded) {
      // no precondition
    } else if (fact instanceof DeathRecorded d) {
      mustBeAlive(d);
      dead = true;
    } else {
      throw new IllegalStateException("unhandled fact type " + fact.getClass());
    }
  }

  // --- named rules
  // -------------------------------------------------------------------------------------------

  private void mustBeAlive(Fact fact) {
    if (dead) {
      throw reject(AFTER_DEATH, fact, "the service user's death is recorded before this fact");
    }
  }

  private void mustHaveNoOpenSpell(Admitted admission) {
    if (openSpell != null) {
      throw reject(
          SPELL_ALREADY_OPEN, admission, "spell " + openSpell + " is still open at that time");
    }
  }

  private void mustBeInOpenSpell(Fact fact, UUID spellId) {
    requireDependency(fact, spellId, Admitted.class, "spellId");
    if (!spellId.equals(openSpell)) {
      throw reject(NO_OPEN_SPELL, fact, "spell " + spellId + " is not open at that time");
    }
  }

  private void requireReferralReceived(Fact fact, UUID referralId) {
    if (referralStatus(fact, referralId) == ReferralStatus.ENDED) {
      throw reject(
          REFERRAL_NOT_OPEN, fact, "referral " + referralId + " is declined or closed by then");
    }
  }

  private ReferralStatus referralStatus(Fact fact, UUID referralId) {
    requireDependency(fact, referralId, ReferralReceived.class, "referralId");
    return referrals.get(referralId);
  }

  /** The referenced fact must exist, be of the right type, and come first in clinical order. */
  private void requireDependency(
      Fact fact, UUID dependencyId, Class<? extends Fact> type, String field) {
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
    if (!seen.contains(dependencyId)) {
      throw reject(
          PRECEDES_DEPENDENCY,
          fact,
          "it would come before the "
              + type.getSimpleName()
              + " it depends on ("
              + dependency.occurredAt()
              + ")");
    }
  }

  private static JourneyRejection reject(RejectionCode code, Fact fact, String why) {
    return JourneyRejection.fact(
        code,
        fact.factId(),
        fact.getClass().getSimpleName() + " at " + fact.occurredAt() + " is inconsistent: " + why);
  }
}
