package io.phantommesh.perf.spike;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.phantommesh.perf.results.TimelineSecond;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How long a target takes to recover from the spike: the seconds from the spike's end until the
 * per-second P99 is back at or under its target and stays there.
 *
 * <p>Stateless, pure. Definition: the spike ends when the hold ends (start of the measured load +
 * baseline + ramp-up + hold), in the wall-clock second {@code E} holding that instant. The measured
 * load starts after the silent warm-up: Gatling's run start + {@code phantom.journey.warm-up}; the
 * spike run's sidecar states the sum as {@code spike_end_after_run_start_ms}. Recovery is the least
 * {@code r >= 0} such that each of the seconds {@code E + r .. E + r + n - 1} has responses and a
 * P99 at or under the target ({@code n} = recovery-stable-seconds). A second without responses (a
 * stall, or a gap in the timeline) is not "under the target". No such {@code r} before the timeline
 * ends: not recovered.
 */
public final class SpikeRecovery {
  private SpikeRecovery() {}

  /**
   * Recovery time in seconds, or empty when the P99 never stayed under the target long enough.
   *
   * @param timeline per-second figures of the run, in any order (gaps allowed)
   * @param spikeEndEpochSecond the second the spike ends in, see {@link #spikeEndEpochSecond}
   * @param p99TargetMillis the P99 target, milliseconds, >= 0
   * @param stableSeconds consecutive seconds under the target that count as recovered, >= 1
   */
  public static OptionalLong compute(
      List<TimelineSecond> timeline,
      long spikeEndEpochSecond,
      long p99TargetMillis,
      int stableSeconds) {
    if (stableSeconds < 1) {
      throw new IllegalArgumentException("stableSeconds must be >= 1, was " + stableSeconds);
    }
    Map<Long, TimelineSecond> bySecond = new HashMap<>();
    long last = Long.MIN_VALUE;
    for (TimelineSecond s : timeline) {
      bySecond.put(s.epochSecond(), s);
      last = Math.max(last, s.epochSecond());
    }
    int streak = 0;
    for (long sec = spikeEndEpochSecond; sec <= last; sec++) {
      TimelineSecond s = bySecond.get(sec);
      boolean under = s != null && s.responses() > 0 && s.p99Millis() <= p99TargetMillis;
      streak = under ? streak + 1 : 0;
      if (streak == stableSeconds) {
        return OptionalLong.of(sec - stableSeconds + 1 - spikeEndEpochSecond);
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The wall-clock second the spike ends in: measured-load start + baseline + ramp-up + hold.
   *
   * @param loadStartEpochMillis start of the measured load (Gatling's run start + warm-up), epoch
   *     ms
   */
  public static long spikeEndEpochSecond(long loadStartEpochMillis, SpikeFacts spike) {
    return Math.floorDiv(loadStartEpochMillis + spike.spikeEndMs(), 1000);
  }

  /**
   * Spike figures of a run for result.json ({@code extra.spike}).
   *
   * @param timeline the run's per-second figures
   * @param loadStartEpochMillis start of the measured load (Gatling's run start + warm-up), epoch
   *     ms
   * @param p99TargetMillis the spike profile's P99 target, milliseconds
   */
  public static Summary summarize(
      List<TimelineSecond> timeline,
      long loadStartEpochMillis,
      SpikeFacts spike,
      long p99TargetMillis) {
    long start = Math.floorDiv(loadStartEpochMillis + spike.spikeStartMs(), 1000);
    long end = spikeEndEpochSecond(loadStartEpochMillis, spike);
    long maxP99 = 0;
    long peak = 0;
    for (TimelineSecond s : timeline) {
      if (s.epochSecond() >= start && s.epochSecond() <= end) {
        maxP99 = Math.max(maxP99, s.p99Millis());
        peak = Math.max(peak, s.responses());
      }
    }
    OptionalLong r = compute(timeline, end, p99TargetMillis, spike.recoveryStableSeconds());
    return new Summary(
        start,
        end,
        p99TargetMillis,
        spike.recoveryStableSeconds(),
        r.isPresent() ? r.getAsLong() : null,
        r.isPresent(),
        maxP99,
        peak);
  }

  /**
   * The spike's figures, ready to serialize.
   *
   * @param spikeStartEpochSecond the second the ramp-up starts in
   * @param spikeEndEpochSecond the second the hold ends in; recovery counts from here
   * @param p99TargetMillis the P99 target recovery is judged against
   * @param stableSeconds consecutive seconds under the target that count as recovered
   * @param recoverySeconds seconds from the spike's end to recovery; null when not recovered
   * @param recovered whether the target recovered before the run ended
   * @param maxP99MillisDuringSpike the worst per-second P99 from spike start to spike end
   * @param peakResponsesPerSecond the most responses in one second from spike start to spike end
   */
  @JsonPropertyOrder({
    "spike_start_epoch_second",
    "spike_end_epoch_second",
    "p99_target_ms",
    "stable_seconds",
    "recovery_seconds",
    "recovered",
    "max_p99_ms_during_spike",
    "peak_responses_per_second"
  })
  public record Summary(
      @JsonProperty("spike_start_epoch_second") long spikeStartEpochSecond,
      @JsonProperty("spike_end_epoch_second") long spikeEndEpochSecond,
      @JsonProperty("p99_target_ms") long p99TargetMillis,
      @JsonProperty("stable_seconds") int stableSeconds,
      @JsonProperty("recovery_seconds") Long recoverySeconds,
      @JsonProperty("recovered") boolean recovered,
      @JsonProperty("max_p99_ms_during_spike") long maxP99MillisDuringSpike,
      @JsonProperty("peak_responses_per_second") long peakResponsesPerSecond) {}
}
