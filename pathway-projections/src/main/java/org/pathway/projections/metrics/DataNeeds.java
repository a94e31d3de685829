package org.pathway.projections.metrics;

/**
 * What a family reads, so a query loads no more than its definition looks at.
 *
 * @param spells whether spells are needed
 * @param spellLookAheadDays how far past the period end admissions matter (readmission and time in
 *     community look up to 365 days on); spells are always loaded when they overlap the period
 * @param spellLookBackDays how far before the period start discharges matter (72-hour follow-up: 4
 *     days)
 */
public record DataNeeds(
    boolean spells,
    int spellLookAheadDays,
    int spellLookBackDays,
    boolean placements,
    boolean contacts,
    boolean deaths,
    boolean accommodation) {

  public static final DataNeeds SPELLS = new DataNeeds(true, 0, 0, false, false, false, false);

  public DataNeeds union(DataNeeds o) {
    return new DataNeeds(
        spells || o.spells,
        Math.max(spellLookAheadDays, o.spellLookAheadDays),
        Math.max(spellLookBackDays, o.spellLookBackDays),
        placements || o.placements,
        contacts || o.contacts,
        deaths || o.deaths,
        accommodation || o.accommodation);
  }
}
