package io.phantommesh.perf.config;

/**
 * The tiered targets of one run: latency in milliseconds, error rate as a fraction, peak req/s.
 *
 * <p>Immutable. Gatling assertions encode the {@code target} of each; the post-processor computes
 * PASS / WARNING / CRITICAL from exact figures.
 */
public record SloSettings(
    Threshold meanMillis,
    Threshold p50Millis,
    Threshold p99Millis,
    Threshold p999Millis,
    Threshold errorRate,
    Threshold peakRps) {}
