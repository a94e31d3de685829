package org.pathway.projections.journey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.pathway.domain.journey.Admitted;
import org.pathway.domain.journey.ClinicallyReadyForDischarge;
import org.pathway.domain.journey.DelayEnded;
import org.pathway.domain.journey.Discharged;
import org.pathway.domain.journey.Fact;
import org.pathway.domain.journey.LeaveEnded;
import org.pathway.domain.journey.LeaveStarted;
import org.pathway.domain.journey.LegalStatusChanged;
import org.pathway.domain.journey.StepDownPlacementEnded;
import org.pathway.domain.journey.StepDownPlacementStarted;
import org.pathway.domain.journey.WardPlacement;
import org.pathway.domain.journey.WardTransferred;
import org.pathway.domain.time.ClinicalTime;

/**
 * Derives spells and step-down placements from one journey's facts as known at one recorded time. A
 * pure function: the projection calls it after every event, and the result for a given set of facts
 * is always the same.
 */
public final class JourneyDerivation {
  private JourneyDerivation() {}

  /**
   * Whether {@link #derive} reads facts of this kind: a fact of any other kind (a registration,
   * referral, contact, accommodation status, death...) cannot change a journey's spells or
   * placements, so the projection need not derive them again when one is recorded, corrected or
   * voided. {@code JourneyDerivationTest} checks on generated journeys that leaving every other
   * fact out derives the same.
   */
  public static boolean reads(Fact fact) {
    return DERIVED_FROM.contains(fact.getClass());
  }

  /** The kinds of fact {@link #derive} reads (each a record: no subclasses). */
  public static final Set<Class<? extends Fact>> DERIVED_FROM =
      Set.of(
          Admitted.class,
          WardTransferred.class,
          LegalStatusChanged.class,
          LeaveStarted.class,
          LeaveEnded.class,
          ClinicallyReadyForDischarge.class,
          DelayEnded.class,
          Discharged.class,
          StepDownPlacementStarted.class,
          StepDownPlacementEnded.class);

  /** Spells and placements of one journey. */
  public record Derived(Map<UUID, Spell> spells, Map<UUID, Placement> placements) {}

  /**
   * @param facts the journey's current facts in recording order (ties in clinical time keep that
   *     order)
   */
  public static Derived derive(List<Fact> facts) {
    List<Fact> ordered = new ArrayList<>(facts);
    ordered.sort(Comparator.comparing(Fact::occurredAt));
    Map<UUID, SpellBuilder> spells = new LinkedHashMap<>();
    Map<UUID, Placement> placements = new LinkedHashMap<>();
    for (Fact fact : ordered) {
      LocalDate on = ClinicalTime.localDate(fact.occurredAt());
      if (fact instanceof Admitted a) {
        spells.put(a.factId(), new SpellBuilder(a, on));
      } else if (fact instanceof WardTransferred t && spells.containsKey(t.spellId())) {
        spells.get(t.spellId()).transfer(t, on);
      } else if (fact instanceof LegalStatusChanged l && spells.containsKey(l.spellId())) {
        spells.get(l.spellId()).legal.add(new Spell.LegalStatusPeriod(on, l.legalStatus()));
      } else if (fact instanceof LeaveStarted l && spells.containsKey(l.spellId())) {
        spells
            .get(l.spellId())
            .leaves
            .put(l.factId(), new Spell.LeavePeriod(l.factId(), on, null, l.leaveType()));
      } else if (fact instanceof LeaveEnded l && spells.containsKey(l.spellId())) {
        spells
            .get(l.spellId())
            .leaves
            .computeIfPresent(
                l.leaveId(), (id, p) -> new Spell.LeavePeriod(id, p.startOn(), on, p.type()));
      } else if (fact instanceof ClinicallyReadyForDischarge d && spells.containsKey(d.spellId())) {
        spells
            .get(d.spellId())
            .delays
            .put(
                d.factId(),
                new Spell.DelayPeriod(d.factId(), on, null, d.delayReason(), d.attributableTo()));
      } else if (fact instanceof DelayEnded d && spells.containsKey(d.spellId())) {
        spells
            .get(d.spellId())
            .delays
            .computeIfPresent(
                d.delayId(),
                (id, p) ->
                    new Spell.DelayPeriod(id, p.startOn(), on, p.reason(), p.attributableTo()));
      } else if (fact instanceof Discharged d && spells.containsKey(d.spellId())) {
        spells.get(d.spellId()).discharge(d, on);
      } else if (fact instanceof StepDownPlacementStarted p) {
        placements.put(
            p.factId(),
            new Placement(
                p.factId(),
                p.serviceUserId(),
                on,
                null,
                p.scheme(),
                p.provider(),
                p.dischargeSpellId(),
                null));
      } else if (fact instanceof StepDownPlacementEnded p
          && placements.containsKey(p.placementId())) {
        Placement s = placements.get(p.placementId());
        placements.put(
            s.placementId(),
            new Placement(
                s.placementId(),
                s.serviceUserId(),
                s.startedOn(),
                on,
                s.scheme(),
                s.provider(),
                s.dischargeSpellId(),
                p.outcome()));
      }
    }
    Map<UUID, Spell> built = new LinkedHashMap<>();
    spells.forEach((id, b) -> built.put(id, b.build()));
    return new Derived(built, placements);
  }

