package io.phantommesh.perf.verdict;

import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.config.Threshold;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RunStatistics;
import java.util.List;

/**
 * Judges a run's exact figures against its SLO: mean, P50, P99 and P99.9 latency (ceilings), error
 * rate (a strict ceiling) and peak req/s (a floor).
 *
 * <p>Stateless. Values are rounded with {@link Rounding} before they are judged. A run without a
 * single request gets six CRITICAL verdicts saying {@value #NO_REQUESTS}: an empty run never
 * passes.
 */
public final class VerdictEvaluator {
  /** Metric name of the mean latency verdict. */
  public static final String LATENCY_MEAN = "latency_mean";

  /** Metric name of the P50 latency verdict. */
  public static final String LATENCY_P50 = "latency_p50";

  /** Metric name of the P99 latency verdict. */
  public static final String LATENCY_P99 = "latency_p99";

  /** Metric name of the P99.9 latency verdict. */
  public static final String LATENCY_P999 = "latency_p999";

  /** Metric name of the error rate verdict. */
  public static final String ERROR_RATE = "error_rate";

  /** Metric name of the peak throughput verdict. */
  public static final String PEAK_RPS = "peak_rps";

  /** The detail of every verdict of a run without requests. */
  public static final String NO_REQUESTS = "no requests were recorded";

  private VerdictEvaluator() {}

  /**
   * The six SLO verdicts of a run, in a fixed order: mean, P50, P99, P99.9, error rate, peak req/s.
   * Callers may append more before assembling the document.
   *
   * @param stats the run's exact figures
   * @param slo the limits of the run's load model
   */
  public static List<Verdict> evaluate(RunStatistics stats, SloSettings slo) {
    if (stats.global().count() == 0) {
      return List.of(
          unmeasured(LATENCY_MEAN, "Mean", Units.MILLIS, Bound.AT_MOST, slo.meanMillis()),
          unmeasured(LATENCY_P50, "P50", Units.MILLIS, Bound.AT_MOST, slo.p50Millis()),
          unmeasured(LATENCY_P99, "P99", Units.MILLIS, Bound.AT_MOST, slo.p99Millis()),
          unmeasured(LATENCY_P999, "P99.9", Units.MILLIS, Bound.AT_MOST, slo.p999Millis()),
          unmeasured(ERROR_RATE, "Error rate", Units.FRACTION, Bound.BELOW, slo.errorRate()),
          new Verdict(
              PEAK_RPS,
              "Peak req/s",
              0.0,
              Units.REQUESTS_PER_SECOND,
              Bound.AT_LEAST,
              slo.peakRps().target(),
              slo.peakRps().critical(),
              Tier.CRITICAL,
              NO_REQUESTS));
    }
    LatencyStats latency = stats.global().latency();
    return List.of(
        ceiling(LATENCY_MEAN, "Mean", Rounding.millis(latency.meanMillis()), slo.meanMillis()),
        ceiling(LATENCY_P50, "P50", latency.p50Millis(), slo.p50Millis()),
        ceiling(LATENCY_P99, "P99", latency.p99Millis(), slo.p99Millis()),
        ceiling(LATENCY_P999, "P99.9", latency.p999Millis(), slo.p999Millis()),
        Verdict.evaluate(
            ERROR_RATE,
            "Error rate",
            Rounding.fraction(stats.global().errorRate()),
            Units.FRACTION,
            Bound.BELOW,
            slo.errorRate().target(),
            slo.errorRate().critical()),
        Verdict.evaluate(
            PEAK_RPS,
            "Peak req/s",
            stats.peakRps(),
            Units.REQUESTS_PER_SECOND,
            Bound.AT_LEAST,
            slo.peakRps().target(),
            slo.peakRps().critical()));
  }

  private static Verdict ceiling(String metric, String label, double millis, Threshold limit) {
    return Verdict.evaluate(
        metric,
        label,
        Rounding.millis(millis),
        Units.MILLIS,
        Bound.AT_MOST,
        limit.target(),
        limit.critical());
  }

  private static Verdict unmeasured(
      String metric, String label, String unit, Bound bound, Threshold limit) {
    return Verdict.unmeasured(
        metric, label, unit, bound, limit.target(), limit.critical(), Tier.CRITICAL, NO_REQUESTS);
  }
}
