package io.phantommesh.perf.embedded;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, per request, the latency added to the answer and whether an API request fails on
 * purpose.
 *
 * <p>Thread-safe; settings can change at runtime and apply to the next request. Draws are
 * reproducible for a given seed: the k-th API request considered fails iff draw k of the error
 * stream is below the ratio (see {@link Draws}).
 */
final class FaultInjector {
  private static final long LATENCY_STREAM = 0x6C6174656E637921L;

  private final long seed;
  private final AtomicLong errorDraws = new AtomicLong();
  private final AtomicLong latencyDraws = new AtomicLong();
  private volatile LatencyModel latency;
  private volatile double errorRatio;

  FaultInjector(long seed, LatencyModel latency, double errorRatio) {
    this.seed = seed;
    this.latency = latency;
    setErrorRatio(errorRatio);
  }

  LatencyModel latency() {
    return latency;
  }

  void setLatency(LatencyModel latency) {
    this.latency = latency;
  }

  double errorRatio() {
    return errorRatio;
  }

  /**
   * @param ratio fraction of API requests to fail, 0.0..1.0
   */
  void setErrorRatio(double ratio) {
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException("error ratio must be between 0.0 and 1.0, was " + ratio);
    }
    this.errorRatio = ratio;
  }

  /** Delay of the next answer in nanoseconds; 0 when no latency is configured. */
  long nextDelayNanos() {
    LatencyModel m = latency;
    if (m.isNone()) {
      return 0;
    }
    double u =
        m.hasTail() ? Draws.uniform(seed ^ LATENCY_STREAM, latencyDraws.getAndIncrement()) : 0;
    return m.delayNanos(u);
  }

  /** True when the next API request must be answered 500. */
  boolean nextIsFailure() {
    double ratio = errorRatio;
    if (ratio <= 0.0) {
      return false;
    }
    if (ratio >= 1.0) {
      return true;
    }
    return Draws.uniform(seed, errorDraws.getAndIncrement()) < ratio;
  }
}
