package org.pathway.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in. {@code users}: local users (name, password hash as {@code {bcrypt}…}, role), for
 * installations without an identity provider. {@code demoUsers}: the documented demo logins, used
 * only with the embedded database and never when an external one is configured. {@code jwt}: the
 * trust's identity provider.
 */
@ConfigurationProperties("pathway.security")
public record SecurityProperties(List<LocalUser> users, List<LocalUser> demoUsers, Jwt jwt) {

  public SecurityProperties {
    users = users == null ? List.of() : users;
    demoUsers = demoUsers == null ? List.of() : demoUsers;
    jwt = jwt == null ? new Jwt(null, null, null, "roles") : jwt;
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
}
