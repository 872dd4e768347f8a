package io.phantommesh.perf.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A percentage written as in settings, {@code 10%} or {@code -0.5%}, and its range.
 *
 * <p>Immutable. Bounds are fractions ({@code 0.1} = 10 %), each included or not.
 *
 * @param min lower bound, fraction
 * @param minIncluded whether {@code min} itself is legal
 * @param max upper bound, fraction
 * @param maxIncluded whether {@code max} itself is legal
 */
record Percent(double min, boolean minIncluded, double max, boolean maxIncluded) {
  private static final Pattern SYNTAX = Pattern.compile("\\s*([+-]?[0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");

  /** The range as shown in rules, e.g. {@code (0%, 100%]}. */
  String range() {
    return (minIncluded ? "[" : "(")
        + SettingsReader.fmt(min * 100)
        + "%, "
        + SettingsReader.fmt(max * 100)
        + "%"
        + (maxIncluded ? "]" : ")");
  }

  /**
   * Reads {@code key} as a percentage in this range, as a fraction; the mid-range after a problem.
   */
  double read(SettingsReader r, String key) {
    double fallback = (min + max) / 2;
    Double v =
        r.parsed(
            key, "must be a percentage such as 10% (or -10%), in " + range(), Percent::fractionOf);
    if (v == null) {
      return fallback;
    }
    boolean ok = (minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max);
    if (!ok) {
      r.bad(key, "must be in " + range());
      return fallback;
    }
    return v;
  }

  /** {@code "10%"} as 0.1; null for text that is not a percentage. */
  static Double fractionOf(String text) {
    Matcher m = SYNTAX.matcher(text);
    return m.matches() ? Double.parseDouble(m.group(1)) / 100.0 : null;
  }
}
