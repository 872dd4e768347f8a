package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * How a run is compared with a baseline run ({@code phantom.compare}): the tolerated worsening of
 * each figure, the soft band below it, and the noise floors under which a change never counts.
 *
 * <p>Immutable. Fractions are plain fractions ({@code 0.10} = 10 %). A latency, P-value or error
 * rate worsens upwards, peak req/s downwards.
 *
 * @param meanTolerance tolerated rise of the mean latency, fraction of the baseline's, &gt; 0
 * @param p50Tolerance tolerated rise of P50, fraction of the baseline's, &gt; 0
 * @param p99Tolerance tolerated rise of P99, fraction of the baseline's, &gt; 0
 * @param p999Tolerance tolerated rise of P99.9, fraction of the baseline's, &gt; 0
 * @param errorRateTolerance tolerated rise of the error rate in absolute terms (fraction of all
 *     requests: {@code 0.005} = 0.5 percentage points), 0..1 exclusive of 0
 * @param peakRpsTolerance tolerated change of peak req/s, fraction of the baseline's, signed in the
 *     worse direction: negative, -1 &lt; x &lt; 0 ({@code -0.10} = a 10 % drop)
 * @param softBand share of each tolerance beyond which a worsening is WARNING (within the
 *     tolerance) rather than PASS; 0 &lt; x &lt;= 1, 1 turns the soft band off
 * @param minLatencyDeltaMillis latency changes up to this many milliseconds never count, &gt;= 0
 * @param minPeakRpsDelta peak req/s changes up to this many requests per second never count, &gt;=
 *     0
 * @param minTailSamples a percentile p is judged only when both runs hold at least this many
 *     responses beyond it, i.e. {@code minTailSamples / (1 - p)} responses; 1..10,000
 */
public record CompareSettings(
    double meanTolerance,
    double p50Tolerance,
    double p99Tolerance,
    double p999Tolerance,
    double errorRateTolerance,
    double peakRpsTolerance,
    double softBand,
    double minLatencyDeltaMillis,
    double minPeakRpsDelta,
    int minTailSamples) {

  /** Reads {@code phantom.compare}. */
  static CompareSettings read(SettingsReader r) {
    Percent rise = new Percent(0, false, 100, true);
    return new CompareSettings(
        rise.read(r, "mean"),
        rise.read(r, "p50"),
        rise.read(r, "p99"),
        rise.read(r, "p999"),
        new Percent(0, false, 1, false).read(r, "error-rate"),
        new Percent(-1, false, 0, false).read(r, "peak-rps"),
        new Percent(0, false, 1, true).read(r, "soft-band"),
        r.duration("min-latency-delta", Duration.ZERO, Duration.ofMinutes(10)).toNanos() / 1e6,
        r.number("min-peak-rps-delta", 0, true, SettingsReader.MAX_RATE, "requests per second"),
        r.integer("min-tail-samples", 1, 10_000));
  }

  /**
   * The fewest responses a run needs for its percentile {@code percentile} to be judged.
   *
   * @param percentile 0 &lt; p &lt; 100, e.g. 99.9
   */
  public long minimumResponsesFor(double percentile) {
    return (long) Math.ceil(minTailSamples * 100.0 / (100.0 - percentile) - 1e-9);
  }
}
