package org.pathway.api.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathway.projections.metrics.Figure;
import org.pathway.projections.metrics.MetricReport;

/** RFC 4180 CSV of reports, series and drill-down records. */
public final class Csv {
  private Csv() {}

  public static String report(List<MetricReport> reports) {
    StringBuilder out = new StringBuilder();
    line(
        out,
        List.of(
            "metric",
            "definition",
            "from",
            "to",
            "asAt",
            "group",
            "figure",
            "value",
            "numerator",
            "denominator"));
    for (MetricReport r : reports) {
      List<MetricReport.Group> groups = new ArrayList<>();
      groups.add(r.total());
      groups.addAll(r.groups());
      for (MetricReport.Group g : groups) {
        for (Figure f : g.figures()) {
          line(
              out,
              java.util.Arrays.asList(
                  r.metric(),
                  r.definition(),
                  r.period().from(),
                  r.period().to(),
                  r.asAt(),
                  g.key(),
                  f.name(),
                  f.value(),
                  f.numerator(),
                  f.denominator()));
        }
      }
    }
    return out.toString();
  }

  public static String records(List<? extends Map<String, Object>> rows) {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    StringBuilder out = new StringBuilder();
    line(out, new ArrayList<>(columns));
    for (Map<String, Object> row : rows) {
      List<Object> values = new ArrayList<>();
      columns.forEach(c -> values.add(row.get(c)));
      line(out, values);
    }
    return out.toString();
  }

  /** One RFC 4180 line of {@code values} (null as empty), ended by CRLF. */
  public static String line(List<?> values) {
    StringBuilder out = new StringBuilder();
    line(out, values);
    return out.toString();
  }

  private static void line(StringBuilder out, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object v = values.get(i);
      String s = v == null ? "" : v.toString();
      if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
        s = "\"" + s.replace("\"", "\"\"") + "\"";
      }
      out.append(s);
    }
    out.append("\r\n");
  }
}
