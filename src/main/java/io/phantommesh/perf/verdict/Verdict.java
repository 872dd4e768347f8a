package io.phantommesh.perf.verdict;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tier of one figure of a run against its limits, with the figure and limits it came from.
 *
 * <p>Immutable. Any metric may be judged: the six SLO metrics come from {@link VerdictEvaluator};
 * other load models append theirs (soak memory growth, spike recovery, baseline regression) built
 * with {@link #evaluate}. Build values with {@link Rounding} first, so the published value
 * re-derives the tier.
 *
 * @param metric stable machine name, snake_case, unique within a document (e.g. {@code
 *     latency_p99}); the JUnit test case name
 * @param label short human name (e.g. {@code P99}); defaults to {@code metric}
 * @param value the figure, in {@code unit}; {@code null} when it could not be measured (then the
 *     tier is given, not derived, and {@code detail} says why)
 * @param unit unit of value and limits ({@link Units}), may be empty for a bare number
 * @param bound direction and strictness of the limits
 * @param target the PASS limit
 * @param critical the CRITICAL limit; {@code null} when the metric has no CRITICAL tier
 * @param tier the outcome
 * @param detail one line stating why, e.g. {@code 312.0 ms > critical 300 ms}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "metric",
  "label",
  "value",
  "unit",
  "bound",
  "target",
  "critical",
  "tier",
  "detail"
})
public record Verdict(
    String metric,
    String label,
    Double value,
    String unit,
    Bound bound,
    double target,
    Double critical,
    Tier tier,
    String detail) {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Verdict {
    Objects.requireNonNull(metric, "metric");
    if (!METRIC_NAME.matcher(metric).matches()) {
      throw new IllegalArgumentException(
          "metric name '" + metric + "' must be snake_case: [a-z][a-z0-9_]*, e.g. latency_p99");
    }
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(tier, "tier");
    label = label == null || label.isBlank() ? metric : label;
    unit = unit == null ? "" : unit;
    detail = detail == null ? "" : detail;
    if (critical != null && (bound.isFloor() ? critical > target : critical < target)) {
      throw new IllegalArgumentException(
          metric
              + ": critical limit "
              + critical
              + " is on the PASS side of target "
              + target
              + " for a "
              + bound
              + " bound");
    }
  }

  /**
   * Judges {@code value} against the limits: derives the tier and a one-line detail.
   *
   * @param metric stable snake_case name, e.g. {@code soak_memory_growth}
   * @param label short human name, e.g. {@code Memory growth}
   * @param value the figure in {@code unit}, already rounded with {@link Rounding}
   * @param unit unit of value and limits, e.g. {@link Units#PERCENT_PER_DAY}
   * @param bound direction and strictness
   * @param target the PASS limit
   * @param critical the CRITICAL limit, or {@code null} for a metric whose worst tier is WARNING
   */
  public static Verdict evaluate(
      String metric,
      String label,
      double value,
      String unit,
      Bound bound,
      double target,
      Double critical) {
    Tier tier = bound.tierOf(value, target, critical);
    String v = Formats.shownValue(value, unit == null ? "" : unit);
    String t = Formats.limit(target, unit == null ? "" : unit);
    String detail =
        switch (tier) {
          case PASS -> v + " " + bound.passAscii() + " target " + t;
          case WARNING ->
              v
                  + " "
                  + bound.failAscii()
                  + " target "
                  + t
                  + (critical == null
                      ? ""
                      : ", "
                          + bound.withinCriticalAscii()
                          + " critical "
                          + Formats.limit(critical, unit == null ? "" : unit));
          case CRITICAL ->
              v
                  + " "
                  + bound.criticalAscii()
                  + " critical "
                  + Formats.limit(critical, unit == null ? "" : unit);
        };
    return new Verdict(metric, label, value, unit, bound, target, critical, tier, detail);
  }

  /**
   * A verdict whose figure could not be measured: no value, the given tier and the reason.
   *
   * @param reason why there is no value, e.g. {@code no requests were recorded}
   */
  public static Verdict unmeasured(
      String metric,
      String label,
      String unit,
      Bound bound,
      double target,
      Double critical,
      Tier tier,
      String reason) {
    return new Verdict(metric, label, null, unit, bound, target, critical, tier, reason);
  }
}
