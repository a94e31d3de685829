package org.pathway.api.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: an embedded PostgreSQL whose data folder survives restarts. Active only
 * when no {@code spring.datasource.url} is configured; with one, Spring Boot's own DataSource is
 * used and nothing is started here (docs/adr/0001-embedded-postgres-by-default.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
    Path dataDir = properties.dataDir().toAbsolutePath().normalize();
    int port = properties.port() == 0 ? freePort() : properties.port();
    refuseIfInUse(dataDir, port);
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              // Spring stops the server when the context closes, after the web server has drained
              // and the processors and the sealer have stopped; the library's own JVM shutdown hook
              // would stop it at once, in parallel with them
              .setRegisterShutdownHook(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              // The library starts the server with -F (fsync off) and synchronous_commit off,
              // settings for throw-away test databases; a later -c overrides them.
              .setServerConfig("fsync", onOff(properties.durable()))
              .setServerConfig("synchronous_commit", onOff(properties.durable()))
              .setServerConfig("full_page_writes", onOff(properties.durable()));
      properties.server().forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      log.info(
          "Using EMBEDDED PostgreSQL on 127.0.0.1:{} with data in {} (set SPRING_DATASOURCE_URL to use an external server)",
          port,
          dataDir);
      logDurability(postgres);
      logSettings(postgres, properties.server().keySet());
      return postgres;
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedDatabaseStartupException(
          "The embedded PostgreSQL could not start on port "
              + port
              + " with data folder "
              + dataDir
              + ": "
              + rootMessage(e),
          "Check that the data folder is writable and not used by another Pathway, or choose another with"
              + " PATHWAY_DATA_DIR / PATHWAY_DB_PORT.",
          e);
    }
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }

  /** States the durability settings the server actually runs with, as PostgreSQL reports them. */
  private static void logDurability(EmbeddedPostgres postgres) {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT name, setting FROM pg_settings WHERE name IN"
                    + " ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name")) {
      StringBuilder settings = new StringBuilder();
      boolean durable = true;
      while (rs.next()) {
        settings.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
        durable &= "on".equals(rs.getString(2));
      }
      if (durable) {
        log.info(
            "Embedded PostgreSQL durability: {}(acknowledged commits survive a crash)", settings);
      } else {
        log.warn(
            "Embedded PostgreSQL durability: {}(NOT DURABLE: a crash can lose acknowledged commands;"
                + " only for tests, set by pathway.embedded.durable=false)",
            settings);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the embedded PostgreSQL settings", e);
    }
  }

  /** States the further settings as the server reports them. */
  private static void logSettings(EmbeddedPostgres postgres, java.util.Set<String> names) {
    if (names.isEmpty()) {
      return;
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        java.sql.PreparedStatement st =
            c.prepareStatement(
                "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(?) ORDER BY name")) {
      st.setArray(1, c.createArrayOf("text", names.toArray()));
      StringBuilder settings = new StringBuilder();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          settings.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
        }
      }
      log.info("Embedded PostgreSQL settings: {}", settings.toString().trim());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the embedded PostgreSQL settings", e);
    }
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .driverClassName("org.postgresql.Driver")
        .url(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true")
        .username("postgres")
        .password("")
        .build();
  }

  private static void refuseIfInUse(Path dataDir, int port) {
    Path pid = dataDir.resolve("postmaster.pid");
    if (Files.exists(pid)) {
      try {
        List<String> lines = Files.readAllLines(pid);
        long processId = Long.parseLong(lines.get(0).trim());
        if (ProcessHandle.of(processId).map(ProcessHandle::isAlive).orElse(false)) {
          throw new EmbeddedDatabaseStartupException(
              "The data folder "
                  + dataDir
                  + " is in use by another PostgreSQL (process "
                  + processId
                  + ").",
              "Stop the other Pathway instance, or give this one its own folder with PATHWAY_DATA_DIR.",
              null);
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof EmbeddedDatabaseStartupException s) {
          throw s;
        }
        // unreadable or stale lock file: PostgreSQL itself decides
      }
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new EmbeddedDatabaseStartupException(
          "Port " + port + " for the embedded PostgreSQL is already in use.",
          "Stop whatever listens on port " + port + ", or choose another with PATHWAY_DB_PORT.",
          e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
