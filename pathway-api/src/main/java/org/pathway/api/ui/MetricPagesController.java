package org.pathway.api.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.metrics.Csv;
import org.pathway.api.metrics.MetricRecords;
import org.pathway.api.security.Role;
import org.pathway.api.web.RequestContext;
import org.pathway.projections.metrics.Breakdown;
import org.pathway.projections.metrics.Figure;
import org.pathway.projections.metrics.MetricFamily;
import org.pathway.projections.metrics.MetricQueries;
import org.pathway.projections.metrics.MetricQuery;
import org.pathway.projections.metrics.MetricReport;
import org.pathway.projections.metrics.MetricsEngine;
import org.pathway.projections.metrics.Period;
import org.pathway.projections.metrics.RecordPage;
import org.pathway.projections.metrics.Row;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The analysts' pages (docs/pages.md): the overview of every metric family for a reporting period
 * and one page per family, each "as known on" any recorded time. Every figure comes from the same
 * {@link MetricQueries} as {@code GET /metrics}; records are pseudonymised unless the user is an
 * auditor, as in the API.
 */
@Controller
@RequestMapping("/ui")
class MetricPagesController {
  /** Records per page of a family page's drill-down table. */
  static final int RECORDS_PER_PAGE = 25;

  private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final MetricsEngine engine;
  private final MetricQueries queries;
  private final MetricRecords records;
  private final RequestContext context;
  private final ObjectMapper json;

  MetricPagesController(
      MetricsEngine engine,
      MetricQueries queries,
      MetricRecords records,
      RequestContext context,
      ObjectMapper json) {
    this.engine = engine;
    this.queries = queries;
    this.records = records;
    this.context = context;
    this.json = json;
  }

  /** One card of the overview. */
  public record Card(
      Headline headline,
      String definition,
      String period,
      Figure figure,
      String value,
      String parts,
      Figure previous,
      String change,
      Figure expectationFigure,
      String expectationValue,
      Boolean met,
      Figure now,
      String changeSince) {
    public boolean changedSince() {
      return now != null && !java.util.Objects.equals(now.value(), figure.value());
    }
  }

  @GetMapping("/overview")
  String overview(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String asAt,
      Model model) {
    ReportingPeriod p = PageParameters.period(period);
    Instant at = PageParameters.asAt(asAt);
    List<Card> cards = new ArrayList<>();
    for (Headline h : Headline.ALL) {
      MetricFamily family = engine.family(h.family()).orElseThrow();
      MetricReport report = queries.report(request(family, p, null, at));
      MetricReport before = queries.report(request(family, p.previous(), null, at));
      MetricReport now = at == null ? null : queries.report(request(family, p, null, null));
      Figure f = figure(report, h.figure());
      Figure prev = figure(before, h.figure());
      Figure e = h.expectation() == null ? null : figure(report, h.expectation().figure());
      Figure n = now == null ? null : figure(now, h.figure());
      cards.add(
          new Card(
              h,
              report.definition(),
              p.code(),
              f,
              Shown.value(f.name(), f.value()),
              Shown.parts(f),
              prev,
              Shown.change(f.name(), prev.value(), f.value()),
              e,
              e == null ? null : Shown.value(e.name(), e.value()),
              h.met(report),
              n,
              n == null ? null : Shown.change(f.name(), f.value(), n.value())));
    }
    common(model, p, at);
    model.addAttribute("cards", cards);
    model.addAttribute("previous", p.previous());
    model.addAttribute("changedSince", cards.stream().filter(Card::changedSince).toList());
    return "ui/overview";
  }

  /** One row of the family page's table of figures. */
  public record FigureRow(
      String name, String value, String parts, String now, String changeSince) {}

