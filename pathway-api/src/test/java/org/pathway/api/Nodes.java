package org.pathway.api;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A Pathway node of a test's own, on an embedded PostgreSQL in a fresh data folder. */
final class Nodes {
  private Nodes() {}

  /** Starts a node with its embedded database in a new folder named from {@code prefix}. */
  static ConfigurableApplicationContext embedded(String prefix, String... settings)
      throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--pathway.embedded.port=0");
    args.add("--pathway.embedded.data-dir=" + Files.createTempDirectory(prefix));
    args.add("--pathway.embedded.durable=false");
    args.addAll(List.of(settings));
    args.add("--logging.level.root=WARN");
    return new SpringApplicationBuilder(PathwayApplication.class).run(args.toArray(String[]::new));
  }
}
