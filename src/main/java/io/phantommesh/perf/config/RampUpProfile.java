package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * The seed's ramp-up model: a linear ramp of the request rate, then a hold at the peak.
 *
 * <p>Immutable. Rates are requests per second over all injectors.
 *
 * @param startRate rate at the start of the ramp, > 0
 * @param peakRate rate at the end of the ramp and during the hold, >= startRate
 * @param ramp length of the ramp, > 0
 * @param duration whole run, ramp included, >= ramp
 */
public record RampUpProfile(double startRate, double peakRate, Duration ramp, Duration duration) {

  /** Length of the hold at the peak rate. */
  public Duration hold() {
    return duration.minus(ramp);
  }
}
