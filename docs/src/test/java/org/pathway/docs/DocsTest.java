package org.pathway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathway.domain.journey.JourneyEventTypes;
import org.pathway.domain.journey.WardPlacement;

/** Keeps the documentation true to the code: the event catalogue, the README's commands and CI. */
class DocsTest {
  private static final Path DOCS = Path.of(".").toAbsolutePath().normalize();
  private static final Path ROOT = DOCS.getParent();

  static Stream<String> eventNames() {
    return JourneyEventTypes.all().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("eventNames")
  void the_event_catalogue_describes_every_event_and_field(String name) throws IOException {
    String catalogue = Files.readString(DOCS.resolve("events.md"));
    Class<?> type = JourneyEventTypes.typeOf(name).orElseThrow();
    String heading =
        "### " + name + " (revision " + type.getAnnotation(Revision.class).value() + ")";
    assertThat(catalogue).as("heading for " + name).contains(heading);
    int start = catalogue.indexOf(heading);
    int end = catalogue.indexOf("\n### ", start + 1);
    String section = catalogue.substring(start, end < 0 ? catalogue.length() : end);
    for (RecordComponent field : type.getRecordComponents()) {
      String fieldName = field.getName();
      if (Stream.of("serviceUserId", "factId", "occurredAt").anyMatch(fieldName::equals)) {
        continue; // described once for all events
      }
      assertThat(section).as(name + " documents " + fieldName).contains("`" + fieldName + "`");
    }
  }

  @Test
  void the_placement_fields_are_documented() throws IOException {
    String catalogue = Files.readString(DOCS.resolve("events.md"));
    for (RecordComponent field : WardPlacement.class.getRecordComponents()) {
      assertThat(catalogue).contains("`" + field.getName() + "`");
    }
  }

  static Stream<String> commandNames() {
    return org.pathway.domain.journey.JourneyCommands.names().stream();
  }

  /** The import format and the API reference name every command the code has, and only those. */
  @ParameterizedTest
  @MethodSource("commandNames")
  void every_command_is_in_the_import_format_and_the_api_reference(String name) throws IOException {
    assertThat(Files.readString(DOCS.resolve("import-format.md"))).contains("| `" + name + "` |");
    assertThat(Files.readString(DOCS.resolve("api.md"))).contains("`" + name + "`");
    String doc = Files.readString(DOCS.resolve("import-format.md"));
    int start = doc.indexOf("| `" + name + "` |");
    String row = doc.substring(start, doc.indexOf('\n', start));
    Class<?> type = org.pathway.domain.journey.JourneyCommands.byName(name).orElseThrow();
    for (RecordComponent field : type.getRecordComponents()) {
      if (Stream.of("serviceUserId", "factId", "expectedVersion")
          .anyMatch(field.getName()::equals)) {
        continue; // the common fields, and If-Match (REST only)
      }
      assertThat(row).as(name + " lists " + field.getName()).contains("`" + field.getName() + "`");
    }
  }

  @Test
  void the_import_format_lists_no_command_the_code_lacks() throws IOException {
    String doc = Files.readString(DOCS.resolve("import-format.md"));
    String table = doc.substring(doc.indexOf("## Commands"), doc.indexOf("## Results"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\n\\| `(\\w+)` \\|").matcher(table);
    java.util.List<String> listed = new java.util.ArrayList<>();
    while (m.find()) {
      if (!m.group(1).equals("command")) { // the header
        listed.add(m.group(1));
      }
    }
    assertThat(listed)
        .containsExactlyElementsOf(org.pathway.domain.journey.JourneyCommands.names());
  }

  @Test
  void ci_runs_the_readme_test_command() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    assertThat(readme).contains("./mvnw -B verify").contains("./run.sh");
    assertThat(ci).contains("./mvnw -B verify");
  }

  @Test
  void every_adr_has_context_decision_and_consequences() throws IOException {
    try (Stream<Path> adrs = Files.list(DOCS.resolve("adr"))) {
      adrs.forEach(
          adr -> {
            try {
              assertThat(Files.readString(adr))
                  .as(adr.getFileName().toString())
                  .contains("## Context")
                  .contains("## Decision")
                  .contains("## Consequences");
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          });
    }
  }
}
