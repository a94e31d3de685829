package org.pathway.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PseudonymsTest {
  private static final String KEY = "a test key, not a real one";

  private final Pseudonyms pseudonyms =
      new Pseudonyms(
          KEY,
          Path.of("unused"),
          new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://x/y"));

  private static String expected(UUID id) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal(id.toString().getBytes(StandardCharsets.UTF_8));
    return "p_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
  }

  @Test
  void a_pseudonym_is_the_keyed_hmac_of_the_id_every_time_on_every_thread() throws Exception {
    List<UUID> ids = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
    ConcurrentHashMap<UUID, String> seen = new ConcurrentHashMap<>();
    ids.parallelStream()
        .forEach(
            id -> {
              String p = pseudonyms.of(id);
              assertThat(pseudonyms.of(id)).isEqualTo(p);
              seen.put(id, p);
            });
    for (UUID id : ids) {
      assertThat(seen.get(id)).isEqualTo(expected(id)).hasSize(24);
    }
    assertThat(seen.values()).doesNotHaveDuplicates();
  }
}
