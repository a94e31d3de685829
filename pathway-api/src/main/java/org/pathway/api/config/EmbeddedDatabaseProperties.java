package org.pathway.api.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded PostgreSQL keeps its data and which port it listens on (loopback only). Port 0
 * picks a free port, as the tests do. {@code durable} (default true) runs the server with {@code
 * fsync}, {@code synchronous_commit} and {@code full_page_writes} on; only a test run may turn it
 * off, explicitly, for speed.
 */
@ConfigurationProperties("pathway.embedded")
public record EmbeddedDatabaseProperties(
    Path dataDir, int port, @DefaultValue("true") boolean durable) {}
