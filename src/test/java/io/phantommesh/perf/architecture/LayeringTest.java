package io.phantommesh.perf.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of {@code docs/architecture.md}, executable: dependencies point one way, from the
 * command line down to the settings, and the simulations stay on the run's side of it. A wrong
 * import fails this test with the offending class, member and line.
 */
class LayeringTest {
  static final String ROOT = "io.phantommesh.perf";
  private static JavaClasses main;
  private static JavaClasses simulations;

  @BeforeAll
  static void importClasses() {
    // The build's own class folders (not the whole class path: Gatling's jars make that slow).
    main = new ClassFileImporter().importPath(Path.of("target", "classes"));
    simulations =
        new ClassFileImporter()
            .withImportOption(location -> location.contains("/simulation/"))
            .importPath(Path.of("target", "test-classes"));
  }

  /** The layers, top first; each may use only the layers below it. */
  static ArchRule layers() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("cli")
        .definedBy(ROOT + ".cli..")
        .layer("run")
        .definedBy(ROOT + ".run..")
        .layer("report")
        .definedBy(ROOT + ".report..")
        .layer("document")
        .definedBy(ROOT + ".document..")
        .layer("verdict")
        .definedBy(ROOT + ".verdict..")
        .layer("models")
        .definedBy(ROOT + ".load..", ROOT + ".soak..", ROOT + ".spike..")
        .layer("results")
        .definedBy(ROOT + ".results..")
        .layer("embedded")
        .definedBy(ROOT + ".embedded..")
        .layer("config")
        .definedBy(ROOT + ".config..")
        .layer("files")
        .definedBy(ROOT + ".files..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("run")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("cli", "run")
        .whereLayer("document")
        .mayOnlyBeAccessedByLayers("cli", "run", "report")
        .whereLayer("verdict")
        .mayOnlyBeAccessedByLayers("cli", "run", "report", "document")
        .whereLayer("models")
        .mayOnlyBeAccessedByLayers("cli", "run", "report", "document", "verdict")
        .whereLayer("results")
        .mayOnlyBeAccessedByLayers("cli", "run", "report", "document", "verdict", "models")
        .whereLayer("embedded")
        .mayOnlyBeAccessedByLayers("cli", "run")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers(
            "cli", "run", "report", "document", "verdict", "models", "results", "embedded");
  }

  @Test
  void dependenciesPointOneWay() {
    layers().check(main);
  }

  @Test
  void simulationsUseTheRunSideOnly() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".simulation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".cli..", ROOT + ".report..", ROOT + ".document..", ROOT + ".verdict..")
        .because("a simulation turns settings into Gatling's DSL; judging and rendering is run's")
        .check(simulations);
  }

  @Test
  void onlyTheSettingsReaderTouchesTypesafeConfig() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.typesafe.config..")
        .because("other code gets typed settings records (STYLE.md 2)")
        .check(main);
  }

  @Test
  void mainCodeNeverImportsGatling() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.gatling..")
        .because("Gatling is test-scoped: its internals are version-locked")
        .check(main);
  }
}
