package io.phantommesh.perf.embedded;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Turns one request into one {@link Reply}, independent of connections and timing.
 *
 * <p>Thread-safe. The order of checks is part of the contract:
 *
 * <ol>
 *   <li>every request is counted as received;
 *   <li>a path under {@code /api/v1/} retains the leak's bytes and needs {@code Authorization:
 *       Bearer <token>}, else 401 (before the body is read, and before 404/405, so an
 *       unauthenticated client learns nothing about the routes);
 *   <li>an unknown path is 404, a known path with another method 405 with {@code Allow};
 *   <li>an API request may fail on purpose with 500 ({@code errorRatio});
 *   <li>the handler runs; an invalid body is 400, an unexpected exception 500.
 * </ol>
 *
 * Every answer is counted under its endpoint and status before it is returned.
 */
final class VpnApi {
  private static final AsciiString WWW_AUTHENTICATE = HttpHeaderNames.WWW_AUTHENTICATE;
  private static final String BEARER = "Bearer ";

  private final byte[] expectedToken;
  private final RequestCounters counters;
  private final FaultInjector faults;
  private final MemoryLeak leak;
  private final HealthHandler health;
  private final PeersHandler peers;
  private final TunnelsHandler tunnels;
  private final ThreatSignalsHandler signals;
  private final MetricsHandler metrics;

  VpnApi(
      String token,
      RequestCounters counters,
      FaultInjector faults,
      MemoryLeak leak,
      HealthHandler health,
      PeersHandler peers,
      TunnelsHandler tunnels,
      ThreatSignalsHandler signals,
      MetricsHandler metrics) {
    this.expectedToken = token.getBytes(StandardCharsets.UTF_8);
    this.counters = counters;
    this.faults = faults;
    this.leak = leak;
    this.health = health;
    this.peers = peers;
    this.tunnels = tunnels;
    this.signals = signals;
    this.metrics = metrics;
  }

  /**
   * The answer to a well-formed request.
   *
   * @param uri the request target (path and optional query)
   * @param body the request body; not released here
   */
  Reply answer(HttpMethod method, String uri, HttpHeaders headers, ByteBuf body) {
    counters.received();
    String path = VpnRoutes.pathOf(uri);
    VpnRoutes.Match match = VpnRoutes.match(method, path);
    Reply reply;
    try {
      reply = decide(match, path, headers, body);
    } catch (BadRequestException e) {
      reply = Reply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    } catch (RuntimeException e) {
      reply = Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }
    counters.answered(match.endpoint(), reply.code());
    return reply;
  }

  /** The answer to a request the HTTP decoder could not parse. */
  Reply malformed() {
    return counted(
        Endpoint.OTHER, Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
  }

  /** The answer to a request whose body exceeds the limit. */
  Reply tooLarge(HttpMethod method, String uri, int maxBytes) {
    Endpoint endpoint = VpnRoutes.match(method, VpnRoutes.pathOf(uri)).endpoint();
    return counted(
        endpoint,
        Reply.error(
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            "request body exceeds " + maxBytes + " bytes"));
  }

  /** The answer to any request during a 503-mode outage: 503 with {@code Retry-After}. */
  Reply unavailable(HttpMethod method, String uri) {
    Endpoint endpoint = VpnRoutes.match(method, VpnRoutes.pathOf(uri)).endpoint();
    return counted(
        endpoint,
        Reply.error(
                HttpResponseStatus.SERVICE_UNAVAILABLE, "service unavailable (scheduled outage)")
            .withHeader(HttpHeaderNames.RETRY_AFTER, "1"));
  }

  /** Counts a request that gets no answer (reset or stalled on purpose). */
  void receivedUnanswered() {
    counters.received();
  }

  /** Takes back an answer that was counted but never left the service (its connection closed). */
  void undelivered(Endpoint endpoint, Reply reply) {
    counters.unanswered(endpoint, reply.code());
  }

  private Reply counted(Endpoint endpoint, Reply reply) {
    counters.received();
    counters.answered(endpoint, reply.code());
    return reply;
  }

  private Reply decide(VpnRoutes.Match match, String path, HttpHeaders headers, ByteBuf body) {
    boolean api = VpnRoutes.isApiPath(path);
    if (api) {
      leak.onRequest();
      String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
      if (authorization == null) {
        return unauthorized("missing bearer token: send 'Authorization: Bearer <token>'");
      }
      if (!isValidToken(authorization)) {
        return unauthorized("invalid bearer token");
      }
    }
    if (!match.isFound()) {
      return match.isPathKnown()
          ? Reply.error(
                  HttpResponseStatus.METHOD_NOT_ALLOWED,
                  "method not allowed; allowed: " + match.allowedMethods())
              .withHeader(HttpHeaderNames.ALLOW, match.allowedMethods())
          : Reply.error(HttpResponseStatus.NOT_FOUND, "no such path: " + path);
    }
    if (api && faults.nextIsFailure()) {
      return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "injected failure");
    }
    return switch (match.endpoint()) {
      case HEALTH -> health.handle();
      case METRICS -> metrics.handle();
      case REGISTER_PEER -> peers.register(body);
      case OPEN_TUNNEL -> tunnels.open(body);
      case KEEPALIVE -> tunnels.keepAlive(match.param());
      case CLOSE_TUNNEL -> tunnels.close(match.param());
      case THREAT_SIGNAL -> signals.accept(body);
      case OTHER -> throw new IllegalStateException("route without endpoint: " + match);
    };
  }

  private boolean isValidToken(String authorization) {
    if (authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    // Constant time for tokens of the right length: no timing oracle on the token's prefix.
    return MessageDigest.isEqual(given, expectedToken);
  }

  private static Reply unauthorized(String message) {
    return Reply.error(HttpResponseStatus.UNAUTHORIZED, message)
        .withHeader(WWW_AUTHENTICATE, "Bearer realm=\"phantom-mesh\"");
  }
}
