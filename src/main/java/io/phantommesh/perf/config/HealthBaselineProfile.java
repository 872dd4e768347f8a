package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * The staging report's health baseline: a fixed number of {@code GET /health} requests, each from
 * its own virtual user on its own connection, started in batches that arrive at once.
 *
 * <p>Immutable.
 *
 * @param requests requests over all injectors, 1..1,000,000
 * @param batchSize users (connections) started at once, 1..requests
 * @param batchGap time between the starts of two batches, >= 0
 */
public record HealthBaselineProfile(int requests, int batchSize, Duration batchGap) {

  /** Reads {@code phantom.profiles.health-baseline}. */
  static HealthBaselineProfile read(SettingsReader r) {
    int requests = r.integer("requests", 1, 1_000_000);
    int batch = r.integer("batch-size", 1, 1_000_000);
    if (r.isValid("requests") && r.isValid("batch-size") && batch > requests) {
      r.bad("batch-size", "must be <= " + r.key("requests") + " (" + requests + ")");
      batch = requests;
    }
    return new HealthBaselineProfile(
        requests, batch, r.duration("batch-gap", Duration.ZERO, Duration.ofHours(1)));
  }

  /** Number of batches; the last one is smaller when batch-size does not divide requests. */
  public int batches() {
    return (requests + batchSize - 1) / batchSize;
  }

  /** From the first batch to the last (the arrivals' span). */
  public Duration span() {
    return batchGap.multipliedBy(Math.max(0, batches() - 1));
  }
}
