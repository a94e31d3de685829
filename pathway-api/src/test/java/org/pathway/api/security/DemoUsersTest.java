package org.pathway.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The demo logins exist only with the embedded database: an external database gets no built-in
 * credential.
 */
class DemoUsersTest {
  private final SecurityProperties properties =
      new SecurityProperties(
          List.of(new SecurityProperties.LocalUser("ops", "{noop}configured", Role.ADMIN)),
          List.of(
              new SecurityProperties.LocalUser(
                  "clinician", "{noop}clinician-demo", Role.CLINICIAN)),
          null,
          null,
          null);

  @Test
  void with_the_embedded_database_demo_and_configured_users_sign_in() {
    UserDetailsService users = new SecurityConfiguration().users(properties, new MockEnvironment());
    assertThat(users.loadUserByUsername("clinician").getAuthorities()).hasSize(1);
    assertThat(users.loadUserByUsername("ops")).isNotNull();
  }

  @Test
  void with_an_external_database_there_is_no_demo_user() {
    MockEnvironment external =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db.trust.nhs.uk/pathway");
    UserDetailsService users = new SecurityConfiguration().users(properties, external);
    assertThatThrownBy(() -> users.loadUserByUsername("clinician"))
        .isInstanceOf(UsernameNotFoundException.class);
    assertThat(users.loadUserByUsername("ops")).isNotNull();
  }
}
