package io.phantommesh.perf.embedded;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.StringJoiner;

/**
 * The route table of the VPN core API: which method and path template each {@link Endpoint}
 * answers, and the matching of a request path against it.
 *
 * <p>Immutable and stateless. A template has at most one {@code {id}} parameter, which matches one
 * non-empty path segment. {@link #ROUTES} is also what the OpenAPI document is checked against, so
 * a route added here cannot go undocumented.
 */
final class VpnRoutes {

  /**
   * One route.
   *
   * @param method HTTP method
   * @param template path template, e.g. {@code /api/v1/tunnels/{id}/keepalive}
   * @param endpoint counter name of the route
   */
  record Route(HttpMethod method, String template, Endpoint endpoint) {
    private static final String PARAM = "{id}";

    /** The path parameter when {@code path} matches; null when it does not; "" without one. */
    String bind(String path) {
      int at = template.indexOf(PARAM);
      if (at < 0) {
        return template.equals(path) ? "" : null;
      }
      String prefix = template.substring(0, at);
      String suffix = template.substring(at + PARAM.length());
      if (path.length() <= prefix.length() + suffix.length()
          || !path.startsWith(prefix)
          || !path.endsWith(suffix)) {
        return null;
      }
      String id = path.substring(prefix.length(), path.length() - suffix.length());
      return id.indexOf('/') < 0 ? id : null;
    }
  }

  /**
   * The result of matching a request: a route and its parameter, or no route with the methods the
   * path would accept (empty when the path is unknown).
   */
  record Match(Route route, String param, String allowedMethods) {
    boolean isFound() {
      return route != null;
    }

    boolean isPathKnown() {
      return route != null || !allowedMethods.isEmpty();
    }

    Endpoint endpoint() {
      return route == null ? Endpoint.OTHER : route.endpoint();
    }
  }

  static final String API_PREFIX = "/api/v1/";

  static final List<Route> ROUTES =
      List.of(
          new Route(HttpMethod.GET, "/health", Endpoint.HEALTH),
          new Route(HttpMethod.POST, "/api/v1/peers", Endpoint.REGISTER_PEER),
          new Route(HttpMethod.POST, "/api/v1/tunnels", Endpoint.OPEN_TUNNEL),
          new Route(HttpMethod.POST, "/api/v1/tunnels/{id}/keepalive", Endpoint.KEEPALIVE),
          new Route(HttpMethod.POST, "/api/v1/threat-signals", Endpoint.THREAT_SIGNAL),
          new Route(HttpMethod.DELETE, "/api/v1/tunnels/{id}", Endpoint.CLOSE_TUNNEL),
          new Route(HttpMethod.GET, "/metrics", Endpoint.METRICS));

  private VpnRoutes() {}

  /**
   * Matches a request.
   *
   * @param path the request path without query string
   */
  static Match match(HttpMethod method, String path) {
    StringJoiner allowed = null;
    for (Route r : ROUTES) {
      String param = r.bind(path);
      if (param == null) {
        continue;
      }
      if (r.method().equals(method)) {
        return new Match(r, param, r.method().name());
      }
      if (allowed == null) {
        allowed = new StringJoiner(", ");
      }
      allowed.add(r.method().name());
    }
    return new Match(null, null, allowed == null ? "" : allowed.toString());
  }

  /** True for paths under {@code /api/v1/}, which need the bearer token. */
  static boolean isApiPath(String path) {
    return path.startsWith(API_PREFIX) || path.equals("/api/v1");
  }

  /** The path of a request target: without query string or fragment. */
  static String pathOf(String uri) {
    int end = uri.length();
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    return uri.substring(0, end);
  }
}
