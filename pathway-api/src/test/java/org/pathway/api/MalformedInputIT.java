package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Each malformed input the hostile sweep of issue 8 found stored or answered 500: now a problem
 * detail with a code (and a field where one is to blame), and the event store unchanged.
 */
class MalformedInputIT extends ApiTestBase {

  private static final String CONTACT =
      "{\"occurredAt\": \"2025-03-30T10:00:00Z\", \"attended\": true, \"contactMedium\": \"02\"";

  private void refused(RawHttp.Answer a, int status, String code) {
    assertThat(a.status()).as(a.head() + "\n" + a.body()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith("application/problem+json");
    assertThat(a.body()).contains("\"code\":\"" + code + "\"");
  }

  private RawHttp.Answer post(String path, String contentType, byte[] body) throws Exception {
    return RawHttp.send(port, "POST", path, contentType, body);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void malformed_json_bodies_are_refused_and_nothing_is_stored() throws Exception {
    UUID su = register();
    String path = "/service-users/" + su + "/community-contacts";
    String before = storeFingerprint();
    String json = "application/json";
    // a key sent twice, the second time with a wrong type
    refused(post(path, json, utf8(CONTACT + ", \"contactMedium\": 5}")), 400, "MALFORMED_REQUEST");
    // a blank id
    refused(post(path, json, utf8(CONTACT + ", \"factId\": \"   \"}")), 400, "MALFORMED_REQUEST");
    // a number, a boolean where a string belongs; a string where a boolean belongs
    refused(
        post(
            "/service-users/" + su + "/referrals",
            json,
            utf8(
                "{\"occurredAt\": \"2025-03-01T10:00:00Z\", \"sourceOfReferral\": \"A1\","
                    + " \"teamTypeReferredTo\": \"A02\", \"priority\": \"URGENT\", \"primaryReason\": 18}")),
        400,
        "MALFORMED_REQUEST");
    refused(
        post(
            path,
            json,
            utf8(
                "{\"occurredAt\": \"2025-03-30T10:00:00Z\", \"attended\": \"true\","
                    + " \"contactMedium\": \"02\"}")),
        400,
        "MALFORMED_REQUEST");
    // trailing garbage, a second document
    refused(post(path, json, utf8(CONTACT + "} xyz")), 400, "MALFORMED_REQUEST");
    refused(post(path, json, utf8(CONTACT + "} {}")), 400, "MALFORMED_REQUEST");
    // overlong UTF-8 ('/' as C0 AF) and a lone continuation byte
    byte[] overlong = utf8(CONTACT + ", \"factId\": \"X\"}");
    int x = new String(overlong, StandardCharsets.ISO_8859_1).indexOf('X');
    byte[] bad = new byte[overlong.length + 1];
    System.arraycopy(overlong, 0, bad, 0, x);
    bad[x] = (byte) 0xC0;
    bad[x + 1] = (byte) 0xAF;
    System.arraycopy(overlong, x + 1, bad, x + 2, overlong.length - x - 1);
    refused(post(path, json, bad), 400, "MALFORMED_REQUEST");
    byte[] lone = utf8(CONTACT + "}");
    lone[lone.length - 4] = (byte) 0x80;
    refused(post(path, json, lone), 400, "MALFORMED_REQUEST");
    // a charset other than UTF-8
    refused(
        post(path, "application/json; charset=ISO-8859-1", utf8(CONTACT + "}")),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    // multipart without a boundary; a type no endpoint takes
    refused(post(path, "multipart/form-data", utf8("x")), 415, "UNSUPPORTED_MEDIA_TYPE");
    refused(post(path, "text/xml", utf8("<x/>")), 415, "UNSUPPORTED_MEDIA_TYPE");
    // no body
    refused(post(path, json, new byte[0]), 400, "MALFORMED_REQUEST");
    assertThat(storeFingerprint()).isEqualTo(before);
  }

  @Test
  void a_body_over_the_limit_is_a_413_declared_or_not() throws Exception {
    UUID su = register();
    String path = "/service-users/" + su + "/community-contacts";
    String before = storeFingerprint();
    byte[] padded = utf8(CONTACT + "}" + " ".repeat(2 * 1024 * 1024));
    refused(post(path, "application/json", padded), 413, "PAYLOAD_TOO_LARGE");
    // chunked: no Content-Length, counted as read
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> chunked =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString("clinician:clinician-demo".getBytes()))
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(padded)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).contains("PAYLOAD_TOO_LARGE");
    assertThat(storeFingerprint()).isEqualTo(before);
  }

  @Test
  void container_and_framework_errors_are_problems_with_a_code() throws Exception {
    UUID su = register();
    // refused by Tomcat before the application: bad percent-encoding in the target
    refused(
        RawHttp.send(port, "GET", "/service-users/%zz/timeline", null, null),
        400,
        "MALFORMED_REQUEST");
    // not acceptable: a CSV Accept on a JSON-only resource still gets its problem
    Api.Response notAcceptable =
        api.get("/service-users/" + su + "/timeline", "Accept", "text/csv");
    assertThat(notAcceptable.status()).isEqualTo(406);
    assertThat(notAcceptable.header("Content-Type")).startsWith("application/problem+json");
    assertThat(notAcceptable.text("code")).isEqualTo("NOT_ACCEPTABLE");
    Api.Response wrongMethod = api.send("PUT", "/service-users/" + su + "/timeline", "{}");
    assertThat(wrongMethod.status()).isIn(403, 405);
    assertThat(wrongMethod.text("code")).isNotBlank();
    Api.Response unknown = api.get("/service-users/" + su + "/no-such-thing");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("code")).isNotBlank();
  }

  @Test
  void concurrent_writers_on_one_journey_without_if_match_never_get_a_500() throws Exception {
    UUID su = register();
    long before = eventCount(su);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      answers.add(
          pool.submit(
              () ->
                  new Api(port)
                      .post("/service-users/" + su + "/community-contacts", Api.attendedContact())
                      .status()));
    }
    int created = 0;
    for (Future<Integer> f : answers) {
      int status = f.get();
      assertThat(status).isIn(201, 409);
      created += status == 201 ? 1 : 0;
    }
    pool.shutdown();
    assertThat(eventCount(su) - before).isEqualTo(created);
    // the losers' rolled-back appends left gaps in the global index; the sealer closes them as
    // soon as their transactions are known to have ended, not one grace period (10 s) after another
    long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    long gaps =
        jdbc.queryForObject(
            "SELECT ? - count(*) FROM domain_event_entry WHERE global_index <= ?",
            Long.class,
            head,
            head);
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(4);
    Long sealed = null;
    while (java.time.Instant.now().isBefore(deadline)) {
      sealed = jdbc.queryForObject("SELECT max(global_index) FROM event_seal", Long.class);
      if (sealed != null && sealed >= head) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(sealed).as("sealed within 4 s of the burst, past " + gaps + " gaps").isEqualTo(head);
  }
}
