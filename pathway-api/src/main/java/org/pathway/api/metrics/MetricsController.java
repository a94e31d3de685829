package org.pathway.api.metrics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.pathway.api.error.ApiProblem;
import org.pathway.projections.metrics.Breakdown;
import org.pathway.projections.metrics.MetricFamily;
import org.pathway.projections.metrics.MetricQueries;
import org.pathway.projections.metrics.MetricQuery;
import org.pathway.projections.metrics.MetricReport;
import org.pathway.projections.metrics.MetricsEngine;
import org.pathway.projections.metrics.Period;
import org.pathway.projections.metrics.RecordPage;
import org.pathway.projections.metrics.Row;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only metric queries (docs/metrics.md): one resource per family, with its drill-down records
 * and a monthly series. Every answer names the definition version and the as-at recorded time.
 * JSON, or CSV with {@code Accept: text/csv} or {@code format=csv}.
 */
@RestController
@RequestMapping("/metrics")
@Tag(name = "Metrics")
public class MetricsController {
  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final MetricsEngine engine;
  private final MetricQueries queries;
  private final org.pathway.api.web.RequestContext context;
  private final org.pathway.api.audit.ReadModelRebuilds readModels;
  private final MetricRecords records;

  MetricsController(
      MetricsEngine engine,
      MetricQueries queries,
      org.pathway.api.web.RequestContext context,
      org.pathway.api.audit.ReadModelRebuilds readModels,
      MetricRecords records) {
    this.engine = engine;
    this.queries = queries;
    this.context = context;
    this.readModels = readModels;
    this.records = records;
  }

  /**
   * A report with the state of the read models it came from ({@code REBUILDING} while a rebuild
   * runs; the figures still come from the complete live read models).
   */
  public record ReportAnswer(
      String metric,
      String definition,
      Period period,
      Instant asAt,
      String by,
      Integer window,
      String scope,
      MetricReport.Group total,
      List<MetricReport.Group> groups,
      int contributingRecords,
      String readModelState) {
    static ReportAnswer of(MetricReport r, String state) {
      return new ReportAnswer(
          r.metric(),
          r.definition(),
          r.period(),
          r.asAt(),
          r.by(),
          r.window(),
          r.scope(),
          r.total(),
          r.groups(),
          r.contributingRecords(),
          state);
    }
  }

  /**
   * One page of the records behind a figure; {@code ids} says whether they are internal or
   * pseudonymised, {@code total} counts the records of every page, and {@code next} is the {@code
   * after} of the following page ({@code null} on the last).
   */
  public record RecordsAnswer(
      String metric,
      String definition,
      Period period,
      Instant asAt,
      String by,
      String group,
      String ids,
      String readModelState,
      int total,
      int limit,
      String next,
      List<Row> records) {}

  /** A family's reports per calendar month. */
  public record SeriesAnswer(
      String metric,
      String definition,
      Instant asAt,
      String readModelState,
      List<MetricReport> months) {}

  /** A metric family and how it can be asked for. */
  public record FamilyInfo(String metric, String definition, List<String> breakdowns) {}

  @GetMapping
  @Operation(summary = "The metric families, their definition versions and breakdowns")
  public List<FamilyInfo> families() {
    return engine.families().values().stream()
        .map(
            f ->
                new FamilyInfo(
                    f.name(),
                    f.definition(),
                    f.breakdowns().stream().map(Breakdown::column).sorted().toList()))
        .toList();
  }

