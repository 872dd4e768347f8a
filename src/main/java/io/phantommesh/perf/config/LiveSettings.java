package io.phantommesh.perf.config;

import java.time.Duration;
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
 * @param stopRules the rules of each load model, keyed by profile ({@code sustained}, {@code
 *     soak}, …); a model without rules has an empty list. Windows are in the model's own time: the
 *     soak's are simulated time
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

  /** The stop rules of a load model; empty when it has none. */
  public List<StopRuleSetting> rulesFor(String profile) {
    return stopRules.getOrDefault(profile, List.of());
  }

  /** How a rule judges its sliding window. */
  public enum StopLogic {
    /**
     * Every whole second of the window is CRITICAL on its own (Taurus's {@code for-each-second}):
     * a burst shorter than the window never stops a run.
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
   * @param key the setting's full key, for messages ({@code phantom.live.stop.sustained.error_rate})
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
   * @param linger how long the endpoint stays up after the run's last record, so a scraper sees
   *     the final values (>= 0, at most 10 min)
   */
  public record PrometheusSettings(boolean enabled, String host, int port, Duration linger) {
    public PrometheusSettings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(linger, "linger");
    }
  }
}
