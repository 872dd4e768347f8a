package io.phantommesh.perf.embedded;

/**
 * The endpoints of the VPN core API, as named in request counters and in {@code /metrics}.
 *
 * <p>Each label is {@code "<METHOD> <path template>"}; every request that matches no route (unknown
 * path, or a known path with the wrong method) counts under {@link #OTHER}. The labels are part of
 * the result schema: tests compare them with Gatling's request names, so never rename one.
 */
public enum Endpoint {
  HEALTH("GET /health"),
  REGISTER_PEER("POST /api/v1/peers"),
  OPEN_TUNNEL("POST /api/v1/tunnels"),
  KEEPALIVE("POST /api/v1/tunnels/{id}/keepalive"),
  THREAT_SIGNAL("POST /api/v1/threat-signals"),
  CLOSE_TUNNEL("DELETE /api/v1/tunnels/{id}"),
  METRICS("GET /metrics"),
  OTHER("other");

  private final String label;

  Endpoint(String label) {
    this.label = label;
  }

  /** The label used by counters and metrics, e.g. {@code "POST /api/v1/peers"}. */
  public String label() {
    return label;
  }

  /** The endpoint with this label, or {@link #OTHER} when none has it. */
  public static Endpoint fromLabel(String label) {
    for (Endpoint e : values()) {
      if (e.label.equals(label)) {
        return e;
      }
    }
    return OTHER;
  }

  @Override
  public String toString() {
    return label;
  }
}
