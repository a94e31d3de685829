package org.pathway.projections.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathway.domain.journey.AccommodationStatusRecorded;
import org.pathway.domain.journey.CommunityContactRecorded;
import org.pathway.domain.journey.DeathRecorded;
import org.pathway.domain.journey.Fact;
import org.pathway.projections.journey.Placement;
import org.pathway.projections.journey.Spell;

/**
 * The aggregated families, and what a change of one service user's journey changes in their
 * aggregates: the contributions of the journey before and after, as a signed difference. The live
 * projection and the bulk rebuild both go through here.
 */
public final class MetricAggregates {
  /** One contribution added ({@code n = 1}) or taken away ({@code n = -1}). */
  public record Delta(Contribution contribution, int n) {}

  /**
   * A row of {@code metric_cell} but for its recorded month: the family, the breakdown ({@code ""}
   * for the whole population) and its group, the month of the anchor date (the date itself for a
   * {@link Aggregated#daily} family), and the values.
   */
  public record Cell(
      String family,
      String breakdown,
      String groupKey,
      java.time.LocalDate anchorMonth,
      int v1,
      int v2) {}

  private final List<Aggregated> families;

  /**
   * The names the families that read facts besides the spells ({@link Aggregated#readsFacts}) keep
   * contributions under.
   */
  private final java.util.Set<String> factReaders;

  /**
   * The names kept by families with a name whose cells are per day ({@link Aggregated#anyDaily}).
   */
  private final java.util.Set<String> perDay;

  public MetricAggregates(MetricsEngine engine) {
    this.families =
        engine.families().values().stream()
            .filter(Aggregated.class::isInstance)
            .map(Aggregated.class::cast)
            .toList();
    this.factReaders =
        families.stream()
            .filter(Aggregated::readsFacts)
            .flatMap(f -> f.cellFamilies().stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.perDay =
        families.stream()
            .filter(Aggregated::anyDaily)
            .flatMap(f -> f.cellFamilies().stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * The date a contribution kept under {@code name} is summed under before it is fanned out to its
   * cells: its anchor day where a name of its family keeps cells per day, else the anchor's month.
   */
  public java.time.LocalDate summedOn(String name, java.time.LocalDate anchorOn) {
    return perDay.contains(name) ? anchorOn : anchorOn.withDayOfMonth(1);
  }

  public List<Aggregated> families() {
    return families;
  }

  /**
   * The contributions of one service user's spells, step-down placements and facts (all of them, as
   * known at one time): the data the metric queries read of them — contacts and deaths as their
   * typed columns say.
   */
  public List<Contribution> contributions(
      Collection<Spell> spells, Collection<Placement> placements, Collection<Fact> facts) {
    return contributions(spells, placements, facts, f -> true);
  }

  /**
   * The contributions after a change of facts that left the spells and placements as they were:
   * those of the families that read no facts as they were, the others made again.
   */
  public List<Contribution> afterFactChange(
      List<Contribution> before,
      Collection<Spell> spells,
      Collection<Placement> placements,
      Collection<Fact> facts) {
    List<Contribution> now = new ArrayList<>();
    for (Contribution c : before) {
      if (!factReaders.contains(c.family())) {
        now.add(c);
      }
    }
    now.addAll(contributions(spells, placements, facts, Aggregated::readsFacts));
    return now;
  }

  private List<Contribution> contributions(
      Collection<Spell> spells,
      Collection<Placement> placements,
      Collection<Fact> facts,
      java.util.function.Predicate<Aggregated> which) {
    List<Spell> sorted = new ArrayList<>(spells);
    // the order the metric queries read spells in, so that ties are broken the same way
    sorted.sort((a, b) -> MetricsRepository.UUID_ORDER.compare(a.spellId(), b.spellId()));
    List<MetricData.Contact> contacts = new ArrayList<>();
    List<MetricData.Death> deaths = new ArrayList<>();
    List<MetricData.AccommodationStatus> accommodation = new ArrayList<>();
    long seq = 0; // the facts come in the order they were first recorded
    for (Fact f : facts) {
      seq++;
      if (f instanceof CommunityContactRecorded c) {
        contacts.add(MetricData.Contact.of(c));
      } else if (f instanceof DeathRecorded d) {
        deaths.add(MetricData.Death.of(d));
      } else if (f instanceof AccommodationStatusRecorded a) {
        accommodation.add(MetricData.AccommodationStatus.of(a, seq));
      }
    }
    MetricData data =
        new MetricData(sorted, List.copyOf(placements), contacts, deaths, accommodation, null);
    List<Contribution> all = new ArrayList<>();
    for (Aggregated family : families) {
      if (which.test(family)) {
        all.addAll(family.contributions(data));
      }
    }
    return all;
  }

  /**
   * Whether a fact is read by an aggregated family besides the spells it is derived into: a change
   * of it changes contributions even when the spells stay the same.
   */
  public static boolean reads(Fact fact) {
    return fact instanceof CommunityContactRecorded
        || fact instanceof DeathRecorded
        || fact instanceof AccommodationStatusRecorded;
  }

  /** The cells a contribution counts in: the whole population's, and one per breakdown. */
  public List<Cell> cells(Contribution c) {
    Aggregated family = family(c.family());
    List<Cell> cells = new ArrayList<>();
    for (String name : family.cellFamilies()) {
      int v2;
      java.util.Optional<Aggregated.Derived> derived = family.derived(name).filter(d -> d.takes(c));
      if (name.equals(c.family())) {
        v2 = c.v2();
      } else if (derived.isPresent()) {
        v2 = derived.get().v2(c);
      } else {
        continue;
      }
      java.time.LocalDate month =
          family.daily(name) ? c.anchorOn() : c.anchorOn().withDayOfMonth(1);
      cells.add(new Cell(name, "", "", month, c.v1(), v2));
      List<Breakdown> keyed = family.keyed();
      for (int i = 0; i < keyed.size(); i++) {
        cells.add(new Cell(name, keyed.get(i).column(), c.keys().get(i), month, c.v1(), v2));
      }
    }
    return cells;
  }

  /** The family that keeps contributions under {@code name} ({@link Aggregated#cellFamilies}). */
  public Aggregated family(String name) {
    return families.stream()
        .filter(f -> f.cellFamilies().contains(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an aggregated family: " + name));
  }

  /** What changes when a service user's contributions go from {@code before} to {@code after}. */
  public static List<Delta> deltas(List<Contribution> before, List<Contribution> after) {
    if (before.equals(after)) {
      return List.of();
    }
    Map<Contribution, Integer> net = new LinkedHashMap<>();
    before.forEach(c -> net.merge(c, -1, Integer::sum));
    after.forEach(c -> net.merge(c, 1, Integer::sum));
    List<Delta> deltas = new ArrayList<>();
    net.forEach(
        (c, n) -> {
          for (int i = 0; i < Math.abs(n); i++) {
            deltas.add(new Delta(c, Integer.signum(n)));
          }
        });
    return deltas;
  }
}
