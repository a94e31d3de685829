package org.pathway.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.pathway.domain.journey.Journey;

/**
 * The module arrows of shared/engineering.md: domain ← projections ← api, and nobody reads the
 * aggregate.
 */
@AnalyzeClasses(packages = "org.pathway", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArchitectureTest {

  @ArchTest
  static final ArchRule domain_depends_on_nothing_of_ours =
      noClasses()
          .that()
          .resideInAPackage("org.pathway.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.pathway.projections..", "org.pathway.api..");

  @ArchTest
  static final ArchRule projections_do_not_depend_on_the_api =
      noClasses()
          .that()
          .resideInAPackage("org.pathway.projections..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.pathway.api..");

  @ArchTest
  static final ArchRule only_axon_configuration_knows_the_aggregate =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.pathway.domain..", "org.pathway.api.config..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Journey.class)
          .because("read models are built from events, never from aggregate state");

  /** Each package of the API is a layer or a resource; none depends, through others, on itself. */
  @ArchTest
  static final ArchRule api_packages_have_no_cycles =
      slices().matching("org.pathway.api.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule modules_have_no_cycles =
      slices().matching("org.pathway.(*)..").should().beFreeOfCycles();
}
