package io.phantommesh.perf.config;

/**
 * One tiered limit: PASS within {@code target}, CRITICAL beyond {@code critical}, WARNING between.
 *
 * <p>Immutable. For an upper bound (latency, error rate) {@code target <= critical}; for a floor
 * (peak req/s) {@code target >= critical}; which one a metric is, its evaluator knows. Values are
 * in the metric's unit: milliseconds for latencies, a fraction for the error rate, requests per
 * second for throughput.
 *
 * @param target the PASS limit
 * @param critical the CRITICAL limit
 */
public record Threshold(double target, double critical) {}
