package org.pathway.projections.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.pathway.projections.journey.Spell.DelayPeriod;

/**
 * Delay days in a period by the MHSDS method (metrics.md §3; nhs-standards.md §2.5, MHS26):
 *
 * <ul>
 *   <li>a period whose start date equals its end date is dropped first: it counts 0 and is not the
 *       "previous delay period" of any other (single-day delays are excluded before ranking);
 *   <li>{@code end'} = the end date, or {@code periodEnd + 1} while open — and never beyond {@code
 *       periodEnd + 1}, so a delay that ended after the period is counted only up to its end;
 *   <li>{@code start'} = the later of the start date and {@code periodStart}; when the delay starts
 *       inside the period and is the spell's first delay, or starts more than 1 day after the
 *       previous one ended, the first day is not counted ({@code start' = start + 1});
 *   <li>days = {@code max(0, end' − start')}.
 * </ul>
 */
public final class DelayDays {
  private DelayDays() {}

  /**
   * The delay days of each of one spell's delay periods inside the period, in the order of the
   * spell's delays.
   */
  public static List<Long> perDelay(List<DelayPeriod> spellDelays, Period period) {
    // each delay's days are the nights of [its first counted day, its end) inside the period: the
    // period's first day when it began before, its end capped at the period's end + 1
    List<LocalDate> first = firstCountedDays(spellDelays);
    List<Long> days = new ArrayList<>();
    for (int i = 0; i < spellDelays.size(); i++) {
      days.add(
          first.get(i) == null
              ? 0L
              : Nights.inPeriod(first.get(i), spellDelays.get(i).endOn(), period));
    }
    return days;
  }

  /**
   * The first day of each delay that can count, whatever the period (in the order of the spell's
   * delays): the day after its start when it is the first or separate from the one before, else its
   * start; {@code null} for a same-date period, which never counts. Its days in a period are then
   * the nights of {@code [first day, end)} in it ({@link Nights#inPeriod}): inside the period the
   * first day is the later of this day and the period's first.
   */
  public static List<LocalDate> firstCountedDays(List<DelayPeriod> spellDelays) {
    // metrics.md §3: same-date periods are dropped before the rest are ranked by start date, so
    // they count 0 and are never the "previous delay period" of another
    List<DelayPeriod> ranked = new ArrayList<>();
    for (DelayPeriod d : spellDelays) {
      if (!sameDate(d)) {
        ranked.add(d);
      }
    }
    ranked.sort(Comparator.comparing(DelayPeriod::startOn));
    Map<DelayPeriod, LocalDate> first = new IdentityHashMap<>();
    LocalDate previousEnd = null;
    for (int i = 0; i < ranked.size(); i++) {
      DelayPeriod d = ranked.get(i);
      boolean separate =
          i == 0 || previousEnd == null || Nights.between(previousEnd, d.startOn()) > 1;
      first.put(d, separate ? d.startOn().plusDays(1) : d.startOn());
      previousEnd = d.endOn();
    }
    List<LocalDate> inOrder = new ArrayList<>();
    for (DelayPeriod d : spellDelays) {
      inOrder.add(first.get(d));
    }
    return inOrder;
  }

  public static long total(List<DelayPeriod> spellDelays, Period period) {
    return perDelay(spellDelays, period).stream().mapToLong(Long::longValue).sum();
  }

  private static boolean sameDate(DelayPeriod d) {
    return d.endOn() != null && d.endOn().equals(d.startOn());
  }
}
