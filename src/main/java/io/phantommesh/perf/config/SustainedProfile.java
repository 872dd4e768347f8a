package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * The sustained model: a short linear ramp-in from 0, then a constant rate for a long hold.
 *
 * <p>Immutable. The ramp-in exists because a cold start measures the injector and the target
 * warming up (JIT compilation, connection set-up, pools filling), not the steady state the model is
 * about; a few seconds of ramp let both settle while the load is still light.
 *
 * @param rate request rate over all injectors during the hold, > 0
 * @param rampIn linear climb from 0 to {@code rate}, >= 0 (0: start at the full rate)
 * @param hold time at the full rate, > 0
 */
public record SustainedProfile(double rate, Duration rampIn, Duration hold) {

  /** Reads {@code phantom.profiles.sustained}. */
  static SustainedProfile read(SettingsReader r) {
    return new SustainedProfile(
        r.rate("rate"),
        r.duration("ramp-in", Duration.ZERO, Duration.ofHours(1)),
        r.duration("hold", Duration.ofMillis(1), Duration.ofDays(30)));
  }

  /** Whole run: ramp-in plus hold. */
  public Duration duration() {
    return rampIn.plus(hold);
  }
}
