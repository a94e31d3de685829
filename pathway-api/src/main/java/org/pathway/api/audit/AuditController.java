package org.pathway.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.web.RequestContext;
import org.pathway.projections.audit.ChainVerifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * For auditors: the hash chain, its verification, the access log, history diffs and exports; for
 * admins: rebuilds.
 */
@RestController
@Tag(name = "Audit")
public class AuditController {
  private final ChainVerifier chain;
  private final AccessLog accessLog;
  private final HistoryService history;
  private final EventExport export;
  private final ReadModelRebuilds rebuilds;
  private final RequestContext context;

  AuditController(
      ChainVerifier chain,
      AccessLog accessLog,
      HistoryService history,
      EventExport export,
      ReadModelRebuilds rebuilds,
      RequestContext context) {
    this.chain = chain;
    this.accessLog = accessLog;
    this.history = history;
    this.export = export;
    this.rebuilds = rebuilds;
    this.context = context;
  }

  @GetMapping("/audit/chain/head")
  @Operation(summary = "The head of the hash chain: publish it, so truncation can be detected")
  public ChainVerifier.Head head() {
    return chain.head();
  }

  @PostMapping("/audit/chain/verification")
  @Operation(
      summary =
          "Walk the hash chain: intact up to event N, or the first event that no longer matches")
  public ChainVerifier.Result verify() {
    return chain.verify();
  }

  @GetMapping("/audit/access-log")
  @Operation(summary = "Who read whose identified data, newest first")
  public List<Map<String, Object>> accessLog(
      @RequestParam(required = false) UUID serviceUserId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false, defaultValue = "200") int limit) {
    if (limit < 1 || limit > 10_000) {
      throw ApiProblem.badRequest("limit", "limit must be between 1 and 10000");
    }
    return accessLog.query(serviceUserId, instant("from", from), instant("to", to), limit);
  }

  @GetMapping("/service-users/{serviceUserId}/history")
  @Operation(
      summary = "What was added, corrected and voided in a journey between two recorded times")
  public Map<String, Object> history(
      @PathVariable UUID serviceUserId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Instant f = instant("from", from);
    Instant t = instant("to", to);
    if (f != null && t != null && f.isAfter(t)) {
      throw ApiProblem.badRequest("from", "from must not be after to");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serviceUserId", serviceUserId);
    body.put("from", f);
    body.put("to", t);
    body.put("changes", history.changes(serviceUserId, f, t));
    return body;
  }

  @GetMapping(value = "/audit/export", produces = "application/x-ndjson")
  @Operation(summary = "The event stream as NDJSON in global order (all, or one service user's)")
  public ResponseEntity<StreamingResponseBody> exportEvents(
      @RequestParam(required = false) UUID serviceUserId) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-ndjson"))
        .body(out -> export.export(serviceUserId, out));
  }

  @PostMapping(
      value = "/admin/replay",
      consumes = {"application/x-ndjson", "text/plain"})
  @Operation(
      summary =
          "Replay an export into this (empty) installation; read models then rebuild themselves")
  public Map<String, Object> replay(HttpServletRequest request) throws IOException {
    long events;
    try {
      events =
          export.replay(
              new BufferedReader(
                  new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)));
    } catch (org.pathway.api.error.ApiProblem refused) {
      // refused before the end of the body (a store that is not empty, a malformed line): the rest
      // is read and dropped, so that the client, still sending, gets the answer instead of a
      // connection closed under it (Tomcat swallows only 2 MB of an unread body)
      request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      throw refused;
    }
    return Map.of("eventsReplayed", events);
  }

  @PostMapping("/admin/rebuilds")
  @Operation(
      summary = "Rebuild a read model (journey-history) or all, while the service keeps serving")
  public ResponseEntity<Map<String, Object>> rebuild(
      @RequestParam(required = false, defaultValue = "all") String readModel,
      HttpServletRequest request) {
    return ResponseEntity.accepted().body(rebuilds.start(readModel, context.author(request)));
  }

  @GetMapping("/admin/rebuilds")
  @Operation(
      summary =
          "Progress of the current or last rebuild: events processed / total, rate, time left")
  public Map<String, Object> rebuildStatus() {
    return rebuilds.status();
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name, name + " must be an ISO-8601 date-time with offset");
    }
  }
}
