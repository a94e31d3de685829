package org.pathway.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedDatabasePropertiesTest {

  @Test
  void server_settings_are_kept_as_given() {
    var p =
        new EmbeddedDatabaseProperties(
            Path.of("data"), 0, true, Map.of("shared_buffers", "1GB", "work_mem", "32MB"));
    assertThat(p.server()).containsEntry("shared_buffers", "1GB").hasSize(2);
    assertThat(new EmbeddedDatabaseProperties(Path.of("data"), 0, true, null).server()).isEmpty();
  }

  @Test
  void durability_is_not_a_server_setting() {
    for (String name : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
      assertThatThrownBy(
              () -> new EmbeddedDatabaseProperties(Path.of("data"), 0, true, Map.of(name, "off")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("pathway.embedded.durable");
    }
  }

  @Test
  void a_name_that_cannot_be_a_setting_is_refused() {
    assertThatThrownBy(
            () ->
                new EmbeddedDatabaseProperties(
                    Path.of("data"), 0, true, Map.of("work_mem = 1GB; fsync", "off")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL setting name");
  }
}
