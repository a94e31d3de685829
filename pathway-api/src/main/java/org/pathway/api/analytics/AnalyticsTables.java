package org.pathway.api.analytics;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pathway.api.audit.Pseudonyms;
import org.pathway.domain.codes.CodeCatalogue;
import org.pathway.domain.codes.CodeEntry;
import org.pathway.domain.codes.CodeSystem;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the two tables beneath the analysts' views (R__analytics_views.sql, docs/analytics.md): the
 * code lists with their labels, written at start-up from the bundled lists, and the keyed
 * pseudonyms of the people, spells and step-down placements the read models hold, added every few
 * seconds ({@code pathway.analytics.interval}) for those that have none yet. A record shows in the
 * views once its ids have pseudonyms, seconds after it was recorded. Every node may run both: the
 * writes are idempotent.
 */
@Component
class AnalyticsTables {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(AnalyticsTables.class);
  private static final int BATCH = 20_000;

  private final JdbcTemplate jdbc;
  private final Pseudonyms pseudonyms;
  private final CodeCatalogue codes = CodeCatalogue.loadBundled();
  private final org.springframework.transaction.support.TransactionTemplate transactions;
  private final org.pathway.projections.jobs.OutageLog outage =
      new org.pathway.projections.jobs.OutageLog(
          log, "Analysts' pseudonyms not written", "Analysts' pseudonyms written again");

  /** The rebuild generations the last whole comparison saw; null before the first. */
  private Long scannedGeneration;

  AnalyticsTables(
      JdbcTemplate jdbc,
      Pseudonyms pseudonyms,
      org.springframework.transaction.PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.pseudonyms = pseudonyms;
    this.transactions =
        new org.springframework.transaction.support.TransactionTemplate(transactions);
  }

  /** The code lists as bundled with this version, replacing what an earlier version wrote. */
  @EventListener(ApplicationReadyEvent.class)
  void writeCodeLists() {
    List<Object[]> rows = new ArrayList<>();
    for (CodeSystem system : CodeSystem.values()) {
      for (CodeEntry e : codes.entries(system)) {
        rows.add(
            new Object[] {
              system.systemId(),
              e.code(),
              e.description(),
              e.validFrom() == null ? null : Date.valueOf(e.validFrom()),
              e.validTo() == null ? null : Date.valueOf(e.validTo()),
              e.group()
            });
      }
    }
    try {
      jdbc.batchUpdate(
          "INSERT INTO analytics_code (code_list, code, label, valid_from, valid_to, code_group)"
              + " VALUES (?, ?, ?, coalesce(?::date, '-infinity'::date), ?::date, ?)"
              + " ON CONFLICT (code_list, code, valid_from) DO UPDATE SET label = EXCLUDED.label,"
              + " valid_to = EXCLUDED.valid_to, code_group = EXCLUDED.code_group",
          rows);
    } catch (org.springframework.dao.DataAccessException e) {
      log.warn("The analysts' code lists were not written ({}); next start", e.getMessage());
    }
  }

  /**
   * Pseudonyms for the ids that have none yet; returns how many were added. Every few seconds it
   * takes the ids queued since (analytics_pseudonym_queue: written with each new identity and each
   * first version of a spell or placement, by whichever node stored it); at the first run and after
   * every read-model rebuild (whose bulk path queues nothing) it compares every id the read models
   * hold with the pseudonyms instead.
   */
  @Scheduled(fixedDelayString = "${pathway.analytics.interval:PT5S}")
  int addPseudonyms() {
    return outage.run(
        () -> {
          Long generation =
              jdbc.queryForObject(
                  "SELECT coalesce(sum(generation), 0) FROM read_model_generation", Long.class);
          int added;
          if (!generation.equals(scannedGeneration)) {
            added = addMissing();
            scannedGeneration = generation;
          } else {
            added = addQueued();
          }
          return added;
        },
        0);
  }

  /** The ids queued, taken off the queue with their pseudonyms written, in one transaction each. */
  private int addQueued() {
    int added = 0;
    List<UUID> queued;
    do {
      queued =
          transactions.execute(
              s -> {
                // SKIP LOCKED: another node draining at the same moment takes other rows
                List<UUID> ids =
                    jdbc.queryForList(
                        "DELETE FROM analytics_pseudonym_queue WHERE id IN (SELECT id FROM"
                            + " analytics_pseudonym_queue LIMIT "
                            + BATCH
                            + " FOR UPDATE SKIP LOCKED) RETURNING id",
                        UUID.class);
                write(ids);
                return ids;
              });
      added += queued.size();
    } while (queued.size() == BATCH);
    return added;
  }

  /** Every id the read models hold that has no pseudonym: the whole comparison. */
  private int addMissing() {
    int added = 0;
    List<UUID> missing;
    do {
      missing =
          jdbc.queryForList(
              "SELECT id FROM ("
                  + " SELECT service_user_id AS id FROM service_user_identity"
                  + " UNION SELECT spell_id FROM spell_version"
                  + " UNION SELECT placement_id FROM placement_version) ids"
                  + " WHERE NOT EXISTS (SELECT 1 FROM analytics_pseudonym p WHERE p.id = ids.id)"
                  + " LIMIT "
                  + BATCH,
              UUID.class);
      write(missing);
      added += missing.size();
    } while (missing.size() == BATCH);
    return added;
  }

  private void write(List<UUID> ids) {
    if (!ids.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO analytics_pseudonym (id, pseudonym) VALUES (?, ?)"
              + " ON CONFLICT (id) DO NOTHING",
          ids.stream().map(id -> new Object[] {id, pseudonyms.of(id)}).toList());
    }
  }
}
