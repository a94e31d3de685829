package org.pathway.domain.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A journey's facts grouped into the periods they describe (referrals, spells, leaves, delay
 * periods, step-down placements), with each period's clinical extent as far as it is known. Both
 * the consistency rules and the data-quality questions read it, so "what is known of a period"
 * means one thing. Built from facts whose references are already checked.
 */
final class JourneyModel {

  /** One period: its start, its recorded ends (more than one is a conflict), its member facts. */
  static final class Period {
    final Fact start;
    final int order;
    final List<Fact> ends = new ArrayList<>();
    final List<Fact> members = new ArrayList<>();

    Period(Fact start, int order) {
      this.start = start;
      this.order = order;
    }

    UUID id() {
      return start.factId();
    }

    Instant startsAt() {
      return start.occurredAt();
    }

    Fact end() {
      return ends.isEmpty() ? null : ends.get(0);
    }

    /**
     * How far the period is known to last: its end when recorded, otherwise its latest member fact
     * (a spell with a transfer on the 9th lasted at least until the 9th), otherwise its start.
     */
    Instant knownUntil() {
      if (end() != null) {
        return end().occurredAt();
      }
      Instant latest = start.occurredAt();
      for (Fact m : members) {
        if (m.occurredAt().isAfter(latest)) {
          latest = m.occurredAt();
        }
      }
      return latest;
    }
  }

  /** One referral and what happened to it. */
  static final class Referral {
    final ReferralReceived received;
    final List<ReferralAccepted> acceptances = new ArrayList<>();
    final List<Fact> endings = new ArrayList<>();

    Referral(ReferralReceived received) {
      this.received = received;
    }
  }

  final List<Fact> facts;
  private final List<Fact> clinicalOrder;
  final Map<UUID, Referral> referrals = new LinkedHashMap<>();
  final Map<UUID, Period> spells = new LinkedHashMap<>();
  final Map<UUID, Period> leaves = new LinkedHashMap<>();
  final Map<UUID, Period> delays = new LinkedHashMap<>();
  final Map<UUID, Period> placements = new LinkedHashMap<>();
  final List<DeathRecorded> deaths = new ArrayList<>();

  /**
   * @param factsInRecordingOrder the journey's current facts; every reference among them resolves
   *     to a fact of the right type
   */
  JourneyModel(List<Fact> factsInRecordingOrder) {
    this.facts = factsInRecordingOrder;
    List<Fact> ordered = new ArrayList<>(factsInRecordingOrder);
    ordered.sort(Comparator.comparing(Fact::occurredAt)); // stable: ties keep recording order
    this.clinicalOrder = List.copyOf(ordered);
    for (int i = 0; i < factsInRecordingOrder.size(); i++) {
      Fact f = factsInRecordingOrder.get(i);
      if (f instanceof ReferralReceived r) {
        referrals.put(r.factId(), new Referral(r));
      } else if (f instanceof Admitted a) {
        spells.put(a.factId(), new Period(a, i));
      } else if (f instanceof LeaveStarted l) {
        leaves.put(l.factId(), new Period(l, i));
      } else if (f instanceof ClinicallyReadyForDischarge d) {
        delays.put(d.factId(), new Period(d, i));
      } else if (f instanceof StepDownPlacementStarted p) {
        placements.put(p.factId(), new Period(p, i));
      } else if (f instanceof DeathRecorded d) {
        deaths.add(d);
      }
    }
    for (Fact f : inClinicalOrder()) {
      if (f instanceof ReferralAccepted a) {
        referrals.get(a.referralId()).acceptances.add(a);
      } else if (f instanceof ReferralDeclined d) {
        referrals.get(d.referralId()).endings.add(d);
      } else if (f instanceof ReferralClosed c) {
        referrals.get(c.referralId()).endings.add(c);
      } else if (f instanceof Discharged d) {
        spells.get(d.spellId()).ends.add(d);
      } else if (f instanceof LeaveEnded l) {
        leaves.get(l.leaveId()).ends.add(l);
      } else if (f instanceof DelayEnded d) {
        delays.get(d.delayId()).ends.add(d);
      } else if (f instanceof StepDownPlacementEnded p) {
        placements.get(p.placementId()).ends.add(p);
      }
      UUID spell = spellOf(f);
      if (spell != null && !(f instanceof Admitted) && !(f instanceof Discharged)) {
        spells.get(spell).members.add(f);
      }
    }
  }

  /** The facts in clinical order; ties keep recording order. */
  List<Fact> inClinicalOrder() {
    return clinicalOrder;
  }

  /** The spell a fact belongs to, or {@code null} for facts outside spells. */
  static UUID spellOf(Fact f) {
    if (f instanceof Admitted a) {
      return a.factId();
    } else if (f instanceof WardTransferred t) {
      return t.spellId();
    } else if (f instanceof LegalStatusChanged l) {
      return l.spellId();
    } else if (f instanceof LeaveStarted l) {
      return l.spellId();
    } else if (f instanceof LeaveEnded l) {
      return l.spellId();
    } else if (f instanceof ClinicallyReadyForDischarge d) {
      return d.spellId();
    } else if (f instanceof DelayEnded d) {
      return d.spellId();
    } else if (f instanceof Discharged d) {
      return d.spellId();
    }
    return null;
  }

  /** Periods sorted by start, ties in recording order. */
  static List<Period> byStart(Iterable<Period> periods) {
    List<Period> sorted = new ArrayList<>();
    periods.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Period::startsAt).thenComparingInt(p -> p.order));
    return sorted;
  }

  /** The leaves (or delay periods) of one spell. */
  static List<Period> ofSpell(Map<UUID, Period> periods, UUID spellId) {
    List<Period> of = new ArrayList<>();
    for (Period p : periods.values()) {
      if (spellId.equals(spellOf(p.start))) {
        of.add(p);
      }
    }
    return of;
  }

  /**
   * For each period whose end is not recorded and that a later period of the same kind follows: the
   * pair (earlier, next). These are the "end not recorded" questions.
   */
  static List<Period[]> endsNotRecorded(Iterable<Period> periods) {
    List<Period[]> found = new ArrayList<>();
    List<Period> sorted = byStart(periods);
    for (int i = 0; i + 1 < sorted.size(); i++) {
      if (sorted.get(i).end() == null) {
        found.add(new Period[] {sorted.get(i), sorted.get(i + 1)});
      }
    }
    return found;
  }
}
