package io.phantommesh.perf.config;

import java.nio.file.Path;

/**
 * Where run output is read from and written to.
 *
 * <p>Immutable.
 *
 * @param gatlingResultsDir folder holding Gatling's run folders
 * @param outputDir folder the post-processor writes {@code <run-id>/} folders to
 * @param enabled whether simulations post-process their run when they end
 */
public record ReportSettings(Path gatlingResultsDir, Path outputDir, boolean enabled) {

  /** Reads {@code phantom.report}. */
  static ReportSettings read(SettingsReader r) {
    return new ReportSettings(
        Path.of(r.nonBlank("gatling-results-dir", "a folder")),
        Path.of(r.nonBlank("output-dir", "a folder")),
        r.bool("enabled"));
  }
}
