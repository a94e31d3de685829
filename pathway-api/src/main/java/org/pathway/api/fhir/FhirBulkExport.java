package org.pathway.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.annotation.PreDestroy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Bulk export of every journey as FHIR R4 NDJSON, one file per resource type, in the manner of FHIR
 * Bulk Data ({@code $export}, docs/interop.md): a kick-off starts it on this node, its status
 * answers progress and then the manifest of files. The files hold identified data: they are written
 * to a directory only this process may read, deleted on request, an hour after they were made, and
 * when the node stops. Each exported person is written to the access log under the auditor who
 * asked.
 */
@Component
class FhirBulkExport {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(FhirBulkExport.class);
  static final Duration KEPT = Duration.ofHours(1);

  /** The resource types an export writes (what a journey's Bundle holds). */
  static final List<String> TYPES =
      List.of("Patient", "ServiceRequest", "Encounter", "Location", "Observation", "EpisodeOfCare");

  private final JdbcTemplate jdbc;
  private final JourneyBundles bundles;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "fhir-bulk-export");
            t.setDaemon(true);
            return t;
          });
  private final Map<UUID, Export> exports = new ConcurrentHashMap<>();

  private final org.pathway.api.audit.AccessLog accessLog;

  FhirBulkExport(
      JdbcTemplate jdbc, JourneyBundles bundles, org.pathway.api.audit.AccessLog accessLog) {
    this.jdbc = jdbc;
    this.bundles = bundles;
    this.accessLog = accessLog;
  }

  /** One export: where it is, and what it has written. */
  static final class Export {
    final UUID id = UUID.randomUUID();
    final Instant transactionTime;
    final String request;
    final String principal;
    final String role;
    final Path directory;

    /** the types asked for ({@code _type}), or null for all */
    final Set<String> types;

    /**
     * only people with a fact recorded, corrected or voided after this ({@code _since}), or null
     */
    final Instant since;

    final AtomicLong people = new AtomicLong();
    volatile long total;
    final Map<String, AtomicLong> counts = new TreeMap<>();
    volatile Instant finishedAt;
    volatile String failure;

    Export(
        Instant transactionTime,
        String request,
        Set<String> types,
        Instant since,
        String principal,
        String role,
        Path directory) {
      this.transactionTime = transactionTime;
      this.types = types;
      this.since = since;
      this.request = request;
      this.principal = principal;
      this.role = role;
      this.directory = directory;
    }

    boolean done() {
      return finishedAt != null;
    }
  }

  Export start(String request, Set<String> types, Instant since, String principal, String role) {
    Path directory;
    try {
      directory =
          Files.createTempDirectory(
              "pathway-fhir-export-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Export export = new Export(Instant.now(), request, types, since, principal, role, directory);
    exports.put(export.id, export);
    worker.submit(() -> run(export));
    return export;
  }

  Export find(UUID id) {
    return exports.get(id);
  }

  /** Deletes an export's files and forgets it; whether there was one. */
  boolean delete(UUID id) {
    Export export = exports.remove(id);
    if (export == null) {
      return false;
    }
    deleteFiles(export);
    return true;
  }

  Path file(Export export, String type) {
    return export.directory.resolve(type + ".ndjson");
  }

  private void run(Export export) {
    IParser json = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
    Map<String, BufferedWriter> files = new TreeMap<>();
    Set<String> written = new HashSet<>(); // a Location is shared by the journeys of its ward
    try {
      // with _since, the people whose journey changed after it: a fact recorded (or a version of
      // one begun by a correction), a fact's version ended (corrected or entered in error), or
      // registered; their journeys are exported whole, as known at the kick-off
      List<UUID> people =
          export.since == null
              ? jdbc.queryForList(
                  "SELECT service_user_id FROM service_user_identity"
                      + " ORDER BY created_at, service_user_id",
                  UUID.class)
              : jdbc.queryForList(
                  "SELECT i.service_user_id FROM service_user_identity i"
                      + " WHERE i.created_at > ? OR EXISTS (SELECT 1 FROM fact_version f"
                      + " WHERE f.service_user_id = i.service_user_id AND (f.recorded_from > ?"
                      + " OR f.recorded_to > ?)) ORDER BY i.created_at, i.service_user_id",
                  UUID.class,
                  java.sql.Timestamp.from(export.since),
                  java.sql.Timestamp.from(export.since),
                  java.sql.Timestamp.from(export.since));
      export.total = people.size();
      List<UUID> logged = new ArrayList<>();
      for (UUID person : people) {
        Bundle bundle = bundles.of(person, export.transactionTime).bundle();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
          Resource resource = entry.getResource();
          String type = resource.fhirType();
          if (export.types != null && !export.types.contains(type)) {
            continue;
          }
          if (!written.add(type + "/" + resource.getIdElement().getIdPart())) {
            continue;
          }
          BufferedWriter out =
              files.computeIfAbsent(
                  type,
                  t -> {
                    try {
                      return Files.newBufferedWriter(file(export, t), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
          out.write(json.encodeResourceToString(resource));
          out.write('\n');
          synchronized (export.counts) {
            export.counts.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
          }
        }
        logged.add(person);
        if (logged.size() == 500) {
          log(export, logged);
        }
        export.people.incrementAndGet();
      }
      log(export, logged);
    } catch (RuntimeException | IOException e) {
      export.failure = e.getMessage() == null ? e.toString() : e.getMessage();
      log.warn("FHIR bulk export {} failed", export.id, e);
    } finally {
      for (BufferedWriter out : files.values()) {
        try {
          out.close();
        } catch (IOException e) {
          export.failure = "a file could not be written: " + e.getMessage();
        }
      }
      export.finishedAt = Instant.now();
    }
  }

  private void log(Export export, List<UUID> people) {
    if (!people.isEmpty()) {
      accessLog.readsOf(export.principal, export.role, people, "/fhir/$export");
      people.clear();
    }
  }

  @Scheduled(fixedDelayString = "PT5M")
  void forgetOldExports() {
    Instant before = Instant.now().minus(KEPT);
    exports.values().stream()
        .filter(e -> e.done() && e.finishedAt.isBefore(before))
        .map(e -> e.id)
        .toList()
        .forEach(this::delete);
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
    exports.keySet().forEach(this::delete);
  }

  private static void deleteFiles(Export export) {
    try (var files = Files.list(export.directory)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(export.directory);
    } catch (IOException e) {
      log.warn("FHIR export files in {} not deleted: {}", export.directory, e.getMessage());
    }
  }
}
