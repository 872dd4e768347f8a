package io.phantommesh.perf.embedded;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Answers {@code GET /health}: {@code {"status":"healthy","version":"0.1.0","uptime":<s>}}.
 *
 * <p>Thread-safe. The uptime is whole seconds since start; the answer is built once per second and
 * shared until the next, so the liveness probe (the hottest path under load) costs no JSON work.
 */
final class HealthHandler {
  private final long startNanos;
  private final LongSupplier nanoClock;
  private volatile CachedReply cached;

  private record CachedReply(long uptimeSeconds, Reply reply) {}

  HealthHandler(long startNanos, LongSupplier nanoClock) {
    this.startNanos = startNanos;
    this.nanoClock = nanoClock;
  }

  /** Whole seconds since the service started. */
  long uptimeSeconds() {
    return (nanoClock.getAsLong() - startNanos) / 1_000_000_000L;
  }

  Reply handle() {
    long uptime = uptimeSeconds();
    CachedReply c = cached;
    if (c == null || c.uptimeSeconds() != uptime) {
      String body =
          "{\"status\":\"healthy\",\"version\":\""
              + EmbeddedVpnCore.VERSION
              + "\",\"uptime\":"
              + uptime
              + "}";
      c =
          new CachedReply(
              uptime, Reply.json(HttpResponseStatus.OK, body.getBytes(StandardCharsets.UTF_8)));
      cached = c;
    }
    return c.reply();
  }
}
