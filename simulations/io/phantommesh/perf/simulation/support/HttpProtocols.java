package io.phantommesh.perf.simulation.support;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.phantommesh.perf.config.TargetSettings;

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
 * Both warm up on the target's own /health (never an outside URL) before load starts.
 */
public final class HttpProtocols {
  private static final String USER_AGENT = "phantom-mesh-perf/0.1 (Gatling)";

  private HttpProtocols() {}

  /** Protocol of the VPN session journey: own connection per session, bearer token. */
  public static HttpProtocolBuilder sessions(TargetSettings target) {
    return base(target).authorizationHeader("Bearer " + target.apiToken().reveal());
  }

  /** Protocol of /health probes: shared connections, no credentials. */
  public static HttpProtocolBuilder probes(TargetSettings target) {
    return base(target).shareConnections();
  }

  /**
   * Protocol of the health baseline: /health probes, each virtual user on its own connection (no
   * sharing), as the staging report's test opened one connection per request; no credentials.
   */
  public static HttpProtocolBuilder ownConnectionProbes(TargetSettings target) {
    return base(target);
  }

  /**
   * A protocol whose every request is silent: sent and checked, never recorded. For the warm-up
   * phase, whose JIT compilation and connection set-up must not reach the figures.
   */
  public static HttpProtocolBuilder warmUp(HttpProtocolBuilder protocol) {
    return protocol.silentUri(".*");
  }

  private static HttpProtocolBuilder base(TargetSettings target) {
    String url = target.baseUrl().orElseThrow().toString();
    return http.baseUrl(url)
        .warmUp(url + target.paths().health())
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .userAgentHeader(USER_AGENT);
  }
}
