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
 * java -jar pathway-api.jar import FILE [--url http://localhost:8080] [--user NAME]
 * </pre>
 */
public final class Cli {
  private Cli() {}

  public static boolean handles(String[] args) {
    return args.length > 0 && (args[0].equals("generate") || args[0].equals("import"));
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
      default -> 2;
    };
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
      err.println("usage: import FILE [--url http://localhost:8080] [--user NAME]");
      return 2;
    }
    String url = options.getOrDefault("url", "http://localhost:8080");
    String user = options.getOrDefault("user", System.getProperty("user.name", "import"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/imports"))
            .header("Content-Type", "application/x-ndjson")
            .header("X-Pathway-User", user)
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
