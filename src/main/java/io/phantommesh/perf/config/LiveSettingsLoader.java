package io.phantommesh.perf.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.phantommesh.perf.config.LiveSettings.PrometheusSettings;
import io.phantommesh.perf.config.LiveSettings.StopLogic;
import io.phantommesh.perf.config.LiveSettings.StopRuleSetting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code phantom.live} into {@link LiveSettings}, with the same precedence as {@link
 * SettingsLoader#load()} (system properties, overlay, environment, reference.conf).
 *
 * <p>Unknown keys (a typo'd metric under {@code phantom.live.stop.<model>}) are already refused by
 * {@link SettingsLoader}, which every run calls first; this reader checks values: every problem
 * names the key, the value, the rule and where the value came from. Stateless.
 *
 * <p>Kept apart from {@link SettingsLoader} until that reader's rewrite (one {@code read} per
 * record) lands; the section then moves into it unchanged.
 */
public final class LiveSettingsLoader {
  /** Stop-rule keys (the SLO block's names) and the verdict metric each one stops on. */
  public static final Map<String, String> STOP_METRICS =
      Map.of(
          "mean", "latency_mean",
          "p50", "latency_p50",
          "p99", "latency_p99",
          "p999", "latency_p999",
          "error-rate", "error_rate",
          "peak-rps", "peak_rps");

  private static final String ROOT = "phantom.live";
  private static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final Duration MAX_WINDOW = Duration.ofDays(30);
  private static final Duration MAX_LINGER = Duration.ofMinutes(10);

  private LiveSettingsLoader() {}

  /** The live settings of this run. */
  public static LiveSettings load() {
    ConfigFactory.invalidateCaches();
    return from(ConfigFactory.load());
  }

  /** Live settings from HOCON text layered over the defaults: for tests and tools. */
  public static LiveSettings fromString(String hocon) {
    return from(
        ConfigFactory.parseString(hocon)
            .withFallback(ConfigFactory.parseResources("reference.conf"))
            .resolve());
  }

  /**
   * Reads the section from a resolved config that contains the defaults.
   *
   * @throws InvalidSettingsException listing every bad value
   */
  public static LiveSettings from(Config config) {
    Config c = config.getConfig(ROOT);
    List<String> problems = new ArrayList<>();
    boolean enabled = bool(c, "enabled", problems);
    Duration interval = duration(c, "interval", Duration.ofSeconds(1), MAX_INTERVAL, problems);
    if (interval.toNanos() % 1_000_000_000L != 0) {
      problems.add(problem(c, "interval", "must be whole seconds"));
    }
    StopLogic logic = StopLogic.EVERY_SECOND;
    String logicText = text(c, "stop-logic", problems);
    switch (logicText) {
      case "every-second" -> logic = StopLogic.EVERY_SECOND;
      case "window" -> logic = StopLogic.WINDOW;
      default -> problems.add(problem(c, "stop-logic", "must be every-second or window"));
    }
    Map<String, List<StopRuleSetting>> rules = new LinkedHashMap<>();
    Config stop = c.getConfig("stop");
    for (String model : new TreeSet<>(stop.root().keySet())) {
      List<StopRuleSetting> list = new ArrayList<>();
      Config m = stop.getConfig(quote(model));
      for (String key : new TreeSet<>(m.root().keySet())) {
        String path = "stop." + quote(model) + "." + quote(key);
        String full = ROOT + ".stop." + model + "." + key;
        String metric = STOP_METRICS.get(key);
        if (metric == null) {
          problems.add(
              problem(
                  c,
                  path,
                  "unknown metric; known: " + String.join(", ", new TreeSet<>(STOP_METRICS.keySet()))));
          continue;
        }
        ConfigValue v = m.getValue(quote(key));
        if (v.valueType() == ConfigValueType.STRING && "off".equals(v.unwrapped())) {
          continue;
        }
        if (v.valueType() == ConfigValueType.BOOLEAN && Boolean.FALSE.equals(v.unwrapped())) {
          continue; // HOCON reads a bare `off` as false
        }
        Duration window;
        try {
          window = c.getDuration(path);
        } catch (ConfigException e) {
          problems.add(problem(c, path, "must be a duration (e.g. 60s, 30m) or off"));
          continue;
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
          problems.add(problem(c, path, "must be > 0 and <= 30d, or off"));
          continue;
        }
        list.add(new StopRuleSetting(metric, window, full));
      }
      rules.put(model, List.copyOf(list));
    }
    Config p = c.getConfig("prometheus");
    boolean promEnabled = bool(c, "prometheus.enabled", problems);
    String host = text(c, "prometheus.host", problems);
    if (host.isBlank()) {
      problems.add(problem(c, "prometheus.host", "must not be blank"));
    }
    int port = 0;
    try {
      port = p.getInt("port");
      if (port < 0 || port > 65535) {
        problems.add(problem(c, "prometheus.port", "must be between 0 and 65535"));
      }
    } catch (ConfigException e) {
      problems.add(problem(c, "prometheus.port", "must be a whole number 0..65535"));
    }
    Duration linger = duration(c, "prometheus.linger", Duration.ZERO, MAX_LINGER, problems);
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return new LiveSettings(
        enabled, interval, logic, rules, new PrometheusSettings(promEnabled, host, port, linger));
  }

  private static boolean bool(Config c, String path, List<String> problems) {
    try {
      return c.getBoolean(path);
    } catch (ConfigException e) {
      problems.add(problem(c, path, "must be true or false"));
      return false;
    }
  }

  private static String text(Config c, String path, List<String> problems) {
    try {
      return c.getString(path);
    } catch (ConfigException e) {
      problems.add(problem(c, path, "must be a string"));
      return "";
    }
  }

  private static Duration duration(
      Config c, String path, Duration min, Duration max, List<String> problems) {
    Duration d;
    try {
      d = c.getDuration(path);
    } catch (ConfigException e) {
      problems.add(problem(c, path, "must be a duration (e.g. 10s)"));
      return min.isZero() ? Duration.ZERO : Duration.ofSeconds(1);
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      problems.add(
          problem(
              c,
              path,
              "must be between "
                  + human(min)
                  + " and "
                  + human(max)));
      return min;
    }
    return d;
  }

  private static String problem(Config c, String path, String rule) {
    ConfigValue v = c.getValue(path);
    return ROOT
        + "."
        + path.replace("\"", "")
        + " = "
        + v.render(com.typesafe.config.ConfigRenderOptions.concise())
        + ": "
        + rule
        + " ("
        + SettingsLoader.describe(v.origin())
        + ")";
  }

  private static String quote(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
