package io.phantommesh.perf.soak;

import java.time.Instant;

/**
 * One row of {@code soak-metrics.csv}: the target's resident memory and CPU time at one sampling
 * slot, or why the slot has no values.
 *
 * <p>Immutable.
 *
 * @param simulatedSeconds simulated seconds since the soak's start (wall-clock time since the
 *     sampler started, times the time scale)
 * @param wallTime when the sample was taken (for a missing slot: when it was due)
 * @param rssBytes {@code process_resident_memory_bytes}; -1 when missing
 * @param cpuSeconds {@code process_cpu_seconds_total}; NaN when missing
 * @param status {@code ok}, or {@code missing: <reason>}
 */
public record SoakSample(
    double simulatedSeconds, Instant wallTime, long rssBytes, double cpuSeconds, String status) {
  /** Status of a sample with values. */
  public static final String OK = "ok";

  /** A sample with values. */
  public static SoakSample ok(
      double simulatedSeconds, Instant wallTime, long rssBytes, double cpuSeconds) {
    return new SoakSample(simulatedSeconds, wallTime, rssBytes, cpuSeconds, OK);
  }

  /** A slot without values, and why. */
  public static SoakSample missing(double simulatedSeconds, Instant wallTime, String reason) {
    return new SoakSample(simulatedSeconds, wallTime, -1, Double.NaN, "missing: " + reason);
  }

  /** True when the sample holds values. */
  public boolean isOk() {
    return OK.equals(status);
  }
}
