package io.phantommesh.perf.simulation.journey;

/**
 * Names of the requests the journeys send. They are part of the result schema: they appear in
 * simulation.log, result.json, report.md and the HTML report, so they change only on purpose.
 */
public final class RequestNames {
  public static final String HEALTH = "health";
  public static final String REGISTER_PEER = "register peer";
  public static final String OPEN_TUNNEL = "open tunnel";
  public static final String KEEPALIVE = "keepalive";
  public static final String REPORT_THREAT = "report threat signal";
  public static final String CLOSE_TUNNEL = "close tunnel";

  private RequestNames() {}
}
