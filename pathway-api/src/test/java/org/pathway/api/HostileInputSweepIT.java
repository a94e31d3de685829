package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A hostile-input sweep generated from the application's own OpenAPI description: for every
 * operation, requests built from its schema and then broken one way at a time — each property given
 * the wrong JSON type, a blank or malformed id, an impossible date, an unknown enum value, left out
 * when required; the whole body duplicated-keyed, truncated, trailed by garbage, invalid UTF-8, too
 * large, of the wrong media type; path ids malformed; query parameters malformed. Every answer must
 * be a client error (never 5xx) carrying an {@code application/problem+json} body with a {@code
 * code}; no write may succeed; and the event store's fingerprint must be the same at the end.
 */
class HostileInputSweepIT extends ApiTestBase {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Duration BUDGET = Duration.ofSeconds(120);

  private JsonNode spec;
  private final Map<String, String> pathValues = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private int sent;

  @Test
  void no_malformed_request_is_stored_or_answered_with_a_5xx() throws Exception {
    spec = Api.JSON.readTree(api.as(null).get("/v3/api-docs").raw());
    fixtures();
    awaitProjection();
    String before = storeFingerprint();
    Instant deadline = Instant.now().plus(BUDGET);
    Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
    while (paths.hasNext() && Instant.now().isBefore(deadline)) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        sweep(op.getKey().toUpperCase(), path.getKey(), op.getValue());
      }
    }
    importLines();
    awaitProjection();
    assertThat(failures).as(failures.size() + " of " + sent + " requests").isEmpty();
    assertThat(sent).as("requests sent").isGreaterThan(2000);
    assertThat(storeFingerprint()).as("event store unchanged").isEqualTo(before);
  }

  // --- a journey whose ids fill the paths, so that broken bodies reach the rules behind them
  // -------------------------------------------------------------------------------------------

  private void fixtures() {
    UUID[] ids = registerWithReferral();
    UUID su = ids[0];
    UUID spell = admit(su, ids[1], "2025-03-02T10:00:00Z");
    String base = "/service-users/" + su;
    UUID leave =
        api.post(
                base + "/spells/" + spell + "/leaves",
                Api.json("occurredAt", "2025-03-05T10:00:00Z", "leaveType", "HOME_LEAVE"))
            .id("factId");
    UUID delay =
        api.post(
                base + "/spells/" + spell + "/delays",
                Api.json(
                    "occurredAt",
                    "2025-03-06T10:00:00Z",
                    "delayReason",
                    "14",
                    "attributableTo",
                    "05"))
            .id("factId");
    UUID placement =
        api.post(
                base + "/step-down-placements",
                Api.json("occurredAt", "2025-02-01T10:00:00Z", "scheme", "S1", "provider", "H1"))
            .id("factId");
    UUID contact = contact(su, "2025-02-10T10:00:00Z", "02");
    pathValues.put("serviceUserId", su.toString());
    pathValues.put("spellId", spell.toString());
    pathValues.put("leaveId", leave.toString());
    pathValues.put("delayId", delay.toString());
    pathValues.put("referralId", ids[1].toString());
    pathValues.put("placementId", placement.toString());
    pathValues.put("targetFactId", contact.toString());
    pathValues.put("factId", contact.toString());
    pathValues.put("importId", UUID.randomUUID().toString());
    pathValues.put("metric", "length-of-stay");
  }

  // --- one operation
  // -------------------------------------------------------------------------------------------

  private void sweep(String method, String template, JsonNode op) {
    String user = userFor(method, template);
    String path = fill(template, null, null);
    JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
    if (!body.isMissingNode()) {
      JsonNode schema = resolve(body);
      ObjectNode valid = example(schema);
      for (ObjectNode broken : brokenBodies(schema, valid)) {
        write(user, method, path, broken.toString());
        // and through the idempotency path: the key is claimed, then rolled back with the rest
        write(
            user, method, path, broken.toString(), "Idempotency-Key", UUID.randomUUID().toString());
      }
      for (byte[] raw : brokenDocuments(valid)) {
        writeRaw(user, path, "application/json", raw);
      }
      writeRaw(user, path, "text/plain", valid.toString().getBytes(StandardCharsets.UTF_8));
      writeRaw(user, path, "multipart/form-data", "x".getBytes(StandardCharsets.UTF_8));
      write(user, method, path, valid.toString(), "If-Match", "\"not-a-version\"");
      write(user, method, path, valid.toString(), "Idempotency-Key", "k".repeat(300));
      for (JsonNode p : op.path("parameters")) {
        if ("path".equals(p.path("in").asText())) {
          for (String bad : List.of("not-a-uuid", "%20", "1", UUID.randomUUID() + "x")) {
            write(user, method, fill(template, p.path("name").asText(), bad), valid.toString());
          }
        }
      }
    } else if ("GET".equals(method)) {
      for (JsonNode p : op.path("parameters")) {
        String name = p.path("name").asText();
        if ("query".equals(p.path("in").asText())) {
          for (String bad :
              List.of("2025-13-45", "x'%22", "-1", "99999999999999999999", "%00", "T")) {
            read(user, path + "?" + name + "=" + bad);
          }
        } else if ("path".equals(p.path("in").asText())) {
          read(user, fill(template, name, "not-a-uuid"));
        }
      }
    }
  }

  private String fill(String template, String brokenName, String brokenValue) {
    String path = template;
    for (Map.Entry<String, String> e : pathValues.entrySet()) {
      String value = e.getKey().equals(brokenName) ? brokenValue : e.getValue();
      path = path.replace("{" + e.getKey() + "}", value);
    }
    return path;
  }

  private static String userFor(String method, String path) {
    if (path.startsWith("/admin")) {
      return "admin";
    }
    if (path.startsWith("/audit")) {
      return "auditor";
    }
    if (path.startsWith("/metrics") || path.equals("/data-quality")) {
      return "analyst";
    }
    return "clinician";
  }

  // --- bodies
  // -------------------------------------------------------------------------------------------

  private JsonNode resolve(JsonNode schema) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
      return spec.path("components").path("schemas").path(name);
    }
    return schema;
  }

  /** A plausible value for each property, by name and format. */
  private ObjectNode example(JsonNode schema) {
    ObjectNode o = NODES.objectNode();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode value = exampleValue(e.getKey(), resolve(e.getValue()));
              if (value != null) {
                o.set(e.getKey(), value);
              }
            });
    return o;
  }

  private JsonNode exampleValue(String name, JsonNode schema) {
    if (schema.has("enum")) {
      return NODES.textNode(schema.get("enum").get(0).asText());
    }
    String type = schema.path("type").asText();
    String format = schema.path("format").asText();
    if ("object".equals(type) || schema.has("properties")) {
      return schema.has("properties") ? example(schema) : NODES.objectNode();
    }
    if ("boolean".equals(type)) {
      return NODES.booleanNode(true);
    }
    if ("integer".equals(type) || "number".equals(type)) {
      return NODES.numberNode(3);
    }
    if ("uuid".equals(format)) {
      return name.equals("referralId")
          ? NODES.textNode(pathValues.get("referralId"))
          : name.equals("factId") ? null : NODES.textNode(pathValues.get("spellId"));
    }
    if ("date-time".equals(format)) {
      return NODES.textNode("2025-03-07T10:00:00Z");
    }
    if ("date".equals(format)) {
      return NODES.textNode("1980-05-01");
    }
    return NODES.textNode(
        switch (name) {
          case "admissionMethod" -> "21";
          case "admissionSource", "dischargeDestination" -> "19";
          case "legalStatus", "primaryReason" -> "01";
          case "bedType" -> "200";
          case "wardSecurityLevel" -> "0";
          case "dischargeMethod" -> "1";
          case "delayReason" -> "14";
          case "attributableTo" -> "05";
          case "contactMedium" -> "02";
          case "settledIndicator" -> "Y";
          case "accommodationType" -> "02";
          case "sourceOfReferral" -> "A1";
          case "teamTypeReferredTo" -> "A02";
          case "nhsNumber" -> "not a number";
          default -> "X1";
        });
  }

  /** The valid body broken in one property at a time, plus a few whole-body breaks. */
  private List<ObjectNode> brokenBodies(JsonNode schema, ObjectNode valid) {
    List<ObjectNode> broken = new ArrayList<>();
    JsonNode properties = schema.path("properties");
    properties
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode prop = resolve(e.getValue());
              for (JsonNode wrong : wrongValues(prop)) {
                ObjectNode b = valid.deepCopy();
                b.set(e.getKey(), wrong);
                broken.add(b);
              }
              if (prop.has("properties") && valid.get(e.getKey()) instanceof ObjectNode nested) {
                for (ObjectNode n : brokenBodies(prop, nested)) {
                  ObjectNode b = valid.deepCopy();
                  b.set(e.getKey(), n);
                  broken.add(b);
                }
              }
            });
    for (JsonNode required : schema.path("required")) {
      ObjectNode b = valid.deepCopy();
      b.remove(required.asText());
      broken.add(b);
      ObjectNode n = valid.deepCopy();
      n.putNull(required.asText());
      broken.add(n);
    }
    ObjectNode unknown = valid.deepCopy();
    unknown.put("noSuchField", "x");
    broken.add(unknown);
    return broken;
  }

  /** Values of the wrong type or shape for a property of this schema. */
  private static List<JsonNode> wrongValues(JsonNode prop) {
    List<JsonNode> wrong = new ArrayList<>();
    String type = prop.path("type").asText();
    String format = prop.path("format").asText();
    ArrayNode array = NODES.arrayNode().add("x");
    if (prop.has("properties") || "object".equals(type)) {
      wrong.add(NODES.textNode("x"));
      wrong.add(NODES.numberNode(7));
      wrong.add(array);
      return wrong;
    }
    switch (type) {
      case "boolean" -> {
        wrong.add(NODES.textNode("yes"));
        wrong.add(NODES.textNode("true"));
        wrong.add(NODES.numberNode(1));
      }
      case "integer", "number" -> {
        wrong.add(NODES.textNode("12"));
        wrong.add(NODES.numberNode(1.5));
        wrong.add(NODES.booleanNode(true));
        wrong.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
      }
      default -> {
        wrong.add(NODES.numberNode(7));
        wrong.add(NODES.booleanNode(false));
        wrong.add(NODES.objectNode().put("a", 1));
        wrong.add(array);
        if ("uuid".equals(format)) {
          wrong.add(NODES.textNode("   "));
          wrong.add(NODES.textNode(""));
          wrong.add(NODES.textNode("not-a-uuid"));
        } else if ("date-time".equals(format)) {
          wrong.add(NODES.textNode("2025-13-45T99:00:00Z"));
          wrong.add(NODES.textNode("2025-03-07"));
          wrong.add(NODES.textNode("9999-01-01T00:00:00Z"));
          wrong.add(NODES.textNode(""));
        } else if ("date".equals(format)) {
          wrong.add(NODES.textNode("2025-02-30"));
          wrong.add(NODES.textNode(""));
        } else if (prop.has("enum")) {
          wrong.add(NODES.textNode("NOT_A_VALUE"));
          wrong.add(NODES.textNode(""));
        } else {
          wrong.add(NODES.textNode("\u0000\uFFFF<script>"));
        }
      }
    }
    return wrong;
  }

  /** Documents that are not one JSON object in UTF-8. */
  private static List<byte[]> brokenDocuments(ObjectNode valid) {
    String json = valid.toString();
    List<byte[]> docs = new ArrayList<>();
    String firstKey = valid.fieldNames().hasNext() ? valid.fieldNames().next() : "x";
    for (String s :
        List.of(
            json.substring(0, json.length() / 2),
            json + "}",
            json + " garbage",
            json + json,
            "[" + json + "]",
            "null",
            "\"text\"",
            "",
            "{\"" + firstKey + "\": 1, " + json.substring(1),
            json.substring(0, json.length() - 1) + ", \"" + firstKey + "\": [1]}",
            "{" + "\"a\":{".repeat(2000) + "}".repeat(2001))) {
      docs.add(s.getBytes(StandardCharsets.UTF_8));
    }
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    byte[] overlong = java.util.Arrays.copyOf(utf8, utf8.length + 1);
    int quote = json.lastIndexOf('"');
    System.arraycopy(utf8, quote, overlong, quote + 1, utf8.length - quote);
    overlong[quote - 1] = (byte) 0xC0;
    overlong[quote] = (byte) 0xAF;
    docs.add(overlong);
    byte[] big = new byte[1_100_000];
    java.util.Arrays.fill(big, (byte) ' ');
    System.arraycopy(utf8, 0, big, 0, utf8.length);
    docs.add(big);
    return docs;
  }

  // --- sending and judging
  // -------------------------------------------------------------------------------------------

  private void write(String user, String method, String path, String body, String... headers) {
    Api.Response r;
    try {
      r = api.as(user).send(method, path, body, headers);
    } catch (IllegalArgumentException invalidUri) {
      return; // the client itself refuses to send it
    }
    judge(
        method + " " + path + " " + abbreviate(body),
        r.status(),
        r.header("Content-Type"),
        r.raw(),
        true);
  }

  private void writeRaw(String user, String path, String contentType, byte[] body) {
    try {
      String auth =
          java.util.Base64.getEncoder()
              .encodeToString((user + ":" + user + "-demo").getBytes(StandardCharsets.UTF_8));
      RawHttp.Answer a = RawHttp.sendAs(port, auth, "POST", path, contentType, body);
      judge(
          "POST " + path + " [" + contentType + ", " + body.length + " bytes]",
          a.status(),
          a.header("Content-Type"),
          a.body(),
          true);
    } catch (java.io.IOException e) {
      failures.add("POST " + path + ": " + e);
    }
  }

  private void read(String user, String path) {
    Api.Response r;
    try {
      r = api.as(user).get(path);
    } catch (IllegalArgumentException invalidUri) {
      return;
    }
    judge("GET " + path, r.status(), r.header("Content-Type"), r.raw(), false);
  }

  private void judge(String request, int status, String contentType, String body, boolean write) {
    sent++;
    if (status >= 500) {
      failures.add(status + " for " + request + ": " + abbreviate(body));
    } else if (write && status < 300) {
      failures.add("accepted " + status + ": " + request);
    } else if (status >= 400
        && (contentType == null
            || !contentType.startsWith("application/problem+json")
            || body == null
            || !body.contains("\"code\""))) {
      failures.add("not a problem with a code (" + status + ", " + contentType + "): " + request);
    } else if (status >= 400) {
      // RFC 9457: the problem's status member is the response's status
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"status\"\\s*:\\s*(\\d+)").matcher(body);
      if (m.find() && Integer.parseInt(m.group(1)) != status) {
        failures.add("a " + status + " whose problem says status " + m.group(1) + ": " + request);
      }
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }

  // --- bulk import: every line broken
  // -------------------------------------------------------------------------------------------

  private void importLines() throws java.io.IOException {
    String su = pathValues.get("serviceUserId");
    StringBuilder ndjson = new StringBuilder();
    ndjson.append("not json\n");
    ndjson.append("{\"command\": \"RecordCommunityContact\"}\n");
    ndjson.append("{\"command\": \"Nope\", \"idempotencyKey\": \"h1\"}\n");
    ndjson.append(
        "{\"command\": \"RecordCommunityContact\", \"idempotencyKey\": \"h2\", \"serviceUserId\": \""
            + su
            + "\", \"factId\": \""
            + UUID.randomUUID()
            + "\", \"occurredAt\": \"2025-03-30T10:00:00Z\", \"attended\": \"yes\","
            + " \"contactMedium\": \"02\"}\n");
    ndjson.append(
        "{\"command\": \"RecordCommunityContact\", \"idempotencyKey\": \"h3\", \"serviceUserId\": \""
            + su
            + "\", \"factId\": \"   \", \"occurredAt\": \"2025-03-30T10:00:00Z\", \"attended\":"
            + " true, \"contactMedium\": \"02\"} trailing\n");
    ndjson.append("[1, 2]\n");
    byte[] text = ndjson.toString().getBytes(StandardCharsets.UTF_8);
    byte[] withBadLine = java.util.Arrays.copyOf(text, text.length + 4);
    withBadLine[text.length] = (byte) 0xC0;
    withBadLine[text.length + 1] = (byte) 0xAF;
    withBadLine[text.length + 2] = '{';
    withBadLine[text.length + 3] = '\n';
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString("clinician:clinician-demo".getBytes(StandardCharsets.UTF_8));
    RawHttp.Answer a =
        RawHttp.sendAs(port, auth, "POST", "/imports", "application/x-ndjson", withBadLine);
    sent++;
    if (a.status() != 200) {
      failures.add("import answered " + a.status() + ": " + abbreviate(a.body()));
      return;
    }
    long rejected = a.body().lines().filter(l -> l.contains("\"outcome\":\"rejected\"")).count();
    if (rejected != 7 || !a.body().contains("\"FINISHED\"")) {
      failures.add("import: expected 7 rejected lines and FINISHED: " + a.head() + "\n" + a.body());
    }
  }
}
