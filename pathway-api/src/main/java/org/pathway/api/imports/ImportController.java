package org.pathway.api.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.pathway.api.config.JsonConfiguration;
import org.pathway.api.error.ApiProblem;
import org.pathway.api.web.RequestContext;
import org.pathway.api.web.RequestSizeLimitFilter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code POST /imports} with an NDJSON body of commands: the answer streams one NDJSON result per
 * line as it is applied (accepted, duplicate, or rejected with its problem detail) and {@code GET
 * /imports/{id}} shows progress.
 */
@RestController
@RequestMapping("/imports")
@Tag(name = "Import")
public class ImportController {
  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final ImportService imports;
  private final RequestContext context;
  private final ObjectMapper json;

  private final RequestSizeLimitFilter sizeLimit;

  ImportController(
      ImportService imports,
      RequestContext context,
      ObjectMapper json,
      RequestSizeLimitFilter sizeLimit) {
    this.imports = imports;
    this.context = context;
    this.json = json;
    this.sizeLimit = sizeLimit;
  }

  @PostMapping(consumes = {"application/x-ndjson", "text/plain", "application/octet-stream"})
  @Operation(
      summary = "Import NDJSON commands; streams a result per line (accepted, duplicate, rejected)")
  public ResponseEntity<StreamingResponseBody> start(HttpServletRequest http) throws IOException {
    return run(http, null);
  }

  @PostMapping(
      path = "/migrations",
      consumes = {"application/x-ndjson", "text/plain", "application/octet-stream"})
  @Operation(
      summary =
          "Administrators: migrate history from another system; each line also carries the source's"
              + " recordedAt and recordedBy, kept as such and used by every as-at answer")
  public ResponseEntity<StreamingResponseBody> migrate(
      HttpServletRequest http, @RequestParam String source) throws IOException {
    if (source.isBlank()
        || source.length() > 100
        || !source.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
      throw ApiProblem.badRequest(
          "source", "source must name the system migrated from, 1 to 100 printable characters");
    }
    return run(http, source.strip());
  }

  private ResponseEntity<StreamingResponseBody> run(HttpServletRequest http, String migratedFrom)
      throws IOException {
    Path file = Files.createTempFile("pathway-import-", ".ndjson");
    long limit = sizeLimit.limitFor(http);
    try (InputStream in = http.getInputStream();
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
        if (total > limit) {
          throw JsonConfiguration.tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    if (Files.size(file) == 0) {
      Files.deleteIfExists(file);
      throw ApiProblem.badRequest("body", "the import body is empty");
    }
    ImportService.ImportProgress progress = imports.start(context.author(http), migratedFrom);
    StreamingResponseBody body =
        out -> {
          try {
            imports.run(progress, file, result -> write(out, result));
            write(out, Map.of("summary", progress.snapshot()));
          } finally {
            Files.deleteIfExists(file);
          }
        };
    return ResponseEntity.ok()
        .location(URI.create("/imports/" + progress.importId))
        .header("X-Import-Id", progress.importId.toString())
        .contentType(NDJSON)
        .body(body);
  }

  private void write(OutputStream out, Object value) {
    try {
      out.write(json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping
  @Operation(summary = "Imports since start-up, with progress")
  public Collection<Map<String, Object>> all() {
    return imports.imports().values().stream().map(ImportService.ImportProgress::snapshot).toList();
  }

  @GetMapping("/{importId}")
  @Operation(summary = "Progress of one import")
  public Map<String, Object> one(@PathVariable UUID importId) {
    ImportService.ImportProgress progress = imports.imports().get(importId);
    if (progress == null) {
      throw ApiProblem.notFound("UNKNOWN_IMPORT", "no import " + importId);
    }
    return progress.snapshot();
  }
}
