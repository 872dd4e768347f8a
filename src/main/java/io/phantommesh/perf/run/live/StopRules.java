package io.phantommesh.perf.run.live;

import io.phantommesh.perf.config.LiveSettings.StopLogic;
import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.List;
import java.util.Optional;

/**
 * Applies stop rules to the whole seconds of a run as they are closed, judging each window with the
 * result's own {@link VerdictEvaluator} against the model's SLO.
 *
 * <p>A second without a response is no evidence: it breaks an every-second streak and is left out
 * of a window's figures. The first, partial second of the run is never judged. Mutable, not
 * thread-safe (the monitor calls it under its lock).
 */
final class StopRules {
  private final List<StopRule> rules;
  private final SloSettings slo;
  private final int[] streaks;
  private long nextSecond = Long.MIN_VALUE;

  StopRules(List<StopRule> rules, SloSettings slo) {
    this.rules = List.copyOf(rules);
    this.slo = slo;
    this.streaks = new int[rules.size()];
  }

  /**
   * Judges every second in {@code [firstWholeSecond, closedToSecond)} not judged yet, in order.
   *
   * @param firstWholeSecond the first second that may be judged, epoch seconds
   * @param closedToSecond seconds before this one are complete, epoch seconds
   * @return the first rule that fires, if one does
   */
  Optional<StopDecision> advance(
      SecondBuckets seconds, long firstWholeSecond, long closedToSecond) {
    if (rules.isEmpty() || firstWholeSecond == Long.MAX_VALUE || closedToSecond == Long.MIN_VALUE) {
      return Optional.empty();
    }
    long s = Math.max(nextSecond, firstWholeSecond);
    for (; s < closedToSecond; s++) {
      nextSecond = s + 1;
      WindowFigures one = seconds.window(s, s + 1);
      List<Verdict> ofSecond =
          one.responses() == 0 ? List.of() : VerdictEvaluator.evaluate(one.asRunStatistics(), slo);
      for (int i = 0; i < rules.size(); i++) {
        StopRule rule = rules.get(i);
        int w = rule.windowSeconds();
        Optional<Verdict> critical;
        if (rule.logic() == StopLogic.EVERY_SECOND) {
          Optional<Verdict> v = critical(ofSecond, rule.metric());
          streaks[i] = v.isPresent() ? streaks[i] + 1 : 0;
          critical = streaks[i] >= w ? v : Optional.empty();
        } else if (s - firstWholeSecond + 1 >= w) {
          WindowFigures window = seconds.window(s - w + 1, s + 1);
          critical =
              window.responses() == 0
                  ? Optional.empty()
                  : critical(
                      VerdictEvaluator.evaluate(window.asRunStatistics(), slo), rule.metric());
        } else {
          critical = Optional.empty();
        }
        if (critical.isPresent()) {
          return Optional.of(
              new StopDecision(rule, System.currentTimeMillis(), s - w + 1, s + 1, critical.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Verdict> critical(List<Verdict> verdicts, String metric) {
    return verdicts.stream()
        .filter(v -> v.metric().equals(metric) && v.tier() == Tier.CRITICAL)
        .findFirst();
  }
}
