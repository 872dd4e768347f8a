package io.phantommesh.perf.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
 * @param warmUpTarget where the warm-up's requests go
 */
public record JourneySettings(
    int keepalives,
    Duration keepaliveInterval,
    int threatSignals,
    double sessionShare,
    Duration warmUp,
    double warmUpRate,
    WarmUpTarget warmUpTarget) {

  /** Where the silent warm-up sends its requests ({@code phantom.journey.warm-up-target}). */
  public enum WarmUpTarget {
    /**
     * A separate embedded service on a free loopback port, started for the warm-up and closed after
     * it: the warm-up warms the injector, never the target the run measures.
     */
    EMBEDDED,
    /**
     * The run's own target, at most at the model's starting rate: for users who want the target
     * warm too (caches, pools). A soak then samples a target that took the warm-up's load.
     */
    TARGET;

    /** The value as written in the configuration. */
    public String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A journey whose warm-up goes to a separate embedded service (the default). */
  public JourneySettings(
      int keepalives,
      Duration keepaliveInterval,
      int threatSignals,
      double sessionShare,
      Duration warmUp,
      double warmUpRate) {
    this(
        keepalives,
        keepaliveInterval,
        threatSignals,
        sessionShare,
        warmUp,
        warmUpRate,
        WarmUpTarget.EMBEDDED);
  }

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
        r.rate("warm-up-rate"),
        warmUpTarget(r));
  }

  private static WarmUpTarget warmUpTarget(SettingsReader r) {
    WarmUpTarget t =
        r.parsed(
            "warm-up-target",
            "must be one of "
                + Arrays.stream(WarmUpTarget.values())
                    .map(WarmUpTarget::configValue)
                    .collect(Collectors.joining(", ")),
            text ->
                Arrays.stream(WarmUpTarget.values())
                    .filter(w -> w.configValue().equalsIgnoreCase(text))
                    .findFirst()
                    .orElse(null));
    return t == null ? WarmUpTarget.EMBEDDED : t;
  }
}
