package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens from the identity provider: the configured role claim decides the role; bad tokens are
 * 401.
 */
class JwtIT extends ApiTestBase {

  private static String token(PrivateKey key, String user, Object roles, Instant expires)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.RS256),
            new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", user)
                .claim("pathway_roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void a_clinician_token_records_facts_under_the_token_user() throws Exception {
    UUID su = register();
    String t =
        token(
            IDP_KEY.getPrivate(), "dr.jones", List.of("clinician"), Instant.now().plusSeconds(300));
    Api.Response r =
        api.post(
            "/service-users/" + su + "/community-contacts",
            Api.json("occurredAt", "2025-03-03T10:00:00Z", "attended", true, "contactMedium", "01"),
            "Authorization",
            "Bearer " + t);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    Api.Response fact = api.get("/service-users/" + su + "/facts/" + r.id("factId"));
    assertThat(fact.text("recordedBy")).isEqualTo("dr.jones");
  }

  @Test
  void the_role_claim_decides_and_bad_tokens_are_401() throws Exception {
    String analyst =
        token(IDP_KEY.getPrivate(), "ana", "ROLE_ANALYST", Instant.now().plusSeconds(300));
    assertThat(api.get("/metrics", "Authorization", "Bearer " + analyst).status()).isEqualTo(200);
    assertThat(api.get("/audit/chain/head", "Authorization", "Bearer " + analyst).status())
        .isEqualTo(403);
    String nobody =
        token(IDP_KEY.getPrivate(), "x", List.of("superuser"), Instant.now().plusSeconds(300));
    assertThat(api.get("/metrics", "Authorization", "Bearer " + nobody).status()).isEqualTo(403);
    String expired = token(IDP_KEY.getPrivate(), "ana", "analyst", Instant.now().minusSeconds(300));
    assertThat(api.get("/metrics", "Authorization", "Bearer " + expired).status()).isEqualTo(401);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair other = g.generateKeyPair();
    String forged = token(other.getPrivate(), "ana", "analyst", Instant.now().plusSeconds(300));
    Api.Response r = api.get("/metrics", "Authorization", "Bearer " + forged);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text("code")).isEqualTo("UNAUTHENTICATED");
  }
}
