package io.phantommesh.perf.spike;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.phantommesh.perf.config.SpikeProfile;
import java.time.Duration;

/**
 * The shape of the spike a run actually ran, recorded by the simulation in the run's sidecar, so
 * that the recovery is judged against the spike that ran, whatever the settings are when the run is
 * reported.
 *
 * <p>Immutable. Offsets in milliseconds from the start of the measured load (the end of the
 * warm-up); rates in requests per second over all injectors.
 *
 * @param warmUpMs the silent warm-up before the measured load, >= 0
 * @param baselineRate rate before and after the spike, > 0
 * @param peakRate rate held during the spike
 * @param spikeStartMs when the climb from the baseline begins
 * @param spikeEndMs when the hold ends and the rate starts to fall: recovery counts from here
 * @param recoveryWindowMs time at the baseline after the ramp-down, the recovery's limit
 * @param recoveryStableSeconds consecutive seconds under the P99 target that count as recovered
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "warm_up_ms",
  "baseline_rate",
  "peak_rate",
  "spike_start_ms",
  "spike_end_ms",
  "recovery_window_ms",
  "recovery_stable_seconds"
})
public record SpikeFacts(
    long warmUpMs,
    double baselineRate,
    double peakRate,
    long spikeStartMs,
    long spikeEndMs,
    long recoveryWindowMs,
    int recoveryStableSeconds) {

  /** The facts of a run of {@code profile} after a warm-up of {@code warmUp}. */
  public static SpikeFacts of(SpikeProfile profile, Duration warmUp) {
    return new SpikeFacts(
        warmUp.toMillis(),
        profile.baselineRate(),
        profile.peakRate(),
        profile.spikeStartOffset().toMillis(),
        profile.spikeEndOffset().toMillis(),
        profile.recovery().toMillis(),
        profile.recoveryStableSeconds());
  }

  /** The recovery window, seconds: a recovery later than this is not one. */
  public double recoveryWindowSeconds() {
    return recoveryWindowMs / 1000.0;
  }
}
