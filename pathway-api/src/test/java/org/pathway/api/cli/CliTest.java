package org.pathway.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tools without a server: help, refused mistakes, the generator, progress. */
class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Cli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help_lists_every_tool_and_is_not_the_server() {
    assertThat(Cli.handles(new String[] {"--help"})).isTrue();
    assertThat(Cli.handles(new String[] {"--server.port=9090"})).isFalse();
    assertThat(Cli.handles(new String[] {})).isFalse();
    assertThat(run("--help")).isZero();
    assertThat(out())
        .contains("generate", "import", "verify", "export", "extract", "replay", "help");
  }

  @Test
  void each_tool_has_its_own_help() {
    assertThat(run("import", "--help")).isZero();
    assertThat(out()).contains("FILE", "--migrated-from", "--url", "--token");
    out.reset();
    assertThat(run("help", "generate")).isZero();
    assertThat(out()).contains("--people", "--seed", "--out");
    out.reset();
    assertThat(run("extract", "--help")).isZero();
    assertThat(out()).contains("--month", "--as-at", "--out", "--user");
    assertThat(run("extract", "--month", "March")).isEqualTo(2);
    assertThat(err()).contains("--month");
  }

  @Test
  void a_misspelt_or_unknown_option_is_refused_and_nothing_is_written(@TempDir Path dir) {
    Path file = dir.resolve("demo.ndjson");
    assertThat(run("generate", "--peple", "5", "--out", file.toString())).isEqualTo(2);
    assertThat(err()).contains("Unknown options: '--peple'", "Possible solutions: --people");
    assertThat(file).doesNotExist();
    err.reset();
    assertThat(run("generate", "--people", "many")).isEqualTo(2);
    assertThat(err()).contains("--people");
    err.reset();
    assertThat(run("generate", "--people", "0", "--out", file.toString())).isEqualTo(2);
    assertThat(err()).contains("--people must be at least 1");
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run("import")).isEqualTo(2); // FILE is required
    assertThat(err()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void generate_writes_the_people_asked_for(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("demo.ndjson");
    assertThat(run("generate", "--people", "5", "--seed", "3", "--out", file.toString())).isZero();
    long registrations =
        Files.readAllLines(file).stream()
            .filter(l -> l.contains("\"command\":\"RegisterServiceUser\""))
            .count();
    assertThat(registrations).isEqualTo(5);
    assertThat(out()).contains("for 5 people");
  }

  @Test
  void the_progress_line_shows_rate_and_time_left() {
    assertThat(Cli.Progress.line(500, 1000, 2.0, "lines", ""))
        .isEqualTo(
            "[###############...............]  50 %  500 of 1,000 lines  250 lines/s  0:02 left");
    assertThat(Cli.Progress.line(1000, 1000, 4.0, "lines", "3 rejected"))
        .isEqualTo(
            "[##############################] 100 %  1,000 of 1,000 lines  250 lines/s  3 rejected");
    assertThat(Cli.Progress.line(42, -1, 1.0, "lines", "")).isEqualTo("42 lines  42 lines/s");
  }
}
