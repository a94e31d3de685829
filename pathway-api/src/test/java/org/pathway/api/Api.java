package org.pathway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A small real-HTTP client for the API tests and the benchmark. */
public final class Api {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final int port;
  private final String authorization;

  /** A client signed in as the demo clinician. */
  public Api(int port) {
    this(port, "clinician");
  }

  /**
   * A client signed in as one of the demo users (clinician, analyst, auditor, admin), or anonymous
   * (null).
   */
  public Api(int port, String demoUser) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
    this.authorization =
        demoUser == null
            ? null
            : "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        (demoUser + ":" + demoUser + "-demo")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public int port() {
    return port;
  }

  /** The same server, another demo user (null = anonymous). */
  public Api as(String demoUser) {
    return new Api(port, demoUser);
  }

  public Response send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (body != null && !typed) {
      b.header("Content-Type", "application/json");
    }
    return send(withHeaders(b, headers).build());
  }

  private HttpRequest.Builder withHeaders(HttpRequest.Builder b, String... headers) {
    boolean explicitAuth = false;
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      explicitAuth |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (authorization != null && !explicitAuth) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  public record Response(int status, java.net.http.HttpHeaders headers, JsonNode body, String raw) {
    public String text(String field) {
      JsonNode n = body.get(field);
      return n == null || n.isNull() ? null : n.asText();
    }

    public UUID id(String field) {
      return UUID.fromString(text(field));
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response post(String path, Object body, String... headers) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json));
      return send(withHeaders(b, headers).build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
    return send(withHeaders(b, headers).build());
  }

  /** A binary answer (a zip, say): its status, headers and bytes. */
  public record Download(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public Download download(String path) {
    HttpRequest request =
        withHeaders(
                HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .GET())
            .build();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Download(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body() == null || r.body().isBlank() ? JSON.nullNode() : parse(r.body());
      return new Response(r.statusCode(), r.headers(), body, r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  public static ObjectNode json(Object... keyValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
    }
    return node;
  }

  public static Map<String, Object> placement(
      String ward, boolean outOfArea, String reason, Integer km) {
    var m = new java.util.LinkedHashMap<String, Object>();
    m.put("ward", ward);
    m.put("bedType", "200");
    m.put("wardSecurityLevel", "0");
    m.put("provider", outOfArea ? "NQX" : "RXX");
    m.put("locality", outOfArea ? "FAR" : "NORTH");
    m.put("outOfArea", outOfArea);
    m.put("oapReason", reason);
    m.put("distanceFromHomeKm", km);
    return m;
  }

  private static final java.util.concurrent.atomic.AtomicLong NEXT_NHS =
      new java.util.concurrent.atomic.AtomicLong(Math.abs(System.nanoTime() % 400_000_000L));

  /**
   * A fresh valid NHS number, never the same twice in one JVM (modulus-11 check digit; 10 skipped).
   */
  /** An attended telephone contact on 30 March 2025 (the id left to the server). */
  public static ObjectNode attendedContact() {
    return json("occurredAt", "2025-03-30T10:00:00Z", "attended", true, "contactMedium", "02");
  }

  /** A registration body for a new test person (a fresh NHS number each time). */
  public static ObjectNode registration() {
    return json(
        "nhsNumber", nhsNumber(),
        "givenName", "Test",
        "familyName", "Person",
        "dateOfBirth", "1980-05-01",
        "postcode", "LS1 4AP",
        "homeLocality", "NORTH",
        "communityTeam", "CMHT-N",
        "occurredAt", "2025-01-10T09:00:00Z");
  }

  public static String nhsNumber() {
    while (true) {
      String nine = String.format("%09d", 400000000L + (NEXT_NHS.getAndIncrement() % 500000000L));
      int check = org.pathway.domain.serviceuser.NhsNumber.checkDigit(nine);
      if (check >= 0) {
        return nine + check;
      }
    }
  }
}
