package org.pathway.api.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations;
import org.pathway.domain.codes.CsvLine;
import org.springframework.stereotype.Component;

/**
 * Where UK Core's code systems lag MHSDS v6 (the discharge destinations MHSDS v5 split or added),
 * each Pathway code's UK Core code and how close it is, from {@code codes/ukcore-maps.csv}: served
 * as a FHIR R4 ConceptMap, and used by the FHIR export to add a UK Core coding only where one
 * exists.
 */
@Component
public class UkCoreMaps {
  static final String UKCORE_CODE_SYSTEMS = "https://fhir.hl7.org.uk/CodeSystem/";

  /** One mapped code: the UK Core system and code (null when unmatched), and the equivalence. */
  public record Target(String system, String code, String equivalence, String comment) {
    public boolean mapped() {
      return code != null;
    }
  }

  private final Map<String, Map<String, Target>> maps = new LinkedHashMap<>();

  public UkCoreMaps() {
    try (InputStream in = UkCoreMaps.class.getResourceAsStream("/codes/ukcore-maps.csv");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      lines.readLine(); // header
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        List<String> f = CsvLine.split(line);
        maps.computeIfAbsent(f.get(0), k -> new LinkedHashMap<>())
            .put(
                f.get(1),
                new Target(
                    f.get(2).isEmpty() ? null : f.get(2),
                    f.get(3).isEmpty() ? null : f.get(3),
                    f.get(4),
                    f.get(5).isEmpty() ? null : f.get(5)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lists that have a map. */
  public List<String> lists() {
    return new ArrayList<>(maps.keySet());
  }

  /** Pathway's code of {@code list} in UK Core, if the list has a map and the code is in it. */
  public Optional<Target> target(String list, String code) {
    Map<String, Target> map = maps.get(list);
    return map == null ? Optional.empty() : Optional.ofNullable(map.get(code));
  }

  /** The list's map as a FHIR R4 ConceptMap, or empty when the list has none. */
  public Optional<ConceptMap> conceptMap(String list) {
    Map<String, Target> map = maps.get(list);
    if (map == null) {
      return Optional.empty();
    }
    String target =
        map.values().stream().filter(Target::mapped).map(Target::system).findFirst().orElseThrow();
    ConceptMap cm = new ConceptMap();
    cm.setId(list + "-to-ukcore");
    cm.setUrl(CodeListController.CANONICAL + "ConceptMap/" + list + "-to-ukcore");
    cm.setName(list.replace("-", "_") + "_to_ukcore");
    cm.setTitle("Pathway " + list + " (MHSDS v6) to UK Core " + target);
    cm.setStatus(Enumerations.PublicationStatus.ACTIVE);
    cm.setDescription(
        "Where UK Core's list lags MHSDS v6: codes MHSDS split (wider target) or added"
            + " (unmatched). A FHIR export carries Pathway's code always, and UK Core's where it"
            + " maps.");
    cm.setSource(
        new org.hl7.fhir.r4.model.UriType(CodeListController.CANONICAL + "ValueSet/" + list));
    cm.setTarget(new org.hl7.fhir.r4.model.UriType("https://fhir.hl7.org.uk/ValueSet/" + target));
    ConceptMap.ConceptMapGroupComponent group = cm.addGroup();
    group.setSource(CodeListController.CANONICAL + "CodeSystem/" + list);
    group.setTarget(UKCORE_CODE_SYSTEMS + target);
    map.forEach(
        (code, t) -> {
          ConceptMap.SourceElementComponent element = group.addElement().setCode(code);
          ConceptMap.TargetElementComponent to =
              element
                  .addTarget()
                  .setEquivalence(Enumerations.ConceptMapEquivalence.fromCode(t.equivalence()));
          if (t.mapped()) {
            to.setCode(t.code());
          }
          if (t.comment() != null) {
            to.setComment(t.comment());
          }
        });
    return Optional.of(cm);
  }
}
