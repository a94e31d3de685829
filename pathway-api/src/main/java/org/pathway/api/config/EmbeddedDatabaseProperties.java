package org.pathway.api.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded PostgreSQL keeps its data and which port it listens on (loopback only). Port 0
 * picks a free port, as the tests do.
 */
@ConfigurationProperties("pathway.embedded")
public record EmbeddedDatabaseProperties(Path dataDir, int port) {}
