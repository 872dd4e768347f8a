package io.phantommesh.perf.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code io.gatling.app.Gatling} in a forked JVM on this JVM's class path (Surefire is set up
 * with {@code useManifestOnlyJar=false}, so {@code java.class.path} is complete). Test support.
 */
public final class GatlingProcess {

  /**
   * How a run ended.
   *
   * @param exitCode the process exit code
   * @param output stdout and stderr together
   * @param elapsed wall time of the process
   */
  public record Result(int exitCode, String output, Duration elapsed) {
    /** The last {@code lines} lines of output, for failure messages. */
    public String tail(int lines) {
      List<String> all = output.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
  }

  private GatlingProcess() {}

  /**
   * The {@code <jvmArg>} entries of pom.xml (the gatling-maven-plugin's options for the forked
   * Gatling JVM), so a test's forked Gatling runs as {@code mvn gatling:test} does.
   *
   * @throws IllegalStateException when pom.xml is not in the working directory or has none
   */
  public static List<String> pomJvmArgs() {
    Path pom = Path.of("pom.xml");
    try {
      List<String> args = new ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("<jvmArg>\\s*([^<]+?)\\s*</jvmArg>")
              .matcher(Files.readString(pom, StandardCharsets.UTF_8));
      while (m.find()) {
        args.add(m.group(1));
      }
      if (args.isEmpty()) {
        throw new IllegalStateException("no <jvmArg> in " + pom.toAbsolutePath());
      }
      return args;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + pom.toAbsolutePath(), e);
    }
  }

  /**
   * Runs Gatling and waits for it.
   *
   * @param jvmOptions extra JVM options, e.g. {@code -Xmx1g}
   * @param gatlingArgs Gatling's command line, e.g. {@code -s <class> -rf <dir> -nr}
   * @param timeout how long to wait before killing it
   * @param outputFile where the process output goes
   * @throws IllegalStateException when it does not end in time
   */
  public static Result run(
      List<String> jvmOptions, List<String> gatlingArgs, Duration timeout, Path outputFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Gatling reads and writes String internals (StringInternals) through a private lookup.
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    // Until src/test/resources/gatling.conf sets them: no usage analytics, no outside warm-up URL.
    command.add("-Dgatling.data.enableAnalytics=false");
    command.add("-Dgatling.http.warmUpUrl=");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.gatling.app.Gatling");
    command.addAll(gatlingArgs);
    long started = System.nanoTime();
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(outputFile.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "Gatling did not end within " + timeout + "; output in " + outputFile);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      return new Result(
          process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8), elapsed);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run Gatling", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Gatling", e);
    }
  }
}
