package org.pathway.api.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.security.Role;
import org.pathway.api.web.RequestContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR Bulk Data style export of every journey ({@link FhirBulkExport}; auditors): kick-off with
 * {@code Prefer: respond-async}, a status that answers 202 with progress and then the manifest, one
 * NDJSON file per resource type, and deletion.
 */
@RestController
@RequestMapping("/fhir")
@Tag(name = "FHIR")
public class FhirBulkExportController {
  private static final MediaType NDJSON = MediaType.parseMediaType("application/fhir+ndjson");

  private final FhirBulkExport exports;
  private final RequestContext context;

  FhirBulkExportController(FhirBulkExport exports, RequestContext context) {
    this.exports = exports;
    this.context = context;
  }

  @GetMapping("/$export")
  @Operation(summary = "Start a bulk export of every journey (Prefer: respond-async)")
  public ResponseEntity<Void> kickOff(
      @RequestHeader(value = "Prefer", required = false) String prefer,
      HttpServletRequest request) {
    if (prefer == null || !prefer.contains("respond-async")) {
      throw ApiProblem.badRequest(
          "Prefer", "a bulk export runs asynchronously: send the header Prefer: respond-async");
    }
    Set<String> types = null;
    Instant since = null;
    for (String given : java.util.Collections.list(request.getParameterNames())) {
      String value = request.getParameter(given);
      switch (given) {
        case "_type" -> types = types(value);
        case "_since" -> since = since(value);
        case "_outputFormat" -> {
          if (!OUTPUT_FORMATS.contains(value)) {
            throw ApiProblem.badRequest(
                "_outputFormat",
                "_outputFormat: only NDJSON is written (application/fhir+ndjson), not '"
                    + value
                    + "'");
          }
        }
        default ->
            throw ApiProblem.badRequest(
                given,
                given
                    + ": not an export parameter Pathway supports (_type, _since, _outputFormat)");
      }
    }
    Role role = context.role(request);
    FhirBulkExport.Export export =
        exports.start(
            request.getRequestURL()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()),
            types,
            since,
            context.author(request),
            role == null ? null : role.name());
    return ResponseEntity.accepted()
        .location(URI.create("/fhir/$export-status/" + export.id))
        .header("Content-Location", "/fhir/$export-status/" + export.id)
        .build();
  }

  @GetMapping("/$export-status/{exportId}")
  @Operation(summary = "An export's progress (202) or its manifest (200)")
  public ResponseEntity<?> status(@PathVariable UUID exportId) {
    FhirBulkExport.Export export = found(exportId);
    if (!export.done()) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .header("X-Progress", export.people.get() + " of " + export.total + " people")
          .header("Retry-After", "2")
          .build();
    }
    if (export.failure != null) {
      ProblemDetail failed =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.INTERNAL_SERVER_ERROR, "the export failed: " + export.failure);
      failed.setProperty("code", "EXPORT_FAILED");
      return ResponseEntity.internalServerError().body(failed);
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("transactionTime", export.transactionTime.toString());
    manifest.put("request", export.request);
    manifest.put("requiresAccessToken", true);
    List<Map<String, Object>> output = new ArrayList<>();
    synchronized (export.counts) {
      export.counts.forEach(
          (type, count) -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("type", type);
            file.put("url", "/fhir/$export-file/" + export.id + "/" + type + ".ndjson");
            file.put("count", count.get());
            output.add(file);
          });
    }
    manifest.put("output", output);
    manifest.put("error", List.of());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(manifest);
  }

  @GetMapping("/$export-file/{exportId}/{type}.ndjson")
  @Operation(summary = "One NDJSON file of a finished export")
  public ResponseEntity<FileSystemResource> file(
      @PathVariable UUID exportId, @PathVariable String type) {
    FhirBulkExport.Export export = found(exportId);
    Path file = exports.file(export, type);
    if (!export.done() || !type.matches("[A-Z][A-Za-z]+") || !Files.exists(file)) {
      throw ApiProblem.notFound(
          "UNKNOWN_EXPORT_FILE", "this export has no file " + type + ".ndjson");
    }
    return ResponseEntity.ok().contentType(NDJSON).body(new FileSystemResource(file));
  }

  @DeleteMapping("/$export-status/{exportId}")
  @Operation(summary = "Delete an export's files")
  public ResponseEntity<Void> delete(@PathVariable UUID exportId) {
    if (!exports.delete(exportId)) {
      throw unknown(exportId);
    }
    return ResponseEntity.accepted().build();
  }

  private static final Set<String> OUTPUT_FORMATS =
      Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

  /** {@code _type}: resource types, comma-separated, each one the export writes. */
  private static Set<String> types(String value) {
    Set<String> types = new java.util.TreeSet<>();
    for (String type : value.split(",", -1)) {
      if (!FhirBulkExport.TYPES.contains(type.trim())) {
        throw ApiProblem.badRequest(
            "_type",
            "_type: '"
                + type
                + "' is not a resource type the export writes ("
                + String.join(", ", FhirBulkExport.TYPES)
                + ")");
      }
      types.add(type.trim());
    }
    return types;
  }

  /** {@code _since}: an instant with offset (FHIR's instant), not in the future. */
  private static Instant since(String value) {
    try {
      Instant since = java.time.OffsetDateTime.parse(value).toInstant();
      if (since.isAfter(Instant.now())) {
        throw ApiProblem.badRequest("_since", "_since: " + value + " is in the future");
      }
      return since;
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "_since",
          "_since: an instant with offset, e.g. 2025-04-01T00:00:00Z, not '" + value + "'");
    }
  }

  private FhirBulkExport.Export found(UUID exportId) {
    FhirBulkExport.Export export = exports.find(exportId);
    if (export == null) {
      throw unknown(exportId);
    }
    return export;
  }

  private static ApiProblem unknown(UUID exportId) {
    return ApiProblem.notFound(
        "UNKNOWN_EXPORT",
        "no export "
            + exportId
            + " on this node (exports are kept an hour, on the node that made them)");
  }
}
