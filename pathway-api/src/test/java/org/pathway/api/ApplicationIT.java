package org.pathway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** Health, the OpenAPI description, and no calls home. */
class ApplicationIT extends ApiTestBase {
  @Autowired ApplicationContext context;
  @Autowired Environment environment;

  @Test
  void health_is_up_with_the_database() {
    Api.Response health = api.as("admin").get("/actuator/health");
    assertThat(api.as(null).get("/actuator/health").body().has("components")).isFalse();
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("UP");
    assertThat(health.body().at("/components/db/status").asText()).isEqualTo("UP");
  }

  @Test
  void the_openapi_description_lists_every_resource() {
    Api.Response docs = api.get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().get("paths").toString())
        .contains("/service-users")
        .contains("/service-users/{serviceUserId}/spells/{spellId}/discharge")
        .contains("/service-users/{serviceUserId}/facts/{targetFactId}/corrections")
        .contains("/service-users/{serviceUserId}/timeline");
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  @Test
  void the_axon_update_checker_is_disabled() {
    assertThat(environment.getProperty("axon.update-check.disabled")).isEqualTo("true");
    assertThat(context.getBeanNamesForType(org.axonframework.updates.UpdateChecker.class))
        .isEmpty();
  }
}
