package org.pathway.api.extract;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.pathway.api.audit.AccessLog;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.security.Role;
import org.pathway.api.web.RequestContext;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /extracts/mhsds/{month}[?asAt=]}: the MHSDS-shaped extract of a reporting month as a
 * zip ({@link MhsdsExtract}) — identified for administrators, each person in it written to the
 * access log; pseudonymised for analysts.
 */
@RestController
@RequestMapping("/extracts")
@Tag(name = "Extracts")
public class MhsdsExtractController {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

  private final MhsdsExtract extracts;
  private final RequestContext context;
  private final AccessLog accessLog;

  MhsdsExtractController(MhsdsExtract extracts, RequestContext context, AccessLog accessLog) {
    this.extracts = extracts;
    this.context = context;
    this.accessLog = accessLog;
  }

  @GetMapping(value = "/mhsds/{month}", produces = "application/zip")
  @Operation(
      summary =
          "A reporting month as MHSDS tables (one CSV per table in a zip), optionally as known at a"
              + " past recorded time; identified for administrators, pseudonymised for analysts")
  public ResponseEntity<byte[]> mhsds(
      @Parameter(description = "the reporting month, YYYY-MM") @PathVariable String month,
      @Parameter(
              description =
                  "recorded time, ISO-8601 with offset; facts recorded later are left out")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime asAt,
      HttpServletRequest request) {
    YearMonth reporting = month(month);
    Role role = context.role(request);
    boolean identified = role == Role.ADMIN;
    MhsdsExtract.Made made =
        extracts.make(
            new MhsdsExtract.Request(
                reporting,
                asAt == null ? null : asAt.toInstant(),
                identified,
                context.author(request),
                role == null ? null : role.name()));
    if (identified) {
      // each person of an identified extract, as a read of their record by the administrator
      accessLog.readsOf(
          context.author(request),
          role.name(),
          made.people(),
          request.getRequestURI()
              + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }
    String name =
        "mhsds-"
            + reporting
            + (asAt == null ? "" : "-as-at-" + asAt.toInstant().toString().replace(":", ""))
            + (identified ? "" : "-pseudonymised")
            + ".zip";
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            "Content-Disposition",
            ContentDisposition.attachment().filename(name).build().toString())
        .header("Cache-Control", "no-store")
        .header("Pathway-Events-Behind", Long.toString(made.eventsBehind()))
        .body(made.zip());
  }

  private static YearMonth month(String month) {
    try {
      YearMonth m = YearMonth.parse(month, MONTH);
      if (m.getYear() < 1900) {
        throw ApiProblem.badRequest("month", "month: a reporting month from 1900 on, as YYYY-MM");
      }
      return m;
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "month",
          "month: a reporting month as YYYY-MM (for example 2026-03), not '" + month + "'");
    }
  }
}
