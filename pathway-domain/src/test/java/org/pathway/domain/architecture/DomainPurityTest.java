package org.pathway.domain.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain is deterministic (time and ids come from commands or injected resources, so replay
 * gives the same result) and free of infrastructure (shared/engineering.md).
 */
@AnalyzeClasses(
    packages = "org.pathway.domain",
    importOptions = ImportOption.DoNotIncludeTests.class)
class DomainPurityTest {

  @ArchTest
  static final ArchRule no_system_clock =
      noClasses()
          .should()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(java.time.LocalDate.class, "now")
          .orShould()
          .callMethod(java.time.LocalDateTime.class, "now")
          .orShould()
          .callMethod(java.time.OffsetDateTime.class, "now")
          .orShould()
          .callMethod(java.time.ZonedDateTime.class, "now")
          .orShould()
          .callMethod(java.time.Clock.class, "systemUTC")
          .orShould()
          .callMethod(java.time.Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .because("the domain takes time from commands or the injected TimePolicy");

  @ArchTest
  static final ArchRule no_randomness =
      noClasses()
          .should()
          .callMethod(java.util.UUID.class, "randomUUID")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(java.util.Random.class.getName())
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(java.security.SecureRandom.class.getName())
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(java.util.concurrent.ThreadLocalRandom.class.getName())
          .because("ids come from the caller, so replaying the events gives the same journey");

  @ArchTest
  static final ArchRule no_infrastructure =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "jakarta.persistence..",
              "java.sql..",
              "javax.sql..",
              "org.hibernate..",
              "com.fasterxml.jackson.databind..",
              "org.pathway.projections..",
              "org.pathway.api..")
          .because("pathway-domain holds only the model (shared/engineering.md)");
}
