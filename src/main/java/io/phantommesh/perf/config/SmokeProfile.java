package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * A short, low-rate run of the real journeys, for CI.
 *
 * <p>Immutable.
 *
 * @param rate request rate over all injectors, > 0
 * @param duration run length, > 0
 */
public record SmokeProfile(double rate, Duration duration) {

  /** Reads {@code phantom.profiles.smoke}. */
  static SmokeProfile read(SettingsReader r) {
    return new SmokeProfile(
        r.rate("rate"), r.duration("duration", Duration.ofMillis(1), Duration.ofHours(1)));
  }
}
