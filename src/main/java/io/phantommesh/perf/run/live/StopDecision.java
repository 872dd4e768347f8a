package io.phantommesh.perf.run.live;

import io.phantommesh.perf.verdict.Verdict;
import java.util.Objects;

/**
 * A stop rule that fired: which, when, and the verdict of its window that made it fire.
 *
 * <p>Immutable.
 *
 * @param rule the rule
 * @param firedAtEpochMillis wall-clock instant the monitor decided to stop
 * @param windowFromSecond first second of the window that was CRITICAL, epoch seconds
 * @param windowToSecond first second after it, epoch seconds
 * @param verdict the CRITICAL verdict of the window (the last second of it, with every-second)
 */
public record StopDecision(
    StopRule rule,
    long firedAtEpochMillis,
    long windowFromSecond,
    long windowToSecond,
    Verdict verdict) {
  public StopDecision {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** One line for the console and for Gatling's stop message. */
  public String message() {
    return "stop rule "
        + rule.key()
        + " fired: "
        + rule.describe()
        + "; last window "
        + verdict.detail();
  }
}
