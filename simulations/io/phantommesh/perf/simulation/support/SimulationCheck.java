package io.phantommesh.perf.simulation.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by Maven right after test compilation (see the pom): fails with the list of available models
 * when {@code -Dgatling.simulationClass} names no simulation, before a Gatling JVM is forked only
 * to say {@code ClassNotFoundException}.
 */
public final class SimulationCheck {
  private static final String PACKAGE = "io.phantommesh.perf.simulation";

  private SimulationCheck() {}

  /** {@code args[0]}: the simulation class Maven will run. */
  public static void main(String[] args) {
    String name = args.length == 0 ? "" : args[0].strip();
    if (name.isEmpty() || name.startsWith("${")) {
      return; // the plugin will pick or ask
    }
    try {
      Class<?> c = Class.forName(name, false, SimulationCheck.class.getClassLoader());
      if (!io.gatling.javaapi.core.Simulation.class.isAssignableFrom(c)) {
        throw new IllegalArgumentException(
            name + " is not a Gatling simulation. Available: " + String.join(", ", available()));
      }
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "Unknown simulation '"
              + name
              + "'. Pass -Dgatling.simulationClass=<one of: "
              + String.join(", ", available())
              + ">");
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
