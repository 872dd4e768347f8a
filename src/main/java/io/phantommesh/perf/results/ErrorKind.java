package io.phantommesh.perf.results;

import java.util.Locale;

/**
 * The named group of a transport error message, so a reader sees "timeout", "connection reset" or
 * "connection refused" instead of a client's raw exception text. Messages of failed checks (e.g.
 * {@code status.find.is(200), but actually found 503}) belong to no group.
 *
 * <p>Recognised texts (Gatling 3.15/3.16 HTTP client and JDK/Netty exceptions, case-insensitive):
 * {@code Request timeout to … after N ms}; {@code connection timed out} / {@code
 * ConnectTimeoutException}; {@code Connection refused}; {@code Premature close}, {@code Connection
 * reset}, {@code Broken pipe}, {@code ClosedChannelException}: the target closed or reset the
 * connection before its answer (Gatling reports a TCP RST and a FIN alike as a premature close).
 */
public enum ErrorKind {
  /** No answer within the request timeout. */
  TIMEOUT("timeout", "no answer within the request timeout"),
  /** The TCP connection could not be set up within the connect timeout. */
  CONNECT_TIMEOUT("connect_timeout", "not set up within the connect timeout"),
  /** The target refused the connection (nothing listening). */
  CONNECTION_REFUSED("connection_refused", "nothing listening"),
  /** The target reset or closed the connection before its answer. */
  CONNECTION_RESET("connection_reset", "reset or closed by the target before its answer");

  private final String key;
  private final String description;

  ErrorKind(String key, String description) {
    this.key = key;
    this.description = description;
  }

  /** The key in {@code result.json}, e.g. {@code connection_reset}. */
  public String key() {
    return key;
  }

  /** What it means, for readers, e.g. "nothing listening". */
  public String description() {
    return description;
  }

  /** The group of {@code message}, or null when it names no transport error. */
  public static ErrorKind of(String message) {
    if (message == null) {
      return null;
    }
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("request timeout to") || m.contains("requesttimeoutexception")) {
      return TIMEOUT;
    }
    if (m.contains("connecttimeoutexception") || m.contains("connection timed out")) {
      return CONNECT_TIMEOUT;
    }
    if (m.contains("connection refused")) {
      return CONNECTION_REFUSED;
    }
    if (m.contains("premature close")
        || m.contains("connection reset")
        || m.contains("broken pipe")
        || m.contains("closedchannelexception")) {
      return CONNECTION_RESET;
    }
    return null;
  }

  /** The kind with this key, or null. */
  public static ErrorKind ofKey(String key) {
    for (ErrorKind k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }
}
