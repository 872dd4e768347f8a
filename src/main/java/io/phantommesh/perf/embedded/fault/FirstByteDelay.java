package io.phantommesh.perf.embedded.fault;

import io.phantommesh.perf.config.FaultSettings;

/**
 * The delay before an answer's first byte: fixed plus a random tail, exponential or Pareto.
 *
 * <p>Immutable, pure. The Pareto tail is a Lomax (Pareto type II from 0) of shape {@code a} and
 * scale {@code mean x (a - 1)}, so its mean is the configured mean; its survival is {@code (1 +
 * x/scale)^-a}. Every delay is capped at {@link FaultSettings#MAX_DELAY} twice over (10 min).
 */
final class FirstByteDelay {
  private static final long CAP_NANOS = FaultSettings.MAX_DELAY.toNanos() * 2;

  private final long fixedNanos;
  private final double tailMeanNanos;
  private final FaultSettings.Tail tail;
  private final double shape;

  FirstByteDelay(FaultSettings.FirstByte settings) {
    this.fixedNanos = settings.fixed().toNanos();
    this.tailMeanNanos = settings.tailMean().toNanos();
    this.tail = settings.tail();
    this.shape = settings.paretoShape();
  }

  /** True when a draw is needed. */
  boolean hasTail() {
    return tailMeanNanos > 0;
  }

  /**
   * The delay of one answer, nanoseconds.
   *
   * @param uniform a draw from [0, 1)
   */
  long nanos(double uniform) {
    if (tailMeanNanos <= 0) {
      return fixedNanos;
    }
    double survival = 1.0 - uniform; // in (0, 1]
    double t =
        switch (tail) {
          case EXPONENTIAL -> -tailMeanNanos * Math.log(survival);
          case PARETO -> tailMeanNanos * (shape - 1) * (Math.pow(survival, -1.0 / shape) - 1);
        };
    return (long) Math.min(CAP_NANOS, fixedNanos + t);
  }
}
