package io.phantommesh.perf.embedded;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.phantommesh.perf.embedded.fault.FaultReport;
import io.phantommesh.perf.embedded.fault.FaultRuntime;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET /metrics} in the Prometheus text format (version 0.0.4).
 *
 * <p>Thread-safe. Exposes {@code process_resident_memory_bytes}, {@code process_cpu_seconds_total},
 * {@code vpn_open_tunnels}, {@code vpn_registered_peers}, {@code vpn_uptime_seconds}, {@code
 * vpn_leaked_bytes} (the simulated leak), {@code vpn_threat_signals_total{severity}} and {@code
 * vpn_requests_total{endpoint,status}}; and the faults injected on purpose: {@code
 * vpn_faults_total{fault}}, {@code vpn_stalled_requests}, {@code vpn_outage_active} and, per outage
 * that began, {@code vpn_outage_start_timestamp_seconds{outage,mode}} and {@code
 * vpn_outage_end_timestamp_seconds{outage,mode}} (once it ended). Like every request, a scrape is
 * counted once answered, so it shows in the next scrape, not in its own.
 */
final class MetricsHandler {
  private final RequestCounters counters;
  private final VpnState state;
  private final ThreatSignalsHandler signals;
  private final MemoryLeak leak;
  private final HealthHandler health;
  private final FaultRuntime faults;

  MetricsHandler(
      RequestCounters counters,
      VpnState state,
      ThreatSignalsHandler signals,
      MemoryLeak leak,
      HealthHandler health,
      FaultRuntime faults) {
    this.faults = faults;
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
    faults(sb);
    return new Reply(
        HttpResponseStatus.OK,
        sb.toString().getBytes(StandardCharsets.UTF_8),
        Reply.PROMETHEUS_TEXT,
        null,
        null);
  }

  private void faults(StringBuilder sb) {
    FaultReport report = faults.report();
    metric(sb, "vpn_faults_total", "counter", "Faults injected on purpose, by kind.");
    report
        .counts()
        .forEach(
            (fault, n) ->
                sb.append("vpn_faults_total{fault=\"")
                    .append(fault)
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    gauge(sb, "vpn_stalled_requests", "Requests held unanswered now.", faults.heldCount());
    gauge(sb, "vpn_outage_active", "1 during a scheduled outage, else 0.", faults.isDown() ? 1 : 0);
    metric(
        sb,
        "vpn_outage_start_timestamp_seconds",
        "gauge",
        "When each scheduled outage began, seconds since the epoch.");
    outageTimes(sb, report, true);
    metric(
        sb,
        "vpn_outage_end_timestamp_seconds",
        "gauge",
        "When each scheduled outage ended, seconds since the epoch.");
    outageTimes(sb, report, false);
  }

  private static void outageTimes(StringBuilder sb, FaultReport report, boolean start) {
    for (int i = 0; i < report.outages().size(); i++) {
      FaultReport.OutageRecord o = report.outages().get(i);
      Long millis = start ? o.startEpochMillis() : o.endEpochMillis();
      if (millis == null) {
        continue;
      }
      sb.append(start ? "vpn_outage_start_timestamp_seconds" : "vpn_outage_end_timestamp_seconds")
          .append("{outage=\"")
          .append(i)
          .append("\",mode=\"")
          .append(o.mode())
          .append("\"} ")
          .append(millis / 1000)
          .append('.')
          .append(String.format(java.util.Locale.ROOT, "%03d", millis % 1000))
          .append('\n');
    }
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
