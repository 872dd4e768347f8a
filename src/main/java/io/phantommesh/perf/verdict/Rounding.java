package io.phantommesh.perf.verdict;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of every published figure (half-up, on the decimal value):
 *
 * <ul>
 *   <li>latencies, milliseconds: 0.1 ms
 *   <li>rates (requests per second) and other free-unit figures: 0.01
 *   <li>fractions (error rate, error share): 6 decimals
 *   <li>durations, seconds: 0.001 s (the recorded millisecond)
 * </ul>
 *
 * <p>Verdicts are computed from the rounded figure, so that anyone can re-derive a tier from the
 * published value and limits. Stateless.
 */
public final class Rounding {
  private Rounding() {}

  /** A latency, in milliseconds, to 0.1 ms. */
  public static double millis(double ms) {
    return round(ms, 1);
  }

  /** A rate (req/s) or any free-unit figure, to 0.01. */
  public static double rate(double perSecond) {
    return round(perSecond, 2);
  }

  /** A fraction (0.0..1.0), to 6 decimals. */
  public static double fraction(double fraction) {
    return round(fraction, 6);
  }

  /** A duration in seconds, to 0.001 s. */
  public static double seconds(double seconds) {
    return round(seconds, 3);
  }

  /**
   * The figure rounded by the rule of its unit ({@code ms}, {@code fraction}, {@code s}, else
   * 0.01).
   */
  public static double forUnit(double value, String unit) {
    return switch (unit) {
      case Units.MILLIS -> millis(value);
      case Units.FRACTION -> fraction(value);
      case Units.SECONDS -> seconds(value);
      default -> rate(value);
    };
  }

  private static double round(double value, int decimals) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite figure: " + value);
    }
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }
}
