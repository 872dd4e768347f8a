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

  /** Reads {@code phantom.profiles.ramp-up}. */
  static RampUpProfile read(SettingsReader r) {
    double start = r.rate("start-rate");
    double peak = r.rate("peak-rate");
    if (r.isValid("start-rate") && r.isValid("peak-rate") && peak < start) {
      r.bad(
          "peak-rate",
          "must be >= " + r.key("start-rate") + " (" + SettingsReader.fmt(start) + ")");
    }
    Duration ramp = r.duration("ramp", Duration.ofMillis(1), Duration.ofDays(30));
    Duration total = r.duration("duration", Duration.ofMillis(1), Duration.ofDays(30));
    if (r.isValid("ramp") && r.isValid("duration") && total.compareTo(ramp) < 0) {
      r.bad("duration", "must be >= " + r.key("ramp") + " (" + SettingsReader.human(ramp) + ")");
      total = ramp;
    }
    return new RampUpProfile(start, Math.max(start, peak), ramp, total);
  }

  /** Length of the hold at the peak rate. */
  public Duration hold() {
    return duration.minus(ramp);
  }
}
