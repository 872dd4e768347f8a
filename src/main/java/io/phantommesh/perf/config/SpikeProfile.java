package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * The spike model: a baseline rate, a sudden climb to a peak, a hold, a return to the baseline,
 * then a recovery period at the baseline in which the post-processor measures how long the P99
 * takes to come back under its target.
 *
 * <p>Immutable. Rates are requests per second over all injectors.
 *
 * @param baselineRate rate before and after the spike, > 0
 * @param baseline time at the baseline before the spike, > 0
 * @param peakRate rate held during the spike, >= baselineRate
 * @param rampUp climb from baseline to peak, >= 0 (0: a step)
 * @param hold time at the peak, > 0
 * @param rampDown return from peak to baseline, >= 0 (0: a step)
 * @param recovery time at the baseline after the ramp-down, > 0
 * @param recoveryStableSeconds consecutive seconds the per-second P99 must stay under its target
 *     for the system to count as recovered, 1..3600
 */
public record SpikeProfile(
    double baselineRate,
    Duration baseline,
    double peakRate,
    Duration rampUp,
    Duration hold,
    Duration rampDown,
    Duration recovery,
    int recoveryStableSeconds) {

  /** Reads {@code phantom.profiles.spike}. */
  static SpikeProfile read(SettingsReader r) {
    double baseline = r.rate("baseline-rate");
    double peak = r.rate("peak-rate");
    if (r.isValid("baseline-rate") && r.isValid("peak-rate") && peak < baseline) {
      r.bad(
          "peak-rate",
          "must be >= " + r.key("baseline-rate") + " (" + SettingsReader.fmt(baseline) + ")");
    }
    Duration recovery = r.duration("recovery", Duration.ofMillis(1), Duration.ofDays(30));
    int stable = r.integer("recovery-stable-seconds", 1, 3600);
    if (r.isValid("recovery")
        && r.isValid("recovery-stable-seconds")
        && stable > recovery.toSeconds()) {
      r.bad(
          "recovery-stable-seconds",
          "must be <= "
              + r.key("recovery")
              + " ("
              + SettingsReader.human(recovery)
              + "), or recovery can never be seen");
    }
    return new SpikeProfile(
        baseline,
        r.duration("baseline", Duration.ofMillis(1), Duration.ofDays(30)),
        Math.max(baseline, peak),
        r.duration("ramp-up", Duration.ZERO, Duration.ofDays(1)),
        r.duration("hold", Duration.ofMillis(1), Duration.ofDays(30)),
        r.duration("ramp-down", Duration.ZERO, Duration.ofDays(1)),
        recovery,
        stable);
  }

  /** Whole run: baseline, ramp-up, hold, ramp-down and recovery. */
  public Duration duration() {
    return baseline.plus(rampUp).plus(hold).plus(rampDown).plus(recovery);
  }

  /** Offset of the spike's start (the ramp-up begins) from the start of the run. */
  public Duration spikeStartOffset() {
    return baseline;
  }

  /**
   * Offset of the spike's end from the start of the run: baseline + ramp-up + hold, the instant the
   * rate starts falling back. Recovery is measured from here.
   */
  public Duration spikeEndOffset() {
    return baseline.plus(rampUp).plus(hold);
  }
}
