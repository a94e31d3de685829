package org.pathway.domain.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MHSDS code lists as effective-dated reference data, read from the CSVs bundled under {@code
 * /codes} (copies of {@code shared/domain/codes/}). Immutable once loaded; safe to share between
 * threads.
 */
public final class CodeCatalogue {

  private static final String HEADER = "system,code,description,valid_from,valid_to,group,notes";

  private final Map<CodeSystem, Map<String, List<CodeEntry>>> entries;

  private CodeCatalogue(Map<CodeSystem, Map<String, List<CodeEntry>>> entries) {
    this.entries = entries;
  }

  /** Loads every code system from the classpath. */
  public static CodeCatalogue loadBundled() {
    Map<CodeSystem, Map<String, List<CodeEntry>>> all = new EnumMap<>(CodeSystem.class);
    for (CodeSystem system : CodeSystem.values()) {
      all.put(system, Collections.unmodifiableMap(read(system)));
    }
    return new CodeCatalogue(all);
  }

  /** The row of {@code code} in force on {@code date}, if the code is valid on that date. */
  public Optional<CodeEntry> lookup(CodeSystem system, String code, LocalDate date) {
    return entries.get(system).getOrDefault(code, List.of()).stream()
        .filter(e -> e.validOn(date))
        .findFirst();
  }

  public boolean isValid(CodeSystem system, String code, LocalDate date) {
    return lookup(system, code, date).isPresent();
  }

  /** Every row of a system, in file order. */
  public List<CodeEntry> entries(CodeSystem system) {
    return entries.get(system).values().stream().flatMap(List::stream).toList();
  }

  private static Map<String, List<CodeEntry>> read(CodeSystem system) {
    Map<String, List<CodeEntry>> byCode = new LinkedHashMap<>();
    try (InputStream in = CodeCatalogue.class.getResourceAsStream(system.resource())) {
      if (in == null) {
        throw new IllegalStateException("code list missing from classpath: " + system.resource());
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (!HEADER.equals(header)) {
        throw new IllegalStateException(
            "unexpected header in " + system.resource() + ": " + header);
      }
      String line;
      int lineNo = 1;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = CsvLine.split(line);
        if (f.size() != 7 || !system.systemId().equals(f.get(0))) {
          throw new IllegalStateException(system.resource() + ":" + lineNo + " is malformed");
        }
        CodeEntry entry =
            new CodeEntry(
                system, f.get(1), f.get(2), date(f.get(3)), date(f.get(4)), f.get(5), f.get(6));
        byCode.computeIfAbsent(entry.code(), k -> new ArrayList<>()).add(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byCode;
  }

  private static LocalDate date(String s) {
    return s.isEmpty() ? null : LocalDate.parse(s);
  }
}
