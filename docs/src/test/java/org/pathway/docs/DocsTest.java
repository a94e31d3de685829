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
