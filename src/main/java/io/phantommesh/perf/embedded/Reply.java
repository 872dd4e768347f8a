package io.phantommesh.perf.embedded;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

/**
 * One answer of the API before it becomes a Netty response: status, body and at most one extra
 * header ({@code Allow} on 405, {@code WWW-Authenticate} on 401).
 *
 * <p>Immutable by convention: the body array is never modified after construction (cached bodies
 * are shared between answers). Holding no buffer, a reply can wait out an added latency without
 * owning pooled memory.
 *
 * @param status HTTP status
 * @param body the body; empty for none
 * @param contentType media type of the body; null when there is none
 * @param headerName name of the extra header; null when there is none
 * @param headerValue value of the extra header
 */
record Reply(
    HttpResponseStatus status,
    byte[] body,
    AsciiString contentType,
    AsciiString headerName,
    String headerValue) {
  static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
  static final AsciiString PROMETHEUS_TEXT =
      AsciiString.cached("text/plain; version=0.0.4; charset=utf-8");
  private static final byte[] NO_BODY = new byte[0];

  /** A JSON answer. */
  static Reply json(HttpResponseStatus status, byte[] body) {
    return new Reply(status, body, APPLICATION_JSON, null, null);
  }

  /** {@code {"error": message}} with {@code status}. */
  static Reply error(HttpResponseStatus status, String message) {
    return json(status, Json.error(message));
  }

  /** An answer without a body, e.g. 204. */
  static Reply empty(HttpResponseStatus status) {
    return new Reply(status, NO_BODY, null, null, null);
  }

  /** This reply with an extra header. */
  Reply withHeader(AsciiString name, String value) {
    return new Reply(status, body, contentType, name, value);
  }

  /** The status code, e.g. 201. */
  int code() {
    return status.code();
  }
}
