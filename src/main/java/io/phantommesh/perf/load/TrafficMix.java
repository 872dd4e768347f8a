package io.phantommesh.perf.load;

import io.phantommesh.perf.config.InjectorSettings;
import io.phantommesh.perf.config.JourneySettings;

/**
 * Splits a plan of request rates into the user-arrival plans of the two scenarios: VPN sessions and
 * /health probes, for this injector's share.
 *
 * <p>A session sends {@link JourneySettings#requestsPerSession()} requests and a probe one, so
 * {@code sessions/s = req/s x session-share / requests-per-session / injectors} and {@code probes/s
 * = req/s x (1 - session-share) / injectors}. Stateless.
 */
public final class TrafficMix {
  /** Scenario names; part of the result schema (they appear in simulation.log). */
  public static final String SESSION_SCENARIO = "vpn-session";

  public static final String HEALTH_SCENARIO = "health-probe";

  private TrafficMix() {}

  /** Plans of the two scenarios for a request-rate plan (rates in requests per second). */
  public static Split split(
      LoadPlan requestRates, JourneySettings journey, InjectorSettings injector) {
    double share = journey.sessionShare();
    int perSession = journey.requestsPerSession();
    LoadPlan sessions =
        requestRates.scaled(SESSION_SCENARIO, r -> injector.share(r) * share / perSession);
    LoadPlan probes = requestRates.scaled(HEALTH_SCENARIO, r -> injector.share(r) * (1 - share));
    return new Split(sessions, probes, perSession);
  }

  /**
   * The two scenario plans.
   *
   * @param requestsPerSession requests one session sends
   */
  public record Split(LoadPlan sessions, LoadPlan probes, int requestsPerSession) {

    /** Requests expected from both plans in {@code [fromSeconds, toSeconds)} of arrivals. */
    public double requestsBetween(double fromSeconds, double toSeconds) {
      return sessions.arrivalsBetween(fromSeconds, toSeconds) * requestsPerSession
          + probes.arrivalsBetween(fromSeconds, toSeconds);
    }

    /** Requests expected over the whole run. */
    public double requests() {
      return sessions.arrivals() * requestsPerSession + probes.arrivals();
    }
  }
}
