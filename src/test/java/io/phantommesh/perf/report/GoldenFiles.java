package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with {@code src/test/resources/golden/*}, byte for byte.
 *
 * <p>To regenerate after a reviewed format change: {@code mvn -B -q test -DskipSmoke
 * -Dtest='io.phantommesh.perf.report.GoldenFilesTest' -Dgolden.update=true}, then review the diff
 * ({@code git diff src/test/resources/golden}). Surefire runs in the project directory, so the path
 * is relative to it.
 */
final class GoldenFiles {
  static final Path DIR = Path.of("src", "test", "resources", "golden");

  private GoldenFiles() {}

  static boolean isUpdating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Asserts {@code actual} equals the golden file {@code name}, or rewrites it when updating. */
  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    byte[] actualBytes = actual.getBytes(StandardCharsets.UTF_8);
    try {
      if (isUpdating()) {
        Files.createDirectories(DIR);
        Files.write(file, actualBytes);
        return;
      }
      assertThat(file)
          .as("golden file %s (create it with -Dgolden.update=true)", file.toAbsolutePath())
          .exists();
      byte[] expected = Files.readAllBytes(file);
      // Text first, for a readable diff; then bytes, for what the text comparison can't see.
      assertThat(actual)
          .as("%s differs; if the change is intended, regenerate with -Dgolden.update=true", name)
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
      assertThat(actualBytes).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }
}
