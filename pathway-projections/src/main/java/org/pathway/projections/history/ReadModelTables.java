package org.pathway.projections.history;

import java.util.List;

/**
 * The tables of the journey-history read model: the live ones the API reads, or the ones a rebuild
 * fills beside them ({@code _rebuild}) until it switches them in.
 */
record ReadModelTables(
    String facts,
    String spells,
    String placements,
    String questions,
    String contributions,
    String cells,
    String dayCells,
    String totalCells,
    String pendingCells,
    String rollup) {
  static final ReadModelTables LIVE =
      new ReadModelTables(
          "fact_version",
          "spell_version",
          "placement_version",
          "data_quality_question",
          "metric_contribution",
          "metric_cell",
          "metric_cell_day",
          "metric_cell_total",
          "metric_cell_pending",
          "metric_cell_rollup");

  static final ReadModelTables REBUILD =
      new ReadModelTables(
          "fact_version_rebuild",
          "spell_version_rebuild",
          "placement_version_rebuild",
          "data_quality_question_rebuild",
          "metric_contribution_rebuild",
          "metric_cell_rebuild",
          "metric_cell_day_rebuild",
          "metric_cell_total_rebuild",
          "metric_cell_pending_rebuild",
          "metric_cell_rollup_rebuild");

  List<String> all() {
    // the order their locks are taken in by a reset's TRUNCATE and a rebuild's switch; CellFolder
    // takes the pending sums' before the cells' too, so that neither waits for the other in a cycle
    return List.of(
        facts,
        spells,
        placements,
        questions,
        contributions,
        pendingCells,
        cells,
        dayCells,
        totalCells,
        rollup);
  }
}
