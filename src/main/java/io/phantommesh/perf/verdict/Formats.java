package io.phantommesh.perf.verdict;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Number formatting shared by the renderers: always {@link Locale#ROOT}, whatever the default
 * locale, so every output is byte-identical on every machine.
 */
public final class Formats {
  private Formats() {}

  /** A verdict value with its unit: {@code 45.3 ms}, {@code 1.20 %}, {@code 1050 req/s}. */
  public static String value(Double value, String unit) {
    if (value == null) {
      return "n/a";
    }
    return switch (unit) {
      case Units.MILLIS -> String.format(Locale.ROOT, "%.1f ms", value);
      case Units.FRACTION -> percent(value);
      default -> plain(value) + suffix(unit);
    };
  }

  /**
   * A verdict value as the console and {@code report.md} show it: like {@link #value}, except that
   * a latency below Gatling's 1 ms resolution reads {@code < 1 ms} (see {@link #latencyMillis}).
   */
  public static String shownValue(Double value, String unit) {
    if (value != null && Units.MILLIS.equals(unit)) {
      return latencyMillis(value) + " ms";
    }
    return value(value, unit);
  }

  /**
   * A response-time figure in ms for the console and {@code report.md}, to 0.1: {@code 45.3}; or
   * {@code < 1} when it would read 0.0. Gatling records whole milliseconds, so a response faster
   * than 1 ms is logged as 0 ms: a percentile, minimum or maximum of 0, or a mean below 0.05, says
   * "under a millisecond", not "no time". result.json keeps the number.
   */
  public static String latencyMillis(double ms) {
    return ms < 0.05 ? "< 1" : millis(ms);
  }

  /**
   * A limit with its unit, without trailing zeros: {@code 100 ms}, {@code 1 %}, {@code 800 req/s}.
   */
  public static String limit(double value, String unit) {
    if (Units.FRACTION.equals(unit)) {
      return plain(BigDecimal.valueOf(value).movePointRight(2)) + " %";
    }
    return plain(value) + suffix(unit);
  }

  /** A fraction as a percentage to 0.01: {@code 0.012 -> "1.20 %"}. */
  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }

  /** Milliseconds to 0.1: {@code 45.3}. */
  public static String millis(double ms) {
    return String.format(Locale.ROOT, "%.1f", ms);
  }

  /** A rate to 0.01: {@code 40.00}. */
  public static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.2f", perSecond);
  }

  /** Seconds to 0.001, as JUnit's {@code time} attribute wants: {@code 25.000}. */
  public static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  /** A count with thousands separators: {@code 150,000}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * The shortest plain decimal text of {@code value}: {@code 1000}, {@code 0.5}, never {@code
   * 1E+3}.
   */
  public static String plain(double value) {
    return plain(BigDecimal.valueOf(value));
  }

  private static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }

  private static String suffix(String unit) {
    return unit.isEmpty() ? "" : " " + unit;
  }
}
