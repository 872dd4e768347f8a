package io.phantommesh.perf.embedded;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET /metrics} in the Prometheus text format (version 0.0.4).
 *
 * <p>Thread-safe. Exposes {@code process_resident_memory_bytes}, {@code process_cpu_seconds_total},
 * {@code vpn_open_tunnels}, {@code vpn_registered_peers}, {@code vpn_uptime_seconds}, {@code
 * vpn_leaked_bytes} (the simulated leak), {@code vpn_threat_signals_total{severity}} and {@code
 * vpn_requests_total{endpoint,status}}. Like every request, a scrape is counted once answered, so
 * it shows in the next scrape, not in its own.
 */
final class MetricsHandler {
  private final RequestCounters counters;
  private final VpnState state;
  private final ThreatSignalsHandler signals;
  private final MemoryLeak leak;
  private final HealthHandler health;

  MetricsHandler(
      RequestCounters counters,
      VpnState state,
      ThreatSignalsHandler signals,
      MemoryLeak leak,
      HealthHandler health) {
    this.counters = counters;
    this.state = state;
    this.signals = signals;
    this.leak = leak;
    this.health = health;
  }

  Reply handle() {
    StringBuilder sb = new StringBuilder(2048);
    metric(sb, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.")
        .append("process_resident_memory_bytes ")
        .append(ProcessMetrics.residentMemoryBytes())
        .append('\n');
    metric(
            sb,
            "process_cpu_seconds_total",
            "counter",
            "Total user and system CPU time spent in seconds.")
        .append("process_cpu_seconds_total ")
        .append(ProcessMetrics.cpuSeconds())
        .append('\n');
    gauge(sb, "vpn_open_tunnels", "Tunnels currently open.", state.openTunnelCount());
    gauge(sb, "vpn_registered_peers", "Peers currently registered.", state.peerCount());
    gauge(
        sb,
        "vpn_uptime_seconds",
        "Whole seconds since the service started.",
        health.uptimeSeconds());
    gauge(
        sb,
        "vpn_leaked_bytes",
        "Bytes retained by the simulated memory leak (never freed).",
        leak.retainedBytes());
    metric(sb, "vpn_threat_signals_total", "counter", "Threat signals accepted, by severity.");
    for (ThreatSignalsHandler.Severity s : ThreatSignalsHandler.Severity.values()) {
      sb.append("vpn_threat_signals_total{severity=\"")
          .append(s.wireName())
          .append("\"} ")
          .append(signals.accepted(s))
          .append('\n');
    }
    metric(sb, "vpn_requests_total", "counter", "Requests answered, by endpoint and HTTP status.");
    counters.forEach(
        (endpoint, statuses) ->
            statuses.forEach(
                (status, n) -> {
                  sb.append("vpn_requests_total{endpoint=\"");
                  escapeLabel(sb, endpoint.label());
                  sb.append("\",status=\"").append(status).append("\"} ").append(n).append('\n');
                }));
    return new Reply(
        HttpResponseStatus.OK,
        sb.toString().getBytes(StandardCharsets.UTF_8),
        Reply.PROMETHEUS_TEXT,
        null,
        null);
  }

  private static StringBuilder metric(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    return sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void gauge(StringBuilder sb, String name, String help, long value) {
    metric(sb, name, "gauge", help).append(name).append(' ').append(value).append('\n');
  }

  /** Label values escape backslash, double quote and line feed (exposition format 0.0.4). */
  private static void escapeLabel(StringBuilder sb, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
  }
}
