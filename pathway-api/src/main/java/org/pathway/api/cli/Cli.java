package org.pathway.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command-line tools, run without starting the server ({@code ./pathway --help}). Exit codes: 0
 * done, 1 refused by the server, 2 a usage mistake, 3 some import lines rejected, 4 the hash chain
 * is broken.
 */
@Command(
    name = "pathway",
    mixinStandardHelpOptions = true,
    version = "Pathway 0.1.0",
    description =
        "Pathway's command-line tools. Without a command, the same jar starts the server (java -jar"
            + " pathway-api.jar [--server.port=8080 ...]).",
    subcommands = {
      Cli.Generate.class,
      Cli.Import.class,
      Cli.Verify.class,
      Cli.Export.class,
      Cli.Extract.class,
      Cli.Replay.class,
      CommandLine.HelpCommand.class
    })
public final class Cli implements Callable<Integer> {
  static final int REFUSED = 1;
  static final int LINES_REJECTED = 3;
  static final int CHAIN_BROKEN = 4;

  private static final Set<String> COMMANDS =
      Set.of("generate", "import", "verify", "export", "extract", "replay", "help");
  private static final Set<String> HELP = Set.of("--help", "-h", "--version", "-V");

  @Spec CommandLine.Model.CommandSpec spec;

  /** Whether these arguments are for the tools rather than for the server. */
  public static boolean handles(String[] args) {
    return args.length > 0 && (COMMANDS.contains(args[0]) || HELP.contains(args[0]));
  }

  /** Runs the tool; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Cli());
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr().println("failed: " + e.getMessage());
          return REFUSED;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return CommandLine.ExitCode.USAGE;
  }

  /** Where the server is and who signs in. */
  static final class Server {
    @Option(
        names = "--url",
        defaultValue = "http://localhost:8080",
        description = "the Pathway server (default: ${DEFAULT-VALUE})")
    String url;

    @Option(
        names = "--user",
        description = "a local user's name (default: $PATHWAY_USER, else the command's demo user)")
    String user;

    @Option(
        names = "--password",
        description = "the local user's password (default: $PATHWAY_PASSWORD, else <user>-demo)")
    String password;

    @Option(
        names = "--token",
        description = "a JWT from the identity provider instead (default: $PATHWAY_TOKEN)")
    String token;

