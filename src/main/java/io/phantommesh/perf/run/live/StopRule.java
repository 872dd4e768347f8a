package io.phantommesh.perf.run.live;

import io.phantommesh.perf.config.InvalidSettingsException;
import io.phantommesh.perf.config.LiveSettings;
import io.phantommesh.perf.config.LiveSettings.StopLogic;
import io.phantommesh.perf.config.LiveSettings.StopRuleSetting;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One stop rule on the wall clock: stop the run when {@code metric} is CRITICAL over the last
 * {@code windowSeconds} whole seconds, read with {@code logic}.
 *
 * <p>Immutable.
 *
 * @param metric a metric of {@link VerdictEvaluator} ({@code latency_p99}, {@code error_rate}, …)
 * @param windowSeconds window on the wall clock, whole seconds >= 1
 * @param configured the window as configured, in the model's own time (the soak's is simulated)
 * @param logic how the window is read
 * @param key the setting's full key
 */
public record StopRule(
    String metric, int windowSeconds, Duration configured, StopLogic logic, String key) {

  /** The metrics a rule may name: those of the SLO verdicts. */
  public static final Set<String> METRICS =
      Set.of(
          VerdictEvaluator.LATENCY_MEAN,
          VerdictEvaluator.LATENCY_P50,
          VerdictEvaluator.LATENCY_P99,
          VerdictEvaluator.LATENCY_P999,
          VerdictEvaluator.ERROR_RATE,
          VerdictEvaluator.PEAK_RPS);

  public StopRule {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(configured, "configured");
    Objects.requireNonNull(logic, "logic");
    Objects.requireNonNull(key, "key");
    if (!METRICS.contains(metric)) {
      throw new IllegalArgumentException("unknown stop metric " + metric + "; known: " + METRICS);
    }
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("window must be >= 1 s, was " + windowSeconds);
    }
  }

  /**
   * The rules of a load model on the wall clock.
   *
   * @param timeScale the model's time compression: a window of W model time lasts W / timeScale on
   *     the wall clock (1 for every model but the soak); rounded up to whole seconds, 1 s at least
   * @throws InvalidSettingsException naming the key when a rule's metric is unknown
   */
  public static List<StopRule> of(LiveSettings live, String profile, double timeScale) {
    List<StopRule> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (StopRuleSetting s : live.rulesFor(profile)) {
      if (!METRICS.contains(s.metric())) {
        problems.add(s.key() + ": unknown metric " + s.metric() + "; known: " + METRICS);
        continue;
      }
      double wallSeconds = s.window().toNanos() / 1e9 / timeScale;
      int whole = (int) Math.max(1, Math.ceil(wallSeconds - 1e-9));
      out.add(new StopRule(s.metric(), whole, s.window(), live.logic(), s.key()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return List.copyOf(out);
  }

  /** How a line names the rule, e.g. {@code error_rate CRITICAL for 60s (every second)}. */
  public String describe() {
    String model = human(configured);
    boolean sameOnTheWall = configured.equals(Duration.ofSeconds(windowSeconds));
    return String.format(
        Locale.ROOT,
        "%s CRITICAL for %s%s (%s)",
        metric,
        model,
        sameOnTheWall ? "" : " (" + windowSeconds + "s wall-clock)",
        logic == StopLogic.EVERY_SECOND ? "every second" : "over the window");
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
