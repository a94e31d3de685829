package org.pathway.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security on every endpoint: the role × endpoint matrix of docs/security.md, stateless,
 * with JWTs from the trust's identity provider and/or local users over HTTP Basic. Unauthenticated
 * requests get 401 and forbidden ones 403, both as problem details.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  private static final String CLINICIAN = Role.CLINICIAN.name();
  private static final String ANALYST = Role.ANALYST.name();
  private static final String AUDITOR = Role.AUDITOR.name();
  private static final String ADMIN = Role.ADMIN.name();

  /**
   * The pages under {@code /ui} (docs/pages.md): the same users and roles as the API, signed in by
   * a form into a session cookie (so CSRF protection is on for its one form post, sign-out), or
   * through the identity provider when {@code pathway.security.oidc} names Pathway's client there;
   * checked before the API's stateless chain. Reading a journey is access-logged like the API's
   * reads.
   */
  @Bean
  @org.springframework.core.annotation.Order(1)
  SecurityFilterChain pages(
      HttpSecurity http, UserDetailsService users, SecurityProperties properties) throws Exception {
    http.securityMatcher("/ui", "/ui/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/ui/assets/**", "/ui/login")
                    .permitAll()
                    .requestMatchers("/ui/service-users", "/ui/service-users/**")
                    .hasAnyRole(CLINICIAN, AUDITOR)
                    .requestMatchers("/ui/overview", "/ui/metrics/**")
                    .hasAnyRole(ANALYST, AUDITOR)
                    .requestMatchers("/ui", "/ui/rebuild")
                    .authenticated()
                    .anyRequest()
                    .denyAll())
        .formLogin(
            f ->
                f.loginPage("/ui/login")
                    .loginProcessingUrl("/ui/login")
                    .defaultSuccessUrl("/ui", true)
                    .failureUrl("/ui/login?error")
                    .permitAll())
        .logout(l -> l.logoutUrl("/ui/logout").logoutSuccessUrl("/ui/login?signedOut"))
        .headers(
            h ->
                h.contentSecurityPolicy(
                    c ->
                        c.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; style-src 'self'"
                                + " 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")))
        .userDetailsService(users);
    if (properties.oidc().configured()) {
      SecurityProperties.Oidc oidc = properties.oidc();
      String issuer =
          oidc.issuerUri() != null && !oidc.issuerUri().isBlank()
              ? oidc.issuerUri()
              : properties.jwt().issuerUri();
      http.oauth2Login(
          o ->
              o.loginPage("/ui/login")
                  .clientRegistrationRepository(
                      new InMemoryClientRegistrationRepository(
                          ClientRegistrations.fromIssuerLocation(issuer)
                              .registrationId(OIDC_REGISTRATION)
                              .clientId(oidc.clientId())
                              .clientSecret(oidc.clientSecret())
                              .scope("openid", "profile")
                              .redirectUri("{baseUrl}/ui/login/oauth2/code/{registrationId}")
                              .build()))
                  .authorizationEndpoint(a -> a.baseUri("/ui/oauth2/authorization"))
                  .redirectionEndpoint(r -> r.baseUri("/ui/login/oauth2/code/*"))
                  .userInfoEndpoint(u -> u.oidcUserService(oidcUsers(properties.jwt().roleClaim())))
                  .defaultSuccessUrl("/ui", true)
                  .failureUrl("/ui/login?error"));
      log.info("Pages sign in through the identity provider {} as well", issuer);
    }
    return http.build();
  }

  /**
   * The registration id of the identity provider: its sign-in starts at {@code
   * /ui/oauth2/authorization/idp}.
   */
  public static final String OIDC_REGISTRATION = "idp";

  /**
   * The signed-in user of the identity provider, with the Pathway roles of the configured claim (ID
   * token or user info) and named by {@code preferred_username}, else {@code sub} — as the API
   * names a bearer token's user.
   */
  private static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(String claim) {
    OidcUserService standard = new OidcUserService();
    return request -> {
      OidcUser user = standard.loadUser(request);
      String name =
          user.getClaims().get("preferred_username") != null ? "preferred_username" : "sub";
      return new DefaultOidcUser(
          authorities(user.getClaims().get(claim)), user.getIdToken(), user.getUserInfo(), name);
    };
  }

  @Bean
  @org.springframework.core.annotation.Order(2)
  SecurityFilterChain api(
      HttpSecurity http,
      SecurityProperties properties,
      UserDetailsService users,
      ObjectMapper json,
      Environment environment)
      throws Exception {
    http.csrf(c -> c.disable()) // stateless API, no cookies
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/error")
                    .permitAll()
                    // migrating another system's history (its recorded times and authors)
                    .requestMatchers(HttpMethod.POST, "/imports/migrations")
                    .hasRole(ADMIN)
                    // recording and correcting facts
                    .requestMatchers(
                        HttpMethod.POST, "/service-users", "/service-users/**", "/imports")
                    .hasRole(CLINICIAN)
                    // identified data
                    .requestMatchers(HttpMethod.GET, "/service-users/*/history")
                    .hasRole(AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/service-users/**")
                    .hasAnyRole(CLINICIAN, AUDITOR)
                    // data-quality questions: pseudonymised for analysts
                    .requestMatchers(HttpMethod.GET, "/data-quality")
                    .hasAnyRole(CLINICIAN, ANALYST)
                    .requestMatchers(HttpMethod.GET, "/imports", "/imports/**")
                    .hasAnyRole(CLINICIAN, ADMIN)
                    // the code lists facts are checked against: no personal data
                    .requestMatchers(HttpMethod.GET, "/code-lists", "/code-lists/**")
                    .authenticated()
                    // figures and pseudonymised drill-downs
                    .requestMatchers(HttpMethod.GET, "/metrics", "/metrics/**")
                    .hasAnyRole(ANALYST, AUDITOR)
                    // the MHSDS-shaped monthly extract: identified for administrators,
                    // pseudonymised for analysts
                    .requestMatchers(HttpMethod.GET, "/extracts/mhsds/*")
                    .hasAnyRole(ADMIN, ANALYST)
                    // audit
                    .requestMatchers("/audit/**")
                    .hasRole(AUDITOR)
                    // bulk FHIR export of every journey (identified)
                    .requestMatchers(HttpMethod.GET, "/fhir/**")
                    .hasRole(AUDITOR)
                    .requestMatchers(HttpMethod.DELETE, "/fhir/**")
                    .hasRole(AUDITOR)
                    .requestMatchers(HttpMethod.POST, "/admin/replay")
                    .hasRole(ADMIN)
                    // operational metrics: admins, or the scrape token
                    .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                    .hasAnyRole(ADMIN, ScrapeToken.ROLE)
                    .requestMatchers("/admin/**", "/actuator/**")
                    .hasAnyRole(ADMIN, AUDITOR)
                    .anyRequest()
                    .denyAll())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            ProblemResponses.write(
                                response,
                                json,
                                HttpStatus.UNAUTHORIZED,
                                "UNAUTHENTICATED",
                                "sign in: a bearer token from the identity provider, or a local user",
                                request.getRequestURI()))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            ProblemResponses.write(
                                response,
                                json,
                                HttpStatus.FORBIDDEN,
                                "FORBIDDEN",
                                "your role may not use this endpoint",
                                request.getRequestURI())));
    http.httpBasic(
        b ->
            b.authenticationEntryPoint(
                (request, response, ex) ->
                    ProblemResponses.write(
                        response,
                        json,
                        HttpStatus.UNAUTHORIZED,
                        "UNAUTHENTICATED",
                        "sign in: a bearer token from the identity provider, or a local user",
                        request.getRequestURI())));
    http.userDetailsService(users);
    if (properties.scrapeToken() != null && !properties.scrapeToken().isBlank()) {
      http.addFilterBefore(
          new ScrapeToken(properties.scrapeToken()),
          org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter
              .class);
    }
    if (properties.jwt().configured()) {
      http.oauth2ResourceServer(
          o ->
              o.bearerTokenResolver(ScrapeToken.notForScrapes())
                  .jwt(
                      j ->
                          j.decoder(jwtDecoder(properties.jwt()))
                              .jwtAuthenticationConverter(roles(properties.jwt().roleClaim())))
                  .authenticationEntryPoint(
                      (request, response, ex) ->
                          ProblemResponses.write(
                              response,
                              json,
                              HttpStatus.UNAUTHORIZED,
                              "UNAUTHENTICATED",
                              "the bearer token is missing, expired or not from the trusted issuer",
                              request.getRequestURI())));
      log.info(
          "Accepting JWTs ({}), roles from claim '{}'",
          properties.jwt().issuerUri() != null
              ? "issuer " + properties.jwt().issuerUri()
              : "configured key",
          properties.jwt().roleClaim());
    }
    return http.build();
  }

  /**
   * No observation around each security filter, authentication and authorisation: they were a tenth
   * of a request's CPU (docs/performance.md) for spans nobody collects; request metrics stay.
   */
  @Bean
  static org.springframework.security.config.observation.SecurityObservationSettings
      securityObservations() {
    return org.springframework.security.config.observation.SecurityObservationSettings
        .noObservations();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * Local users from configuration; the demo users only with the embedded database (an external
   * database means a real installation, which gets no built-in credential).
   */
  @Bean
  UserDetailsService users(SecurityProperties properties, Environment environment) {
    boolean external = !environment.getProperty("spring.datasource.url", "").isBlank();
    List<SecurityProperties.LocalUser> all = new ArrayList<>(properties.users());
    if (!external) {
      all.addAll(properties.demoUsers());
      if (!properties.demoUsers().isEmpty()) {
        log.warn(
            "Demo logins are active (embedded database only): {}",
            properties.demoUsers().stream().map(SecurityProperties.LocalUser::name).toList());
      }
    }
    List<UserDetails> details =
        all.stream()
            .map(
                u ->
                    User.withUsername(u.name())
                        .password(u.password())
                        .roles(u.role().name())
                        .build())
            .toList();
    return name ->
        details.stream()
            .filter(u -> u.getUsername().equals(name))
            .findFirst()
            .map(u -> User.withUserDetails(u).build())
            .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }

  private static JwtDecoder jwtDecoder(SecurityProperties.Jwt jwt) {
    try {
      if (jwt.publicKey() != null && !jwt.publicKey().isBlank()) {
        String base64 = jwt.publicKey().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPublicKey key =
            (RSAPublicKey)
                KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return NimbusJwtDecoder.withPublicKey(key).build();
      }
      if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
        return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
      }
      return JwtDecoders.fromIssuerLocation(jwt.issuerUri());
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "pathway.security.jwt is not a usable configuration: " + e.getMessage(), e);
    }
  }

  /**
   * Maps the configured claim (a string or a list) to Pathway roles; unknown values grant nothing.
   */
  static Converter<Jwt, AbstractAuthenticationToken> roles(String claim) {
    return token -> {
      String user = token.getClaimAsString("preferred_username");
      return new JwtAuthenticationToken(
          token,
          authorities(token.getClaims().get(claim)),
          user != null ? user : token.getSubject());
    };
  }

  /**
   * The Pathway roles named by a claim's value (a string or a list); unknown names grant nothing.
   */
  static Collection<GrantedAuthority> authorities(Object value) {
    Collection<GrantedAuthority> authorities = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (value instanceof String s) {
      names.add(s);
    } else if (value instanceof Collection<?> c) {
      c.forEach(v -> names.add(String.valueOf(v)));
    }
    for (String name : names) {
      for (Role role : Role.values()) {
        if (role.name().equalsIgnoreCase(name.replaceFirst("(?i)^ROLE_", ""))) {
          authorities.add(new SimpleGrantedAuthority(role.authority()));
        }
      }
    }
    return authorities;
  }
}