  @GetMapping("/{metric}")
  @Operation(
      summary =
          "Figures of one metric family for a period, optionally broken down and as at a past time")
  public ResponseEntity<?> report(
      @PathVariable String metric,
      @Parameter(description = "first local date, inclusive (YYYY-MM-DD)")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "last local date, inclusive") @RequestParam(required = false)
          String to,
      @Parameter(description = "breakdown column") @RequestParam(required = false) String by,
      @Parameter(description = "readmission window W in days (default 28)")
          @RequestParam(required = false)
          String window,
      @Parameter(description = "OAP scope: adult-acute (default) or all")
          @RequestParam(required = false)
          String scope,
      @Parameter(description = "recorded time (ISO-8601); later knowledge is left out")
          @RequestParam(required = false)
          String asAt,
      @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    MetricFamily family = family(metric);
    boolean csv = Format.of(format, accept) == Format.CSV;
    MetricReport report =
        queries.report(
            request(family, date("from", from), date("to", to), by, window, scope, asAt));
    if (csv) {
      return ResponseEntity.ok().contentType(CSV).body(Csv.report(List.of(report)));
    }
    return ResponseEntity.ok(ReportAnswer.of(report, readModels.state()));
  }

  @GetMapping("/{metric}/records")
  @Operation(
      summary = "The records behind a figure (internal ids), optionally of one breakdown group")
  public ResponseEntity<?> records(
      @PathVariable String metric,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String by,
      @Parameter(description = "only the records of this breakdown group")
          @RequestParam(required = false)
          String group,
      @RequestParam(required = false) String window,
      @RequestParam(required = false) String scope,
      @RequestParam(required = false) String asAt,
      @Parameter(
              description =
                  "records per page, 1 to 1000 (JSON default 100; CSV without limit: every record)")
          @RequestParam(required = false)
          String limit,
      @Parameter(description = "the next cursor of the previous page")
          @RequestParam(required = false)
          String after,
      @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept,
      jakarta.servlet.http.HttpServletRequest http) {
    MetricFamily family = family(metric);
    if (group != null && by == null) {
      throw ApiProblem.badRequest("group", "group needs a breakdown: give by as well");
    }
    boolean csv = Format.of(format, accept) == Format.CSV;
    MetricQueries.Request request =
        request(family, date("from", from), date("to", to), by, window, scope, asAt);
    boolean identified = context.hasRole(http, org.pathway.api.security.Role.AUDITOR);
    int size = pageSize(limit, csv ? Integer.MAX_VALUE : RecordPage.DEFAULT_LIMIT);
    RecordPage page = records.page(request, group, after, size, identified);
    if (csv) {
      ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(CSV);
      if (page.next() != null) {
        ok.header("Pathway-Next-Page", page.next());
      }
      return ok.body(Csv.records(page.records()));
    }
    return ResponseEntity.ok(
        new RecordsAnswer(
            family.name(),
            family.definition(),
            request.period(),
            request.asAt(),
            request.by() == null ? null : request.by().column(),
            group,
            identified ? "internal" : "pseudonymised",
            readModels.state(),
            page.total(),
            size,
            page.next(),
            page.records()));
  }

  @GetMapping("/{metric}/series")
  @Operation(
      summary = "The same figures per calendar month over a range of months (YYYY-MM), for charts")
  public ResponseEntity<?> series(
      @PathVariable String metric,
      @Parameter(description = "first month, YYYY-MM") @RequestParam(required = false) String from,
      @Parameter(description = "last month, YYYY-MM") @RequestParam(required = false) String to,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String window,
      @RequestParam(required = false) String scope,
      @RequestParam(required = false) String asAt,
      @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    MetricFamily family = family(metric);
    YearMonth first = month("from", from);
    YearMonth last = month("to", to);
    if (first.isAfter(last)) {
      throw ApiProblem.badRequest("from", "from must not be after to");
    }
    if (first.plusMonths(120).isBefore(last)) {
      throw ApiProblem.badRequest("to", "a series covers at most 120 months");
    }
    boolean csv = Format.of(format, accept) == Format.CSV;
    MetricQueries.Request request =
        request(family, first.atDay(1), last.atEndOfMonth(), by, window, scope, asAt);
    List<MetricReport> months = queries.series(request, first, last);
    if (csv) {
      return ResponseEntity.ok().contentType(CSV).body(Csv.report(months));
    }
    return ResponseEntity.ok(
        new SeriesAnswer(
            family.name(), family.definition(), request.asAt(), readModels.state(), months));
  }

  // --- parameters
  // ------------------------------------------------------------------------------------------

  private MetricFamily family(String name) {
    return engine
        .family(name)
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    "metric",
                    "unknown metric '" + name + "'; known: " + engine.families().keySet()));
  }

  private static MetricQueries.Request request(
      MetricFamily family,
      LocalDate from,
      LocalDate to,
      String by,
      String window,
      String scope,
      String asAt) {
    if (from.isAfter(to)) {
      throw ApiProblem.badRequest("from", "from must not be after to");
    }
    Breakdown breakdown = null;
    if (by != null && !by.isBlank()) {
      breakdown =
          Breakdown.of(by)
              .filter(family.breakdowns()::contains)
              .orElseThrow(
                  () ->
                      ApiProblem.badRequest(
                          "by",
                          "unknown breakdown '"
                              + by
                              + "' for "
                              + family.name()
                              + "; known: "
                              + family.breakdowns().stream()
                                  .map(Breakdown::column)
                                  .sorted()
                                  .toList()));
    }
    int w = MetricQuery.DEFAULT_WINDOW;
    if (window != null) {
      try {
        w = Integer.parseInt(window);
      } catch (NumberFormatException e) {
        throw ApiProblem.badRequest("window", "window must be a whole number of days");
      }
      if (w <= 0 || w > 365) {
        throw ApiProblem.badRequest("window", "window must be between 1 and 365 days");
      }
    }
    MetricQueries.Scope s =
        scope == null
            ? MetricQueries.Scope.ADULT_ACUTE
            : MetricQueries.Scope.of(scope)
                .orElseThrow(
                    () -> ApiProblem.badRequest("scope", "scope must be adult-acute or all"));
    return new MetricQueries.Request(family, new Period(from, to), breakdown, w, s, instant(asAt));
  }

  private static int pageSize(String value, int otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= RecordPage.MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiProblem.badRequest(
        "limit", "limit must be a whole number from 1 to " + RecordPage.MAX_LIMIT);
  }

  private static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.badRequest(name, name + " is required (YYYY-MM-DD)");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name, name + " must be a date YYYY-MM-DD");
    }
  }

  private static YearMonth month(String name, String value) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.badRequest(name, name + " is required (YYYY-MM)");
    }
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name, name + " must be a month YYYY-MM");
    }
  }

  private static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "asAt", "asAt must be an ISO-8601 date-time with offset, e.g. 2025-04-01T00:00:00Z");
    }
  }

  /** The answer's format: {@code format=json|csv}, else {@code Accept: text/csv}, else JSON. */
  enum Format {
    JSON,
    CSV;

    static Format of(String format, String accept) {
      if (format != null) {
        return switch (format) {
          case "csv" -> CSV;
          case "json" -> JSON;
          default -> throw ApiProblem.badRequest("format", "format must be json or csv");
        };
      }
      return accept != null && accept.contains("text/csv") ? CSV : JSON;
    }
  }
}
