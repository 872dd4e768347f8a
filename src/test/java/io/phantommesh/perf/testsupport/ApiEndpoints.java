package io.phantommesh.perf.testsupport;

import java.util.Map;

/**
 * The embedded service's endpoint (as its request counters name it) of each request name the
 * journeys record, for tests that check Gatling's counts against the service's own.
 */
public final class ApiEndpoints {
  /** Request name in simulation.log → {@code METHOD /path} of the embedded service's counters. */
  public static final Map<String, String> OF_REQUEST =
      Map.of(
          "register peer", "POST /api/v1/peers",
          "open tunnel", "POST /api/v1/tunnels",
          "keepalive", "POST /api/v1/tunnels/{id}/keepalive",
          "report threat signal", "POST /api/v1/threat-signals",
          "close tunnel", "DELETE /api/v1/tunnels/{id}");

  private ApiEndpoints() {}
}
