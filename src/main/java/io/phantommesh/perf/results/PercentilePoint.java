package io.phantommesh.perf.results;

/**
 * One point of a latency percentile distribution, as HdrHistogram's percentile output lists them.
 *
 * <p>Immutable.
 *
 * @param percentile 0 to 100: at least this share of the values are &lt;= {@code valueMillis}
 * @param valueMillis the value at that percentile, ms (exact up to 262,143 ms)
 * @param count values recorded up to and including this point
 */
public record PercentilePoint(double percentile, long valueMillis, long count) {}
