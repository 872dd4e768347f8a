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
 */
public record JourneySettings(
    int keepalives, Duration keepaliveInterval, int threatSignals, double sessionShare) {

  /** Requests one session sends: register, open, keepalives, signals, close. */
  public int requestsPerSession() {
    return 3 + keepalives + threatSignals;
  }
}
