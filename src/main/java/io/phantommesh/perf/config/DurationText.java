package io.phantommesh.perf.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses short durations such as {@code 5ms}, {@code 1.5s}, {@code 2m} or a bare {@code 0}.
 * Stateless.
 */
final class DurationText {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");

  private DurationText() {}

  /**
   * @throws IllegalArgumentException naming the text and the expected form
   */
  static java.time.Duration parse(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    if (v.equals("0")) {
      return java.time.Duration.ZERO;
    }
    Matcher m = SIMPLE.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; use e.g. 500ms, 1.5s or 2m");
    }
    long nanosPerUnit =
        switch (m.group(2)) {
          case "ns" -> 1L;
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    try {
      return java.time.Duration.ofNanos(
          new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
  }
}
