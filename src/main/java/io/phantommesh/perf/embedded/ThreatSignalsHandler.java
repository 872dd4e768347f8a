package io.phantommesh.perf.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers {@code POST /api/v1/threat-signals}: validates a signal and answers 202 {@code
 * {"signal_id": ...}}.
 *
 * <p>Thread-safe. Signals are acknowledged and counted by severity, never stored (a soak run must
 * not grow the service). Required fields: {@code source_ip} (an IPv4 or IPv6 literal), {@code
 * signature} (non-blank), {@code severity} ({@code low|medium|high|critical}), {@code node_id}
 * (non-blank), {@code timestamp} (ISO-8601 date-time, with or without offset).
 */
final class ThreatSignalsHandler {

  /** The severities a signal may carry, in increasing order. */
  enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The wire name, e.g. {@code "high"}. */
    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Severity parse(String s) {
      for (Severity v : values()) {
        if (v.wireName().equals(s)) {
          return v;
        }
      }
      throw new BadRequestException("field 'severity' must be one of low, medium, high, critical");
    }
  }

  private final VpnState state;
  private final LongAdder[] bySeverity = new LongAdder[Severity.values().length];

  ThreatSignalsHandler(VpnState state) {
    this.state = state;
    for (int i = 0; i < bySeverity.length; i++) {
      bySeverity[i] = new LongAdder();
    }
  }

  Reply accept(ByteBuf body) {
    ObjectNode json = Json.parseObject(body);
    String sourceIp = Json.requiredString(json, "source_ip");
    if (!NetUtil.isValidIpV4Address(sourceIp) && !NetUtil.isValidIpV6Address(sourceIp)) {
      throw new BadRequestException("field 'source_ip' must be an IPv4 or IPv6 address");
    }
    Json.requiredString(json, "signature");
    Severity severity = Severity.parse(Json.requiredString(json, "severity"));
    Json.requiredString(json, "node_id");
    String timestamp = Json.requiredString(json, "timestamp");
    try {
      DateTimeFormatter.ISO_DATE_TIME.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "field 'timestamp' must be an ISO-8601 date-time, e.g. 2025-01-31T12:00:00Z");
    }
    bySeverity[severity.ordinal()].increment();
    return Reply.json(HttpResponseStatus.ACCEPTED, Json.object("signal_id", state.newSignalId()));
  }

  /** Signals accepted with this severity. */
  long accepted(Severity severity) {
    return bySeverity[severity.ordinal()].sum();
  }
}
