package io.phantommesh.perf.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;

/**
 * Durations and memory sizes parsed exactly as settings parse them (Typesafe Config's own parser),
 * for values that arrive elsewhere, such as command-line options: {@code 500ms} means the same in
 * {@code -Dphantom.*}, an overlay file and {@code serve --latency-fixed}.
 *
 * <p>Stateless. The text is handed over as a string value, never parsed as HOCON, so it cannot
 * carry other keys.
 */
public final class SettingsValues {
  /** The duration syntax, as rules show it. */
  public static final String DURATION_SYNTAX =
      "a duration such as 500ms, 10s or 2m (units ns, us, ms, s, m, h, d; a bare number is ms)";

  /** The memory-size syntax, as rules show it. */
  public static final String SIZE_SYNTAX =
      "a memory size such as 256M or 1G (units B, K, M, G, T; a bare number is bytes)";

  private SettingsValues() {}

  /**
   * Parses a duration, {@code >= 0}.
   *
   * @throws IllegalArgumentException naming the text and the syntax
   */
  public static Duration duration(String text) {
    try {
      Duration d = holding(text).getDuration("v");
      if (d.isNegative()) {
        throw new IllegalArgumentException("'" + text + "' is negative; must be >= 0");
      }
      return d;
    } catch (ConfigException e) {
      throw new IllegalArgumentException("'" + text + "' is not " + DURATION_SYNTAX);
    }
  }

  /**
   * Parses a memory size in bytes, {@code >= 0}.
   *
   * @throws IllegalArgumentException naming the text and the syntax
   */
  public static long bytes(String text) {
    try {
      long b = holding(text).getBytes("v");
      if (b < 0) {
        throw new IllegalArgumentException("'" + text + "' is negative; must be >= 0");
      }
      return b;
    } catch (ConfigException e) {
      throw new IllegalArgumentException("'" + text + "' is not " + SIZE_SYNTAX);
    }
  }

  private static Config holding(String text) {
    return ConfigFactory.empty().withValue("v", ConfigValueFactory.fromAnyRef(text.strip()));
  }
}
