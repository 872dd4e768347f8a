package io.phantommesh.perf.results;

/**
 * Exact latency figures of a set of requests, in milliseconds as Gatling records them (whole
 * milliseconds), computed with HdrHistogram over every request (OK and KO alike, as Gatling's
 * global assertions do).
 *
 * <p>Immutable. All fields are 0 when {@code count} is 0. Percentiles follow HdrHistogram's
 * definition: the smallest recorded value v such that at least p % of values are &lt;= v.
 */
public record LatencyStats(
    long count,
    long minMillis,
    long maxMillis,
    double meanMillis,
    long p50Millis,
    long p75Millis,
    long p90Millis,
    long p95Millis,
    long p99Millis,
    long p999Millis) {

  /** The figures of an empty set. */
  public static LatencyStats empty() {
    return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