  @GetMapping("/metrics/{metric}")
  String family(
      @PathVariable String metric,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String asAt,
      @RequestParam(required = false) String after,
      HttpServletRequest http,
      Model model)
      throws Exception {
    MetricFamily family = family(metric);
    ReportingPeriod p = PageParameters.period(period);
    Instant at = PageParameters.asAt(asAt);
    Breakdown breakdown = breakdown(family, by);
    Headline h = Headline.of(family.name()).orElseThrow();
    MetricReport report = queries.report(request(family, p, breakdown, at));
    MetricReport now = at == null ? null : queries.report(request(family, p, breakdown, null));
    List<FigureRow> figures = new ArrayList<>();
    for (Figure f : report.total().figures()) {
      Figure n = now == null ? null : figure(now, f.name());
      figures.add(
          new FigureRow(
              f.name(),
              Shown.value(f.name(), f.value()),
              Shown.parts(f),
              n == null ? null : Shown.value(n.name(), n.value()),
              n == null ? null : Shown.change(f.name(), f.value(), n.value())));
    }
    List<MetricReport> months = series(family, p, at);
    List<Map<String, Object>> series = new ArrayList<>();
    for (MetricReport m : months) {
      Figure f = figure(m, h.figure());
      series.add(point(YearMonth.from(m.period().from()).toString(), f));
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    for (MetricReport.Group g : report.groups()) {
      Figure f =
          g.figures().stream().filter(x -> x.name().equals(h.figure())).findFirst().orElse(null);
      if (f != null) {
        groups.add(point(g.key(), f));
      }
    }
    boolean identified = context.hasRole(http, Role.AUDITOR);
    RecordPage page =
        records.page(
            request(family, p, breakdown, at),
            null,
            after == null || after.isBlank() ? null : after,
            RECORDS_PER_PAGE,
            identified);
    LinkedHashSet<String> columns = new LinkedHashSet<>();
    page.records().forEach(r -> columns.addAll(r.keySet()));
    common(model, p, at);
    model.addAttribute("family", family);
    model.addAttribute("headline", h);
    model.addAttribute("report", report);
    model.addAttribute("figures", figures);
    model.addAttribute("by", breakdown == null ? null : breakdown.column());
    model.addAttribute(
        "breakdowns", family.breakdowns().stream().map(Breakdown::column).sorted().toList());
    model.addAttribute("series", series);
    model.addAttribute("groups", groups);
    model.addAttribute(
        "seriesChart",
        json.writeValueAsString(
            Map.of(
                "type",
                "line",
                "title",
                h.title() + " per month",
                "unit",
                h.unit(),
                "percent",
                Shown.percent(h.figure()),
                "points",
                series)));
    model.addAttribute(
        "groupsChart",
        json.writeValueAsString(
            Map.of(
                "type",
                "bar",
                "title",
                h.title() + " by " + (breakdown == null ? "" : breakdown.column()),
                "unit",
                h.unit(),
                "percent",
                Shown.percent(h.figure()),
                "points",
                groups)));
    model.addAttribute("page", page);
    model.addAttribute("columns", List.copyOf(columns));
    model.addAttribute("ids", identified ? "internal" : "pseudonymised");
    model.addAttribute("after", after);
    return "ui/family";
  }

  /** The figures the family page shows (the period, with its breakdown, and the months charted). */
  @GetMapping("/metrics/{metric}/figures.csv")
  ResponseEntity<String> figuresCsv(
      @PathVariable String metric,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String asAt) {
    MetricFamily family = family(metric);
    ReportingPeriod p = PageParameters.period(period);
    Instant at = PageParameters.asAt(asAt);
    List<MetricReport> shown = new ArrayList<>();
    shown.add(queries.report(request(family, p, breakdown(family, by), at)));
    shown.addAll(series(family, p, at));
    return csv(family.name() + "-" + p.code() + ".csv", Csv.report(shown));
  }

  /** The drill-down page shown, as CSV (pseudonymised for analysts). */
  @GetMapping("/metrics/{metric}/records.csv")
  ResponseEntity<String> recordsCsv(
      @PathVariable String metric,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String asAt,
      @RequestParam(required = false) String after,
      HttpServletRequest http) {
    MetricFamily family = family(metric);
    ReportingPeriod p = PageParameters.period(period);
    RecordPage page =
        records.page(
            request(family, p, breakdown(family, by), PageParameters.asAt(asAt)),
            null,
            after == null || after.isBlank() ? null : after,
            RECORDS_PER_PAGE,
            context.hasRole(http, Role.AUDITOR));
    List<Row> rows = page.records();
    return csv(family.name() + "-" + p.code() + "-records.csv", Csv.records(rows));
  }

  /** The twelve months up to the period's end, for the chart and figures.csv. */
  private List<MetricReport> series(MetricFamily family, ReportingPeriod p, Instant at) {
    return queries.series(
        new MetricQueries.Request(
            family,
            new Period(p.seriesFrom().atDay(1), p.seriesTo().atEndOfMonth()),
            null,
            MetricQuery.DEFAULT_WINDOW,
            MetricQueries.Scope.ADULT_ACUTE,
            at),
        p.seriesFrom(),
        p.seriesTo());
  }

  private static ResponseEntity<String> csv(String name, String body) {
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(body);
  }

  private static void common(Model model, ReportingPeriod p, Instant at) {
    model.addAttribute("period", p);
    model.addAttribute("asAt", at);
    model.addAttribute("asAtField", PageParameters.field(at));
    model.addAttribute("asAtShown", Shown.when(at));
    model.addAttribute("periods", choices(p));
  }

  /** The periods offered in the period control: the last 24 months, 8 quarters, 3 years. */
  private static List<ReportingPeriod> choices(ReportingPeriod chosen) {
    LinkedHashMap<String, ReportingPeriod> all = new LinkedHashMap<>();
    ReportingPeriod last = ReportingPeriod.lastCompleteMonth(java.time.LocalDate.now(Shown.LONDON));
    ReportingPeriod m = last;
    for (int i = 0; i < 24; i++, m = m.previous()) {
      all.put(m.code(), m);
    }
    ReportingPeriod q =
        ReportingPeriod.parse(
                last.from().getYear() + "-Q" + ((last.from().getMonthValue() - 1) / 3 + 1))
            .orElseThrow();
    for (int i = 0; i < 8; i++, q = q.previous()) {
      all.put(q.code(), q);
    }
    ReportingPeriod y = ReportingPeriod.parse(String.valueOf(last.from().getYear())).orElseThrow();
    for (int i = 0; i < 3; i++, y = y.previous()) {
      all.put(y.code(), y);
    }
    all.putIfAbsent(chosen.code(), chosen);
    return List.copyOf(all.values());
  }

  private static Map<String, Object> point(String key, Figure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("value", f.value());
    m.put("shown", Shown.value(f.name(), f.value()));
    m.put("parts", Shown.parts(f));
    return m;
  }

  private static Figure figure(MetricReport report, String name) {
    return Headline.figure(report, name)
        .orElseThrow(() -> new IllegalStateException(report.metric() + " has no figure " + name));
  }

  private MetricFamily family(String name) {
    return engine
        .family(name)
        .filter(f -> Headline.of(f.name()).isPresent())
        .orElseThrow(
            () -> ApiProblem.notFound("UNKNOWN_METRIC", "no metric family '" + name + "'"));
  }

  private static Breakdown breakdown(MetricFamily family, String by) {
    if (by == null || by.isBlank()) {
      return null;
    }
    Optional<Breakdown> b = Breakdown.of(by).filter(family.breakdowns()::contains);
    return b.orElseThrow(
        () -> ApiProblem.badRequest("by", "unknown breakdown '" + by + "' for " + family.name()));
  }

  private static MetricQueries.Request request(
      MetricFamily family, ReportingPeriod p, Breakdown by, Instant asAt) {
    return new MetricQueries.Request(
        family,
        new Period(p.from(), p.to()),
        by,
        MetricQuery.DEFAULT_WINDOW,
        MetricQueries.Scope.ADULT_ACUTE,
        asAt);
  }
}
