package org.pathway.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The command-line tools, run without starting the server:
 *
 * <pre>
 * java -jar pathway-api.jar generate [--people N] [--seed S] [--out FILE]
 * java -jar pathway-api.jar import FILE [--url http://localhost:8080] [--user NAME --password P | --token JWT]
 * java -jar pathway-api.jar verify [--url …] [credentials of an auditor]
 * java -jar pathway-api.jar export FILE [--service-user ID] [--url …] [credentials of an auditor]
 * java -jar pathway-api.jar replay FILE [--url …] [credentials of an admin]
 * </pre>
 */
public final class Cli {
  private Cli() {}

  public static boolean handles(String[] args) {
    return args.length > 0
        && java.util.Set.of("generate", "import", "verify", "export", "replay").contains(args[0]);
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> options = new HashMap<>();
    String positional = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("--") && i + 1 < args.length) {
        options.put(args[i].substring(2), args[++i]);
      } else {
        positional = args[i];
      }
    }
    return switch (args[0]) {
      case "generate" -> generate(options, out);
      case "import" -> importFile(positional, options, out, err);
      case "verify" -> verify(options, out, err);
      case "export" -> export(positional, options, out, err);
      case "replay" -> replay(positional, options, out, err);
      default -> 2;
    };
  }

  /**
   * {@code --token T} (a JWT) or {@code --user U --password P} (a local user); else the
   * environment.
   */
  static String authorization(Map<String, String> options) {
    String token = options.getOrDefault("token", System.getenv("PATHWAY_TOKEN"));
    if (token != null && !token.isBlank()) {
      return "Bearer " + token;
    }
    String user =
        options.getOrDefault("user", System.getenv().getOrDefault("PATHWAY_USER", "clinician"));
    String password =
        options.getOrDefault(
            "password", System.getenv().getOrDefault("PATHWAY_PASSWORD", user + "-demo"));
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> call(
      String method, String path, Map<String, String> options, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    String url = options.getOrDefault("url", "http://localhost:8080");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Authorization", authorization(options))
            .header("Content-Type", "application/x-ndjson")
            .method(method, body);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Walks the hash chain on the server; exit 0 when intact, 4 when not. */
  private static int verify(Map<String, String> options, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    options.putIfAbsent("user", "auditor");
    HttpResponse<String> r =
        call("POST", "/audit/chain/verification", options, HttpRequest.BodyPublishers.noBody());
    if (r.statusCode() != 200) {
      err.println("verification refused: HTTP " + r.statusCode() + " " + r.body());
      return 1;
    }
    JsonNode result = new ObjectMapper().readTree(r.body());
    out.println(
        result.get("detail").asText()
            + " ("
            + result.get("verifiedEvents").asLong()
            + " events, head "
            + result.get("headHash").asText()
            + ")");
    return result.get("intact").asBoolean() ? 0 : 4;
  }

  private static int export(
      String file, Map<String, String> options, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    if (file == null) {
      err.println("usage: export FILE [--service-user ID] [--url …]");
      return 2;
    }
    options.putIfAbsent("user", "auditor");
    String su = options.get("service-user");
    HttpResponse<String> r =
        call(
            "GET",
            "/audit/export" + (su == null ? "" : "?serviceUserId=" + su),
            options,
            HttpRequest.BodyPublishers.noBody());
    if (r.statusCode() != 200) {
      err.println("export refused: HTTP " + r.statusCode() + " " + r.body());
      return 1;
    }
    Files.writeString(Path.of(file), r.body(), StandardCharsets.UTF_8);
    out.println("exported " + r.body().lines().count() + " events to " + file);
    return 0;
  }

  private static int replay(
      String file, Map<String, String> options, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    if (file == null) {
      err.println("usage: replay FILE [--url …]");
      return 2;
    }
    options.putIfAbsent("user", "admin");
    HttpResponse<String> r =
        call("POST", "/admin/replay", options, HttpRequest.BodyPublishers.ofFile(Path.of(file)));
    if (r.statusCode() != 200) {
      err.println("replay refused: HTTP " + r.statusCode() + " " + r.body());
      return 1;
    }
    out.println(r.body());
    return 0;
  }

  private static int generate(Map<String, String> options, PrintStream out) throws IOException {
    int people = Integer.parseInt(options.getOrDefault("people", "3000"));
    long seed = Long.parseLong(options.getOrDefault("seed", "42"));
    Path file = Path.of(options.getOrDefault("out", "demo.ndjson"));
    long start = System.nanoTime();
    long lines;
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      lines = DemoDataGenerator.generate(people, seed, writer);
    }
    out.printf(
        Locale.ROOT,
        "wrote %d commands for %d people to %s in %.1f s%n",
        lines,
        people,
        file,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static int importFile(
      String file, Map<String, String> options, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    if (file == null) {
      err.println(
          "usage: import FILE [--url http://localhost:8080] [--user NAME --password P | --token JWT]");
      return 2;
    }
    String url = options.getOrDefault("url", "http://localhost:8080");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/imports"))
            .header("Content-Type", "application/x-ndjson")
            .header("Authorization", authorization(options))
            .POST(HttpRequest.BodyPublishers.ofFile(Path.of(file)))
            .build();
    ObjectMapper json = new ObjectMapper();
    HttpResponse<java.io.InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      err.println(
          "import refused: HTTP "
              + response.statusCode()
              + " "
              + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
      return 1;
    }
    long lines = 0;
    long rejected = 0;
    long started = System.nanoTime();
    long lastReport = started;
    JsonNode summary = null;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode result = json.readTree(line);
        if (result.has("summary")) {
          summary = result.get("summary");
          continue;
        }
        lines++;
        if ("rejected".equals(result.path("outcome").asText())) {
          rejected++;
          err.println(line);
        }
        long now = System.nanoTime();
        if (now - lastReport > 2_000_000_000L) {
          out.printf(
              Locale.ROOT,
              "%d lines, %d rejected, %.0f lines/s%n",
              lines,
              rejected,
              lines / ((now - started) / 1e9));
          lastReport = now;
        }
      }
    }
    out.println("import finished: " + (summary == null ? lines + " lines" : summary.toString()));
    return rejected == 0 ? 0 : 3;
  }
}
