package org.pathway.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says in the log which database is in use when an external one is configured (never the password).
 */
@Component
@ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
class ExternalDatabaseLogger {
  private static final Logger log = LoggerFactory.getLogger(ExternalDatabaseLogger.class);
  private final DataSourceProperties properties;

  ExternalDatabaseLogger(DataSourceProperties properties) {
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    String url = properties.getUrl().replaceAll("password=[^&]*", "password=***");
    log.info("Using EXTERNAL PostgreSQL at {} as user {}", url, properties.getUsername());
  }
}