  private static final class SpellBuilder {
    private final Admitted admission;
    private final LocalDate admittedOn;
    private final List<Spell.WardStay> stays = new ArrayList<>();
    private final List<Spell.LegalStatusPeriod> legal = new ArrayList<>();
    private final Map<UUID, Spell.LeavePeriod> leaves = new LinkedHashMap<>();
    private final Map<UUID, Spell.DelayPeriod> delays = new LinkedHashMap<>();
    private Discharged discharge;
    private LocalDate dischargedOn;

    SpellBuilder(Admitted admission, LocalDate on) {
      this.admission = admission;
      this.admittedOn = on;
      stays.add(stay(admission.factId(), on, admission.placement()));
      legal.add(new Spell.LegalStatusPeriod(on, admission.legalStatus()));
    }

    void transfer(WardTransferred t, LocalDate on) {
      closeLastStay(on);
      stays.add(stay(t.factId(), on, t.placement()));
    }

    void discharge(Discharged d, LocalDate on) {
      discharge = d;
      dischargedOn = on;
      closeLastStay(on);
      leaves.replaceAll(
          (id, p) -> p.endOn() == null ? new Spell.LeavePeriod(id, p.startOn(), on, p.type()) : p);
      delays.replaceAll(
          (id, p) ->
              p.endOn() == null
                  ? new Spell.DelayPeriod(id, p.startOn(), on, p.reason(), p.attributableTo())
                  : p);
    }

    private void closeLastStay(LocalDate on) {
      Spell.WardStay last = stays.remove(stays.size() - 1);
      stays.add(
          new Spell.WardStay(
              last.wardStayId(),
              last.startOn(),
              on,
              last.ward(),
              last.bedType(),
              last.provider(),
              last.locality(),
              last.outOfArea(),
              last.oapReason(),
              last.distanceFromHomeKm()));
    }

    private static Spell.WardStay stay(UUID id, LocalDate on, WardPlacement p) {
      return new Spell.WardStay(
          id,
          on,
          null,
          p.ward(),
          p.bedType(),
          p.provider(),
          p.locality(),
          p.outOfArea(),
          p.oapReason(),
          p.distanceFromHomeKm());
    }

    Spell build() {
      return new Spell(
          admission.factId(),
          admission.serviceUserId(),
          admission.referralId(),
          admission.occurredAt(),
          discharge == null ? null : discharge.occurredAt(),
          admittedOn,
          dischargedOn,
          admission.admissionMethod(),
          admission.admissionSource(),
          discharge == null ? null : discharge.dischargeMethod(),
          discharge == null ? null : discharge.dischargeDestination(),
          admission.estimatedDischargeDate(),
          List.copyOf(stays),
          List.copyOf(delays.values()),
          List.copyOf(leaves.values()),
          List.copyOf(legal));
    }
  }
}
