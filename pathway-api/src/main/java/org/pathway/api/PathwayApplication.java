package org.pathway.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Pathway: an event-sourced record of mental-health care pathways. */
@SpringBootApplication(scanBasePackages = {"org.pathway.api", "org.pathway.projections"})
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class PathwayApplication {

  public static void main(String[] args) throws Exception {
    if (org.pathway.api.cli.Cli.handles(args)) {
      System.exit(org.pathway.api.cli.Cli.run(args, System.out, System.err));
    }
    // A clinical system must not call out: Axon's update checker is off before anything of Axon
    // loads.
    System.setProperty("axoniq.update-checker.disabled", "true");
    SpringApplication.run(PathwayApplication.class, args);
  }
}
