package io.phantommesh.perf.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.LiveSettings.StopLogic;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stop rules over whole seconds, judged with the SLO's own verdicts (error rate > 5 %). */
class StopRulesTest {
  private static final long T0 = 1_764_590_400L;
  private static final SloSettings SLO = SettingsLoader.fromMap(java.util.Map.of()).slo();

  /** 100 responses per second for {@code seconds}; half fail in [failFrom, failTo). */
  private static SecondBuckets run(int seconds, int failFrom, int failTo, int emptySecond) {
    SecondBuckets b = new SecondBuckets(200);
    for (int s = 0; s < seconds; s++) {
      if (s == emptySecond) {
        continue;
      }
      for (int i = 0; i < 100; i++) {
        boolean fail = s >= failFrom && s < failTo && i % 2 == 0;
        b.record((T0 + s) * 1000 + i * 10, 5, !fail);
      }
    }
    return b;
  }

  private static StopRule errorRate(int window, StopLogic logic) {
    return new StopRule(
        VerdictEvaluator.ERROR_RATE,
        window,
        Duration.ofSeconds(window),
        logic,
        "phantom.live.stop.sustained.error-rate");
  }

  private static Optional<StopDecision> judgeSecondBySecond(
      StopRules rules, SecondBuckets b, int seconds) {
    for (int closed = 1; closed <= seconds; closed++) {
      Optional<StopDecision> d = rules.advance(b, T0 + 1, T0 + closed);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  @Test
  void firesWhenEverySecondOfTheWindowIsCritical() {
    StopRules rules = new StopRules(List.of(errorRate(5, StopLogic.EVERY_SECOND)), SLO);
    Optional<StopDecision> d = judgeSecondBySecond(rules, run(30, 5, 30, -1), 30);
    assertThat(d).isPresent();
    assertThat(d.get().windowFromSecond()).isEqualTo(T0 + 5);
    assertThat(d.get().windowToSecond()).isEqualTo(T0 + 10);
    assertThat(d.get().verdict().tier()).isEqualTo(Tier.CRITICAL);
    assertThat(d.get().verdict().value()).isEqualTo(0.5);
  }

  @Test
  void aBurstShorterThanTheWindowDoesNotFireEverySecond() {
    StopRules rules = new StopRules(List.of(errorRate(5, StopLogic.EVERY_SECOND)), SLO);
    assertThat(judgeSecondBySecond(rules, run(30, 5, 9, -1), 30)).isEmpty();
  }

  @Test
  void aSecondWithoutResponsesBreaksTheStreak() {
    StopRules rules = new StopRules(List.of(errorRate(5, StopLogic.EVERY_SECOND)), SLO);
    // CRITICAL from 5 to 12 but nothing at all in second 8: 3 + 3 seconds, never 5 in a row.
    assertThat(judgeSecondBySecond(rules, run(30, 5, 12, 8), 30)).isEmpty();
  }

  @Test
  void windowLogicJudgesTheWindowAsAWhole() {
    // 4 failing seconds of 5 at 50 %: 40 % over the window, CRITICAL as a whole.
    StopRules rules = new StopRules(List.of(errorRate(5, StopLogic.WINDOW)), SLO);
    Optional<StopDecision> d = judgeSecondBySecond(rules, run(30, 5, 9, -1), 30);
    assertThat(d).isPresent();
    assertThat(d.get().windowToSecond() - d.get().windowFromSecond()).isEqualTo(5);
  }

  @Test
  void aHealthyRunNeverFires() {
    StopRules rules =
        new StopRules(
            List.of(
                errorRate(2, StopLogic.EVERY_SECOND),
                new StopRule(
                    VerdictEvaluator.LATENCY_P99,
                    2,
                    Duration.ofSeconds(2),
                    StopLogic.WINDOW,
                    "phantom.live.stop.sustained.p99")),
            SLO);
    assertThat(judgeSecondBySecond(rules, run(30, 0, 0, -1), 30)).isEmpty();
  }

  @Test
  void theFirstPartialSecondIsNeverJudged() {
    StopRules rules = new StopRules(List.of(errorRate(1, StopLogic.EVERY_SECOND)), SLO);
    SecondBuckets b = run(3, 0, 1, -1);
    assertThat(rules.advance(b, T0 + 1, T0 + 3)).isEmpty();
  }
}
