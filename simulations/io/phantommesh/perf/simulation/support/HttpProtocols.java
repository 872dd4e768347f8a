package io.phantommesh.perf.simulation.support;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.phantommesh.perf.config.TargetSettings;
import java.util.Optional;

/**
 * The HTTP protocols of the journeys, one per connection policy.
 *
 * <ul>
 *   <li>VPN sessions keep their own connection for the whole session, as a VPN client does: the
 *       target sees one connection per active session, its real fan-in.
 *   <li>/health probes share a pool of connections, as a monitoring system polling the service
 *       does; opening a connection per probe would measure TCP set-up, not the service.
 * </ul>
 *
 * Gatling's own one-request protocol warm-up goes to the URL given (the silent warm-up's
 * destination's /health, never an outside URL), or is disabled when there is none; so a target the
 * warm-up spares gets not even that request.
 */
public final class HttpProtocols {
  private static final String USER_AGENT = "phantom-mesh-perf/0.1 (Gatling)";

  private HttpProtocols() {}

  /**
   * Protocol of the VPN session journey: own connection per session, bearer token.
   *
   * @param protocolWarmUp URL of Gatling's protocol warm-up request; empty: none
   */
  public static HttpProtocolBuilder sessions(
      TargetSettings target, Optional<String> protocolWarmUp) {
    return base(target, protocolWarmUp).authorizationHeader("Bearer " + target.apiToken().reveal());
  }

  /** Protocol of /health probes: shared connections, no credentials. */
  public static HttpProtocolBuilder probes(TargetSettings target, Optional<String> protocolWarmUp) {
    return base(target, protocolWarmUp).shareConnections();
  }

  /**
   * Protocol of the health baseline: /health probes, each virtual user on its own connection (no
   * sharing), as the staging report's test opened one connection per request; no credentials.
   */
  public static HttpProtocolBuilder ownConnectionProbes(
      TargetSettings target, Optional<String> protocolWarmUp) {
    return base(target, protocolWarmUp);
  }

  /**
   * A protocol whose every request is silent: sent and checked, never recorded. For the warm-up
   * phase, whose JIT compilation and connection set-up must not reach the figures.
   */
  public static HttpProtocolBuilder warmUp(HttpProtocolBuilder protocol) {
    return protocol.silentUri(".*");
  }

  private static HttpProtocolBuilder base(TargetSettings target, Optional<String> protocolWarmUp) {
    String url = target.baseUrl().orElseThrow().toString();
    HttpProtocolBuilder http0 = http.baseUrl(url);
    HttpProtocolBuilder warmed =
        protocolWarmUp.isPresent() ? http0.warmUp(protocolWarmUp.get()) : http0.disableWarmUp();
    return warmed
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .userAgentHeader(USER_AGENT);
  }
}
