package io.phantommesh.perf.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the live run monitor ({@code phantom.live}): the console line, the stop rules of each
 * load model and the Prometheus endpoint on the injector.
 *
 * <p>Immutable.
 *
 * @param enabled whether the monitor runs at all (off: no line, no rule, no endpoint)
 * @param interval time between two live lines, and the window of their figures; whole seconds, 1 s
 *     to 1 h
 * @param logic how a stop rule reads its window
 * @param stopRules the rules of each load model, keyed by profile ({@code sustained}, {@code soak},
 *     …); a model without rules has an empty list. Windows are in the model's own time: the soak's
 *     are simulated time
 * @param prometheus the endpoint
 */
public record LiveSettings(
    boolean enabled,
    Duration interval,
    StopLogic logic,
    Map<String, List<StopRuleSetting>> stopRules,
    PrometheusSettings prometheus) {

  public LiveSettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(logic, "logic");
    Objects.requireNonNull(prometheus, "prometheus");
    stopRules = Map.copyOf(stopRules);
  }

  /** Stop-rule keys (the SLO block's names) and the verdict metric each one stops on. */
  public static final Map<String, String> STOP_METRICS =
      Map.of(
          "mean", "latency_mean",
          "p50", "latency_p50",
          "p99", "latency_p99",
          "p999", "latency_p999",
          "error-rate", "error_rate",
          "peak-rps", "peak_rps");

  /**
   * Reads {@code phantom.live}. A typo'd metric under {@code stop.<model>} is an unknown key,
   * refused by {@link SettingsLoader} before this read.
   */
  static LiveSettings read(SettingsReader r) {
    boolean enabled = r.bool("enabled");
    Duration interval = r.duration("interval", Duration.ofSeconds(1), Duration.ofHours(1));
    if (r.isValid("interval") && interval.toNanos() % 1_000_000_000L != 0) {
      r.bad("interval", "must be whole seconds");
    }
    StopLogic logic =
        r.parsed(
            "stop-logic",
            "must be every-second or window",
            t ->
                switch (t) {
                  case "every-second" -> StopLogic.EVERY_SECOND;
                  case "window" -> StopLogic.WINDOW;
                  default -> null;
                });
    SettingsReader stop = r.at("stop");
    Map<String, List<StopRuleSetting>> rules = new LinkedHashMap<>();
    for (String model : stop.keys()) {
      SettingsReader m = stop.at(model);
      List<StopRuleSetting> list = new ArrayList<>();
      for (String key : m.keys()) {
        String metric = STOP_METRICS.get(key);
        if (metric == null) {
          m.bad(key, "unknown metric; known: " + new java.util.TreeSet<>(STOP_METRICS.keySet()));
          continue;
        }
        String text = m.text(key);
        if (text.equals("off") || text.equals("false")) {
          continue;
        }
        Duration window = m.duration(key, Duration.ofMillis(1), Duration.ofDays(30));
        if (m.isValid(key)) {
          list.add(new StopRuleSetting(metric, window, "phantom." + m.key(key)));
        }
      }
      rules.put(model, List.copyOf(list));
    }
    SettingsReader p = r.at("prometheus");
    PrometheusSettings prometheus =
        new PrometheusSettings(
            p.bool("enabled"),
            p.nonBlank("host", "an address to bind, e.g. 127.0.0.1 or 0.0.0.0"),
            p.integer("port", 0, 65535),
            p.duration("linger", Duration.ZERO, Duration.ofMinutes(10)));
    return new LiveSettings(
        enabled, interval, logic == null ? StopLogic.EVERY_SECOND : logic, rules, prometheus);
  }

  /** The stop rules of a load model; empty when it has none. */
  public List<StopRuleSetting> rulesFor(String profile) {
    return stopRules.getOrDefault(profile, List.of());
  }

  /** How a rule judges its sliding window. */
  public enum StopLogic {
    /**
     * Every whole second of the window is CRITICAL on its own (Taurus's {@code for-each-second}): a
     * burst shorter than the window never stops a run.
     */
    EVERY_SECOND,
    /** The window's figures taken together are CRITICAL (Taurus's {@code within}). */
    WINDOW
  }

  /**
   * One stop rule as configured.
   *
   * @param metric a verdict metric name ({@code latency_p99}, {@code error_rate}, …)
   * @param window how long the metric must be CRITICAL, in the model's own time (> 0)
   * @param key the setting's full key, for messages ({@code
   *     phantom.live.stop.sustained.error_rate})
   */
  public record StopRuleSetting(String metric, Duration window, String key) {
    public StopRuleSetting {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * The injector's Prometheus endpoint.
   *
   * @param enabled whether to serve it
   * @param host address to bind; loopback by default, {@code 0.0.0.0} in a pod
   * @param port TCP port, 0 for a free one (printed at start), 0 to 65535
   * @param linger how long the endpoint stays up after the run's last record, so a scraper sees the
   *     final values (>= 0, at most 10 min)
   */
  public record PrometheusSettings(boolean enabled, String host, int port, Duration linger) {
    public PrometheusSettings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(linger, "linger");
    }
  }
}
