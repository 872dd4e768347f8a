package io.phantommesh.perf.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders Gatling's own HTML report of a run folder ({@code index.html} beside its {@code
 * simulation.log}) with Gatling's reports-only mode, in a separate JVM: Gatling is a test-scope
 * dependency, never on the post-processor's class path.
 *
 * <p>Where Gatling comes from, first found wins:
 *
 * <ol>
 *   <li>an explicit class path ({@code --gatling-classpath}, or {@code @file} holding one);
 *   <li>this JVM's class path, when it holds Gatling (tests, or a JVM started by the Gatling
 *       plugin);
 *   <li>the Maven project in {@code projectDir}: {@code mvn dependency:build-classpath} gives the
 *       test class path (Gatling and its dependencies), plus {@code target/test-classes} for the
 *       suite's {@code gatling.conf}.
 * </ol>
 *
 * Then {@code java -cp <that> io.gatling.app.Gatling -ro <run-folder-name> -rf <parent>}. (The
 * plugin's own {@code mvn gatling:test -Dgatling.reportsOnly=<name>} cannot be used: its {@code
 * resultsFolder} is read-only, always {@code target/gatling}, and the goal forks a build up to
 * test-compile.) Gatling exits 2 when the log's own assertions fail; the report is written anyway.
 *
 * <p>Immutable; each {@link #render} call runs its own processes and blocks until they end.
 */
public final class GatlingHtmlReport {
  /** Gatling's main class, by name only: {@code src/main} never links against Gatling. */
  static final String GATLING_MAIN = "io.gatling.app.Gatling";

  private static final String GATLING_MAIN_RESOURCE = "io/gatling/app/Gatling.class";
  private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration GATLING_TIMEOUT = Duration.ofMinutes(30);
  private static final int OUTPUT_LINES = 15;

  /** Whether to render. */
  public enum Mode {
    /** Render when Gatling can be found; otherwise say why and go on without. */
    AUTO,
    /** Render, or fail the command. */
    ON,
    /** Never render. */
    OFF
  }

  private final Mode mode;
  private final Optional<String> classpath;
  private final Path projectDir;
  private final List<String> mavenArgs;

  /**
   * @param mode whether to render
   * @param classpath Gatling's class path, or {@code @<file>} holding it; empty: look for it
   * @param projectDir the Maven project (holding pom.xml) to ask for the class path
   * @param mavenArgs extra Maven arguments, e.g. {@code --offline}, {@code
   *     -Dmaven.repo.local=/opt/m2}
   */
  public GatlingHtmlReport(
      Mode mode, Optional<String> classpath, Path projectDir, List<String> mavenArgs) {
    this.mode = mode;
    this.classpath = classpath;
    this.projectDir = projectDir;
    this.mavenArgs = List.copyOf(mavenArgs);
  }

  /** Renders when Gatling can be found, from this JVM's class path or the current directory. */
  public static GatlingHtmlReport auto() {
    return new GatlingHtmlReport(Mode.AUTO, Optional.empty(), Path.of(""), List.of());
  }

  /** Never renders. */
  public static GatlingHtmlReport off() {
    return new GatlingHtmlReport(Mode.OFF, Optional.empty(), Path.of(""), List.of());
  }

  public Mode mode() {
    return mode;
  }

  /**
   * What came of an attempt.
   *
   * @param index the written {@code index.html}, if any
   * @param note why there is none, or how it was made; one line
   */
  public record Result(Optional<Path> index, String note) {}

  /** Thrown in {@link Mode#ON} when the report cannot be made. */
  public static final class UnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  /**
   * Renders the report of {@code resultsFolder/runFolderName/simulation.log} into that folder.
   *
   * @throws UnavailableException in {@link Mode#ON} when Gatling cannot be found or fails
   */
  public Result render(Path resultsFolder, String runFolderName) {
    if (mode == Mode.OFF) {
      return new Result(Optional.empty(), "not generated (--no-gatling-html)");
    }
    Result result;
    try {
      Optional<Located> located = locate(resultsFolder);
      if (located.isEmpty()) {
        result = new Result(Optional.empty(), unavailableReason());
      } else {
        result = run(located.get(), resultsFolder, runFolderName);
      }
    } catch (UncheckedIOException e) {
      result = new Result(Optional.empty(), "not generated: " + e.getMessage());
    }
    if (result.index().isEmpty() && mode == Mode.ON) {
      throw new UnavailableException("Gatling HTML report " + result.note());
    }
    return result;
  }

  private String unavailableReason() {
    return "not generated: Gatling is not on this JVM's class path and there is no Maven project"
        + " (pom.xml) in "
        + projectDir.toAbsolutePath().normalize()
        + " with `mvn` on PATH; pass --project-dir <checkout> or --gatling-classpath <cp>, or"
        + " render it later: java -cp <test class path> "
        + GATLING_MAIN
        + " -ro <run-folder> -rf <its parent>";
  }

  /** Gatling's class path and where it came from. */
  private record Located(String classpath, String source) {}

  private Optional<Located> locate(Path scratch) {
    if (classpath.isPresent()) {
      String cp = classpath.get();
      if (cp.startsWith("@")) {
        Path file = Path.of(cp.substring(1));
        try {
          cp = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the class path file " + file, e);
        }
      }
      return Optional.of(new Located(cp, "the given class path"));
    }
    if (ClassLoader.getSystemClassLoader().getResource(GATLING_MAIN_RESOURCE) != null) {
      return Optional.of(
          new Located(System.getProperty("java.class.path"), "this JVM's class path"));
    }
    if (Files.isRegularFile(projectDir.resolve("pom.xml"))) {
      return mavenClasspath(scratch);
    }
    return Optional.empty();
  }

  /** The project's test class path from Maven, or empty when Maven is not there. */
  private Optional<Located> mavenClasspath(Path scratch) {
    Path out;
    Path log;
    try {
      out = Files.createTempFile(scratch, ".gatling-classpath-", ".txt");
      log = Files.createTempFile(scratch, ".gatling-classpath-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + scratch, e);
    }
    try {
      List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
      command.addAll(mavenArgs);
      command.add("dependency:build-classpath");
      command.add("-Dmdep.includeScope=test");
      command.add("-Dmdep.outputFile=" + out.toAbsolutePath());
      int exit;
      try {
        exit = exec(command, projectDir, log, MAVEN_TIMEOUT);
      } catch (IOException e) {
        return Optional.empty(); // no mvn on PATH
      }
      String cp = Files.readString(out, StandardCharsets.UTF_8).strip();
      if (exit != 0 || !cp.contains("gatling-app")) {
        throw new UncheckedIOException(
            new IOException(
                "`mvn dependency:build-classpath` in "
                    + projectDir.toAbsolutePath().normalize()
                    + " exited "
                    + exit
                    + (cp.contains("gatling-app") || exit != 0
                        ? ""
                        : " without Gatling on the class path")
                    + ": "
                    + tail(log)));
      }
      Path testClasses = projectDir.resolve("target/test-classes");
      if (Files.isDirectory(testClasses)) {
        cp = testClasses.toAbsolutePath() + File.pathSeparator + cp;
      }
      return Optional.of(
          new Located(cp, "Maven (" + projectDir.toAbsolutePath().normalize() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Maven's class path output " + out, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(log);
    }
  }

  private Result run(Located gatling, Path resultsFolder, String runFolderName) {
    Path folder = resultsFolder.resolve(runFolderName);
    Path log;
    try {
      log = Files.createTempFile(resultsFolder, ".gatling-html-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + resultsFolder, e);
    }
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // Gatling reads String internals through a private lookup.
      command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
      command.add("-Dgatling.data.enableAnalytics=false");
      command.add("-cp");
      command.add(gatling.classpath());
      command.add(GATLING_MAIN);
      command.add("-ro");
      command.add(runFolderName);
      command.add("-rf");
      command.add(resultsFolder.toAbsolutePath().toString());
      int exit = exec(command, resultsFolder, log, GATLING_TIMEOUT);
      Path index = folder.resolve("index.html");
      // 2: the log's own assertions failed; the report is complete all the same.
      if ((exit == 0 || exit == 2) && Files.isRegularFile(index)) {
        return new Result(
            Optional.of(index), "rendered by Gatling (reports-only) from " + gatling.source());
      }
      return new Result(
          Optional.empty(),
          "not generated: Gatling (from "
              + gatling.source()
              + ") exited "
              + exit
              + ": "
              + tail(log));
    } catch (IOException e) {
      return new Result(Optional.empty(), "not generated: cannot start java: " + e.getMessage());
    } finally {
      deleteQuietly(log);
    }
  }

  /** Runs a command with its output to {@code log}; kills it after {@code timeout}. */
  private static int exec(List<String> command, Path workDir, Path log, Duration timeout)
      throws IOException {
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    p.getOutputStream().close(); // no input: a prompt would read end-of-file, never hang
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.get(0), e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last =
          lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .toList();
      return last.isEmpty() ? "no output" : String.join(" | ", last);
    } catch (IOException | UncheckedIOException e) {
      return "output unreadable";
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover hidden temporary file is harmless
    }
  }
}