    String authorization(String defaultUser) {
      String jwt = token != null ? token : System.getenv("PATHWAY_TOKEN");
      if (jwt != null && !jwt.isBlank()) {
        return "Bearer " + jwt;
      }
      String name = user != null ? user : System.getenv().getOrDefault("PATHWAY_USER", defaultUser);
      String secret =
          password != null
              ? password
              : System.getenv().getOrDefault("PATHWAY_PASSWORD", name + "-demo");
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> call(
        String method, String path, String defaultUser, HttpRequest.BodyPublisher body)
        throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + path))
              .header("Authorization", authorization(defaultUser))
              .header("Content-Type", "application/x-ndjson")
              .method(method, body)
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Write a demo population as an import file (NDJSON, docs/import-format.md).")
  static final class Generate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--people",
        defaultValue = "3000",
        description = "how many people (default: ${DEFAULT-VALUE})")
    int people;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description =
            "the random seed: the same seed writes the same file (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--out",
        defaultValue = "demo.ndjson",
        description = "the file to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
      if (people < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--people must be at least 1");
      }
      long start = System.nanoTime();
      long lines;
      try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        lines = DemoDataGenerator.generate(people, seed, writer);
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "wrote %d commands for %d people to %s in %.1f s%n",
              lines,
              people,
              out,
              (System.nanoTime() - start) / 1e9);
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import an NDJSON file of commands (POST /imports, docs/import-format.md), with progress;"
              + " rejected lines are printed to stderr with their problem. With --migrated-from, a"
              + " migration from another system (POST /imports/migrations, administrators): each"
              + " line carries recordedAt and recordedBy.")
  static final class Import implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the NDJSON file")
    Path file;

    @Option(
        names = "--migrated-from",
        paramLabel = "SOURCE",
        description = "the system the history comes from, e.g. \"RiO\" (migration import)")
    String migratedFrom;

    @Mixin Server server;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isReadable(file)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file);
      }
      long total;
      try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
        total = lines.filter(l -> !l.isBlank()).count();
      } catch (java.io.UncheckedIOException e) {
        total = -1; // not UTF-8 throughout: the server names the lines
      }
      String path =
          migratedFrom == null
              ? "/imports"
              : "/imports/migrations?source="
                  + URLEncoder.encode(migratedFrom, StandardCharsets.UTF_8);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.url + path))
              .header("Content-Type", "application/x-ndjson")
              .header(
                  "Authorization",
                  server.authorization(migratedFrom == null ? "clinician" : "admin"))
              .POST(HttpRequest.BodyPublishers.ofFile(file))
              .build();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        err.println(
            "import refused: HTTP "
                + response.statusCode()
                + " "
                + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        return REFUSED;
      }
      ObjectMapper json = new ObjectMapper();
      Progress progress = new Progress(out, "lines", total);
      long rejected = 0;
      JsonNode summary = null;
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          JsonNode result = json.readTree(line);
          if (result.has("summary")) {
            summary = result.get("summary");
            continue;
          }
          if ("rejected".equals(result.path("outcome").asText())) {
            rejected++;
            err.println(line);
          }
          progress.advance(1, rejected == 0 ? "" : rejected + " rejected");
        }
      }
      progress.finish(rejected == 0 ? "" : rejected + " rejected");
      out.println(
          "import finished: "
              + (summary == null ? progress.done() + " lines" : summary.toString()));
      if (summary != null && "FAILED".equals(summary.path("state").asText())) {
        return REFUSED;
      }
      return rejected == 0 ? 0 : LINES_REJECTED;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Walk the hash chain on the server (auditors); exit 0 when intact, 4 when not.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin Server server;

    @Override
    public Integer call() throws IOException, InterruptedException {
      HttpResponse<String> r =
          server.call(
              "POST", "/audit/chain/verification", "auditor", HttpRequest.BodyPublishers.noBody());
      if (r.statusCode() != 200) {
        spec.commandLine()
            .getErr()
            .println("verification refused: HTTP " + r.statusCode() + " " + r.body());
        return REFUSED;
      }
      JsonNode result = new ObjectMapper().readTree(r.body());
      spec.commandLine()
          .getOut()
          .println(
              result.get("detail").asText()
                  + " ("
                  + result.get("verifiedEvents").asLong()
                  + " events, head "
                  + result.get("headHash").asText()
                  + ")");
      return result.get("intact").asBoolean() ? 0 : CHAIN_BROKEN;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the event stream, or one service user's events, as NDJSON (auditors).")
  static final class Export implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the file to write")
    Path file;

    @Option(names = "--service-user", paramLabel = "ID", description = "only this service user")
    UUID serviceUser;

    @Mixin Server server;

    @Override
    public Integer call() throws IOException, InterruptedException {
      HttpResponse<String> r =
          server.call(
              "GET",
              "/audit/export" + (serviceUser == null ? "" : "?serviceUserId=" + serviceUser),
              "auditor",
              HttpRequest.BodyPublishers.noBody());
      if (r.statusCode() != 200) {
        spec.commandLine()
            .getErr()
            .println("export refused: HTTP " + r.statusCode() + " " + r.body());
        return REFUSED;
      }
      Files.writeString(file, r.body(), StandardCharsets.UTF_8);
      spec.commandLine()
          .getOut()
          .println("exported " + r.body().lines().count() + " events to " + file);
      return 0;
    }
  }

  @Command(
      name = "extract",
      mixinStandardHelpOptions = true,
      description =
          "Write a reporting month as MHSDS tables, one CSV per table in a zip (GET"
              + " /extracts/mhsds/{month}, docs/interop.md): pseudonymised as an analyst (the"
              + " default user), identified as an administrator (--user admin).")
  static final class Extract implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--month",
        required = true,
        paramLabel = "YYYY-MM",
        description = "the reporting month")
    java.time.YearMonth month;

    @Option(
        names = "--as-at",
        paramLabel = "TIME",
        description =
            "as known at this recorded time (ISO-8601 with offset, e.g. 2026-04-03T12:00:00Z);"
                + " default: as now known")
    java.time.OffsetDateTime asAt;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "the zip to write (default: mhsds-<month>.zip)")
    Path out;

    @Mixin Server server;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Path file = out != null ? out : Path.of("mhsds-" + month + ".zip");
      String path =
          "/extracts/mhsds/"
              + month
              + (asAt == null
                  ? ""
                  : "?asAt=" + URLEncoder.encode(asAt.toString(), StandardCharsets.UTF_8));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.url + path))
              .header("Authorization", server.authorization("analyst"))
              .GET()
              .build();
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        spec.commandLine()
            .getErr()
            .println(
                "extract refused: HTTP "
                    + r.statusCode()
                    + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        return REFUSED;
      }
      Files.write(file, r.body());
      long behind = Long.parseLong(r.headers().firstValue("Pathway-Events-Behind").orElse("0"));
      if (behind > 0) {
        spec.commandLine()
            .getErr()
            .printf(
                Locale.ROOT,
                "warning: the read models were %d events behind the event store (an import still"
                    + " being handled?): the extract lacks what they had not handled; take it"
                    + " again once they have caught up%n",
                behind);
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "wrote the MHSDS extract of %s%s (%d bytes) to %s%n",
              month,
              asAt == null ? "" : " as at " + asAt,
              r.body().length,
              file);
      return 0;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Load an export into an empty installation (POST /admin/replay, administrators), with"
              + " progress of the upload.")
  static final class Replay implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "an export written by `export`")
    Path file;

    @Mixin Server server;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.isReadable(file)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file);
      }
      long size = Files.size(file);
      Progress progress = new Progress(out, "bytes", size);
      HttpRequest.BodyPublisher body =
          HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(
                  () -> {
                    try {
                      return new Counting(Files.newInputStream(file), progress);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }),
              size);
      HttpResponse<String> r = server.call("POST", "/admin/replay", "admin", body);
      progress.finish("");
      if (r.statusCode() != 200) {
        spec.commandLine()
            .getErr()
            .println("replay refused: HTTP " + r.statusCode() + " " + r.body());
        return REFUSED;
      }
      out.println(r.body());
      return 0;
    }
  }

  /** Counts the bytes read into the progress line. */
  private static final class Counting extends FilterInputStream {
    private final Progress progress;

    Counting(InputStream in, Progress progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.advance(1, "");
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        progress.advance(n, "");
      }
      return n;
    }
  }

  /**
   * A progress line: done of total, percentage, rate and time left, printed at most every two
   * seconds (and once at the end) so that it reads well in a terminal and in a log.
   */
  static final class Progress {
    private final PrintWriter out;
    private final String unit;
    private final long total;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile long lastPrinted = started;

    Progress(PrintWriter out, String unit, long total) {
      this.out = out;
      this.unit = unit;
      this.total = total;
    }

    long done() {
      return done.get();
    }

    void advance(long n, String note) {
      done.addAndGet(n);
      long now = System.nanoTime();
      if (now - lastPrinted >= 2_000_000_000L) {
        lastPrinted = now;
        print(now, note);
      }
    }

    void finish(String note) {
      print(System.nanoTime(), note);
    }

    private synchronized void print(long now, String note) {
      out.println(line(done.get(), total, (now - started) / 1e9, unit, note));
      out.flush();
    }

    /** {@code [#####.....] 50 % 500 of 1,000 lines 250 lines/s 0:02 left}. */
    static String line(long done, long total, double seconds, String unit, String note) {
      double rate = seconds > 0 ? done / seconds : 0;
      StringBuilder b = new StringBuilder();
      if (total > 0) {
        int width = 30;
        int filled = (int) Math.min(width, width * done / total);
        b.append('[')
            .append("#".repeat(filled))
            .append(".".repeat(width - filled))
            .append("] ")
            .append(String.format(Locale.ROOT, "%3d %%  ", Math.min(100, 100 * done / total)));
        b.append(String.format(Locale.ROOT, "%,d of %,d %s", done, total, unit));
      } else {
        b.append(String.format(Locale.ROOT, "%,d %s", done, unit));
      }
      b.append(String.format(Locale.ROOT, "  %,.0f %s/s", rate, unit));
      if (total > 0 && rate > 0 && done < total) {
        long left = Math.round((total - done) / rate);
        b.append(String.format(Locale.ROOT, "  %d:%02d left", left / 60, left % 60));
      }
      if (!note.isEmpty()) {
        b.append("  ").append(note);
      }
      return b.toString();
    }
  }

  private Cli() {}
}
