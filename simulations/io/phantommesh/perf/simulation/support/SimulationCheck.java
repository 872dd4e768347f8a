package io.phantommesh.perf.simulation.support;

import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.run.PreLoadFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by Maven right after test compilation (see the pom), in Maven's own JVM, before a Gatling JVM
 * is forked: checks the settings the run will load (the same {@code -Dphantom.*} system properties,
 * overlay and {@code PHANTOM_*} variables, which the plugin passes on to its fork) and that {@code
 * -Dgatling.simulationClass} names a simulation.
 *
 * <p>A failure prints one block and ends Maven with its own exit code: 3 for invalid settings, 64
 * for an unknown simulation (with the list of models). Thrown instead, exec-maven-plugin would
 * print the message twice with a stack trace and exit 1. No request is sent from here: the
 * preflight runs once, in the Gatling JVM, where the embedded target exists.
 */
public final class SimulationCheck {
  private static final String PACKAGE = "io.phantommesh.perf.simulation";

  /** Exit code of an unknown simulation class: a usage error, as the command line's. */
  static final int UNKNOWN_SIMULATION = 64;

  private SimulationCheck() {}

  /** {@code args[0]}: the simulation class Maven will run. */
  public static void main(String[] args) {
    PreLoadFailure.orExit(SettingsLoader::load);
    String problem = simulationProblem(args.length == 0 ? "" : args[0].strip());
    if (problem != null) {
      System.err.println("phantom-mesh-perf: " + problem);
      System.err.flush();
      System.exit(UNKNOWN_SIMULATION);
    }
  }

  /** What is wrong with the simulation class name; null when it names one or none is given. */
  static String simulationProblem(String name) {
    if (name.isEmpty() || name.startsWith("${")) {
      return null; // the plugin will pick or ask
    }
    try {
      Class<?> c = Class.forName(name, false, SimulationCheck.class.getClassLoader());
      if (!io.gatling.javaapi.core.Simulation.class.isAssignableFrom(c)) {
        return name + " is not a Gatling simulation. Available: " + String.join(", ", available());
      }
      return null;
    } catch (ClassNotFoundException e) {
      return "Unknown simulation '"
          + name
          + "'. Pass -Dgatling.simulationClass=<one of: "
          + String.join(", ", available())
          + ">";
    }
  }

  /** Fully qualified names of the models in this project. */
  static List<String> available() {
    try {
      Path dir =
          Path.of(SimulationCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .resolve(PACKAGE.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith("Simulation.class"))
            .map(f -> PACKAGE + "." + f.substring(0, f.length() - ".class".length()))
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
