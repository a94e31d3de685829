package org.pathway.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in. {@code users}: local users (name, password hash as {@code {bcrypt}…}, role), for
 * installations without an identity provider. {@code demoUsers}: the documented demo logins, used
 * only with the embedded database and never when an external one is configured. {@code jwt}: the
 * trust's identity provider for the API's bearer tokens. {@code oidc}: the pages' sign-in through
 * that identity provider. {@code scrapeToken}: a bearer token for {@code /actuator/prometheus}
 * only.
 */
@ConfigurationProperties("pathway.security")
public record SecurityProperties(
    List<LocalUser> users, List<LocalUser> demoUsers, Jwt jwt, Oidc oidc, String scrapeToken) {

  public SecurityProperties {
    users = users == null ? List.of() : users;
    demoUsers = demoUsers == null ? List.of() : demoUsers;
    jwt = jwt == null ? new Jwt(null, null, null, "roles") : jwt;
    oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
  }

  /** A local user; {@code password} is a Spring Security encoded password. */
  public record LocalUser(String name, String password, Role role) {}

  /**
   * @param issuerUri the OIDC issuer (its JWK set is discovered from it)
   * @param jwkSetUri or the JWK set directly
   * @param publicKey or one RSA public key (PEM, X.509 SubjectPublicKeyInfo)
   * @param roleClaim the claim holding the user's role(s): a string or a list of strings
   */
  public record Jwt(String issuerUri, String jwkSetUri, String publicKey, String roleClaim) {
    public boolean configured() {
      return notBlank(issuerUri) || notBlank(jwkSetUri) || notBlank(publicKey);
    }

    private static boolean notBlank(String s) {
      return s != null && !s.isBlank();
    }
  }

  /**
   * Signing in to the pages through the identity provider (OpenID Connect authorization code flow;
   * the role from {@link Jwt#roleClaim()} of the ID token or user info, the user name from {@code
   * preferred_username}, else {@code sub}).
   *
   * @param issuerUri the OpenID provider (its endpoints are discovered from it at start-up); when
   *     blank, {@link Jwt#issuerUri()}
   * @param clientId Pathway's client id at the provider
   * @param clientSecret and its secret
   * @param name what the sign-in page calls the provider ("Sign in with …")
   */
  public record Oidc(String issuerUri, String clientId, String clientSecret, String name) {
    public boolean configured() {
      return clientId != null && !clientId.isBlank();
    }
  }
}
