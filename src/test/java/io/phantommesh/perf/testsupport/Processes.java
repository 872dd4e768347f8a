package io.phantommesh.perf.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real linters and the deploy scripts for the deploy tests, and finds the linters.
 *
 * <p>Stateless. Each run is bounded in time and killed (with its children) when it overruns.
 */
public final class Processes {
  /** What a finished process left: its exit status and its stdout and stderr, interleaved. */
  public record Result(int exitCode, String output) {}

  private Processes() {}

  /**
   * Runs {@code command} in {@code dir} with the inherited environment plus {@code env} (an entry
   * with a null value removes that variable), stdin closed.
   */
  public static Result run(
      Path dir, Map<String, String> env, Duration timeout, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    env.forEach(
        (k, v) -> {
          if (v == null) {
            builder.environment().remove(k);
          } else {
            builder.environment().put(k, v);
          }
        });
    Path output = null;
    try {
      output = Files.createTempFile("phantom-deploy-test", ".out");
      builder.redirectOutput(output.toFile());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not end within " + timeout);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  public static Result run(Path dir, Duration timeout, String... command) {
    return run(dir, Map.of(), timeout, List.of(command));
  }

  /**
   * A linter installed by .ci/install-linters.sh (its bin/ folder first: those are the pinned
   * versions) or else found on PATH.
   */
  public static Optional<Path> linter(String name) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(lintersHome().resolve("bin"));
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        dirs.add(Path.of(entry));
      }
    }
    return dirs.stream()
        .map(d -> d.resolve(name))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /** Where .ci/install-linters.sh puts the npm linters (same default as the script). */
  public static Path lintersHome() {
    String home = System.getenv("PHANTOM_LINTERS_HOME");
    if (home != null && !home.isEmpty()) {
      return Path.of(home);
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    if (cache == null || cache.isEmpty()) {
      String userHome = System.getenv().getOrDefault("HOME", System.getProperty("user.home"));
      cache = Path.of(userHome, ".cache").toString();
    }
    return Path.of(cache, "phantom-perf-linters");
  }

  /** The skip message of a test whose linter is missing. */
  public static String missing(String name) {
    return name
        + " is not installed (looked in "
        + lintersHome().resolve("bin")
        + " and on PATH): run .ci/install-linters.sh to run this check";
  }
}
