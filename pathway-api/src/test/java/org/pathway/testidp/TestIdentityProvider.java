package org.pathway.testidp;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The tests' OpenID Connect provider: Spring Authorization Server in its own application context on
 * its own port (outside the application's packages, reading none of its configuration), with
 * Pathway's pages registered as a client and users whose ID tokens carry their Pathway role in
 * {@link #ROLE_CLAIM}. The browser signs in at its own sign-in form, as at a trust's provider.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  ServletWebServerFactoryAutoConfiguration.class,
  DispatcherServletAutoConfiguration.class,
  WebMvcAutoConfiguration.class,
  HttpMessageConvertersAutoConfiguration.class,
  JacksonAutoConfiguration.class,
  SecurityAutoConfiguration.class,
  SecurityFilterAutoConfiguration.class,
  OAuth2AuthorizationServerAutoConfiguration.class,
  OAuth2AuthorizationServerJwtAutoConfiguration.class
})
public class TestIdentityProvider {
  public static final String CLIENT_ID = "pathway-pages";
  public static final String CLIENT_SECRET = "pages-secret";
  public static final String ROLE_CLAIM = "pathway_roles";

  /** The provider's users: name → password and the role names their tokens carry. */
  public static final Map<String, List<String>> USERS =
      Map.of("ward.nurse", List.of("clinician"), "ana.lyst", List.of("analyst"));

  public static String password(String user) {
    return user + "-at-the-idp";
  }

  private static volatile ServletWebServerApplicationContext running;

  /** Starts the provider once per JVM; its issuer is {@code http://127.0.0.1:<port>}. */
  public static synchronized String issuer() {
    if (running == null) {
      String client = "spring.security.oauth2.authorizationserver.client.pathway.";
      running =
          (ServletWebServerApplicationContext)
              new SpringApplicationBuilder(TestIdentityProvider.class)
                  .properties(
                      "spring.config.name=pathway-test-idp",
                      "spring.main.banner-mode=off",
                      "server.port=0",
                      "server.address=127.0.0.1",
                      // the pages' session cookie lives on the same host: a name of its own
                      "server.servlet.session.cookie.name=PATHWAY_TEST_IDP",
                      client + "registration.client-id=" + CLIENT_ID,
                      client + "registration.client-secret={noop}" + CLIENT_SECRET,
                      client + "registration.client-authentication-methods=client_secret_basic",
                      client + "registration.authorization-grant-types=authorization_code",
                      // a loopback redirect: any port matches (RFC 8252 7.3)
                      client
                          + "registration.redirect-uris=http://127.0.0.1/ui/login/oauth2/code/idp",
                      client + "registration.scopes=openid,profile",
                      client + "require-authorization-consent=false")
                  .run();
    }
    return "http://127.0.0.1:" + running.getWebServer().getPort();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        USERS.keySet().stream()
            .map(u -> User.withUsername(u).password("{noop}" + password(u)).roles("USER").build())
            .toList());
  }

  /** The ID token names the user and carries their Pathway roles. */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> pathwayRoles() {
    return context -> {
      if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
        String user = context.getPrincipal().getName();
        context.getClaims().claim("preferred_username", user);
        context.getClaims().claim(ROLE_CLAIM, USERS.getOrDefault(user, List.of()));
      }
    };
  }
}
