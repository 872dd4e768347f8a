package io.phantommesh.perf.embedded;

import java.time.Duration;

/**
 * The latency the embedded service adds to every answer: a fixed part plus a random tail drawn from
 * an exponential distribution.
 *
 * <p>Immutable. Both parts are >= 0 and at most 5 minutes (the range {@code reference.conf}
 * allows). The mean added latency is {@code fixed + tailMean}; the tail's median is {@code tailMean
 * x ln 2} and its 99th percentile {@code tailMean x ln 100} (about 4.6 x the mean).
 *
 * @param fixed added to every answer
 * @param tailMean mean of the exponential tail; zero for none
 */
record LatencyModel(Duration fixed, Duration tailMean) {
  static final Duration MAX = Duration.ofMinutes(5);
  static final LatencyModel NONE = new LatencyModel(Duration.ZERO, Duration.ZERO);

  LatencyModel {
    check("fixed", fixed);
    check("tail mean", tailMean);
  }

  private static void check(String what, Duration d) {
    if (d == null || d.isNegative() || d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "added latency (" + what + ") must be between 0 and 5 minutes, was " + d);
    }
  }

  /** True when answers are not delayed at all. */
  boolean isNone() {
    return fixed.isZero() && tailMean.isZero();
  }

  /** True when the delay is random (needs a draw per answer). */
  boolean hasTail() {
    return !tailMean.isZero();
  }

  /**
   * The delay of one answer.
   *
   * @param uniform a draw from [0, 1); ignored without a tail
   * @return delay in nanoseconds, >= 0
   */
  long delayNanos(double uniform) {
    long fixedNanos = fixed.toNanos();
    if (tailMean.isZero()) {
      return fixedNanos;
    }
    // Inverse CDF of the exponential: 1 - u is in (0, 1], so the log is finite (<= ~36.7 x mean).
    double tail = -tailMean.toNanos() * Math.log(1.0 - uniform);
    return fixedNanos + (long) tail;
  }
}
