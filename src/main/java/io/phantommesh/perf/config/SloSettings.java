package io.phantommesh.perf.config;

import java.time.Duration;

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
    Threshold peakRps) {

  /** Longest latency limit: an hour, far beyond any request timeout. */
  private static final Duration MAX_LATENCY = Duration.ofHours(1);

  /**
   * Reads an {@code slo} section: the global {@code phantom.slo}, or a profile's {@code slo} read
   * {@link SettingsReader#over over} it.
   */
  static SloSettings read(SettingsReader r) {
    return new SloSettings(
        latency(r, "mean"),
        latency(r, "p50"),
        latency(r, "p99"),
        latency(r, "p999"),
        errorRate(r),
        peakRps(r));
  }

  private static Threshold latency(SettingsReader r, String metric) {
    Duration target = r.duration(metric + ".target", Duration.ofMillis(1), MAX_LATENCY);
    Duration critical = r.duration(metric + ".critical", Duration.ofMillis(1), MAX_LATENCY);
    double t = target.toNanos() / 1e6;
    double c = critical.toNanos() / 1e6;
    return ceiling(r, metric, t, c);
  }

  private static Threshold errorRate(SettingsReader r) {
    double t = r.number("error-rate.target", 0, false, 1, "fraction of requests");
    double c = r.number("error-rate.critical", 0, false, 1, "fraction of requests");
    return ceiling(r, "error-rate", t, c);
  }

  /** An upper bound: critical at or above the target. */
  private static Threshold ceiling(
      SettingsReader r, String metric, double target, double critical) {
    String t = metric + ".target";
    String c = metric + ".critical";
    if (r.isValid(t) && r.isValid(c) && critical < target) {
      r.bad(c, "must be >= " + r.key(t) + " (" + SettingsReader.fmt(target) + ")");
      critical = target;
    }
    return new Threshold(target, critical);
  }

  /** A floor: critical between 0 and the target. */
  private static Threshold peakRps(SettingsReader r) {
    double target = r.rate("peak-rps.target");
    double critical =
        r.number("peak-rps.critical", 0, true, SettingsReader.MAX_RATE, "requests per second");
    if (r.isValid("peak-rps.target") && r.isValid("peak-rps.critical") && critical > target) {
      r.bad(
          "peak-rps.critical",
          "must be between 0 and "
              + r.key("peak-rps.target")
              + " ("
              + SettingsReader.fmt(target)
              + "): peak req/s is a floor");
      critical = target;
    }
    return new Threshold(target, critical);
  }
}
