package org.pathway.api.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded PostgreSQL keeps its data and which port it listens on (loopback only). Port 0
 * picks a free port, as the tests do. {@code durable} (default true) runs the server with {@code
 * fsync}, {@code synchronous_commit} and {@code full_page_writes} on; only a test run may turn it
 * off, explicitly, for speed. {@code server} holds further server settings ({@code postgresql.conf}
 * names and values: memory, checkpoints), applied at every start (docs/operations.md).
 */
@ConfigurationProperties("pathway.embedded")
public record EmbeddedDatabaseProperties(
    Path dataDir, int port, @DefaultValue("true") boolean durable, Map<String, String> server) {

  public EmbeddedDatabaseProperties {
    server = server == null ? Map.of() : Map.copyOf(server);
    for (String name : server.keySet()) {
      if ("listen_addresses".equals(name)) {
        throw new IllegalArgumentException(
            "pathway.embedded.server may not set listen_addresses: the embedded server listens on"
                + " loopback only");
      }
      if (DURABILITY.contains(name)) {
        throw new IllegalArgumentException(
            "pathway.embedded.server may not set "
                + name
                + "; durability is pathway.embedded.durable");
      }
      if (!name.matches("[a-z_]+")) {
        throw new IllegalArgumentException(
            "pathway.embedded.server: " + name + " is not a PostgreSQL setting name");
      }
    }
  }

  private static final java.util.Set<String> DURABILITY =
      java.util.Set.of("fsync", "synchronous_commit", "full_page_writes");
}
