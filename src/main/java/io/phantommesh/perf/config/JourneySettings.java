package io.phantommesh.perf.config;

import java.time.Duration;

/**
 * Shape of the VPN session journey and of the traffic mix.
 *
 * <p>Immutable.
 *
 * @param keepalives keepalives per session, 0..100
 * @param keepaliveInterval pause before each keepalive, >= 0
 * @param threatSignals threat signals per session, 0..100
 * @param sessionShare share of the request rate carried by sessions, 0.0..1.0; the rest is /health
 * @param warmUp length of the silent warm-up before the measured load, >= 0 (0: none)
 * @param warmUpRate request rate of the warm-up over all injectors, req/s, > 0
 */
public record JourneySettings(
    int keepalives,
    Duration keepaliveInterval,
    int threatSignals,
    double sessionShare,
    Duration warmUp,
    double warmUpRate) {

  /** Requests one session sends: register, open, keepalives, signals, close. */
  public int requestsPerSession() {
    return 3 + keepalives + threatSignals;
  }

  /** Reads {@code phantom.journey}. */
  static JourneySettings read(SettingsReader r) {
    return new JourneySettings(
        r.integer("keepalives", 0, 100),
        r.duration("keepalive-interval", Duration.ZERO, Duration.ofHours(1)),
        r.integer("threat-signals", 0, 100),
        r.number("session-share", 0, true, 1, ""),
        r.duration("warm-up", Duration.ZERO, Duration.ofHours(1)),
        r.rate("warm-up-rate"));
  }
}
