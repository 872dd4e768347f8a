package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.testsupport.VpnClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request counters: exact per endpoint and status, also under concurrent clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestCountsTest {

  @Test
  void countsEachAnswerUnderItsEndpointAndStatus() {
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      VpnClient client = new VpnClient(core);
      String peer = client.registerPeer(); // peers 201
      String tunnel = client.openTunnel(peer); // tunnels 201
      client.post("/api/v1/tunnels", "{\"peer_id\":\"x\"}"); // tunnels 404
      client.post("/api/v1/tunnels/" + tunnel + "/keepalive", ""); // keepalive 200
      client.post("/api/v1/tunnels/" + tunnel + "/keepalive", ""); // keepalive 200
      client.post("/api/v1/threat-signals", VpnClient.signalJson("low")); // signals 202
      client.postAuthorized("/api/v1/threat-signals", "{}", null); // signals 401
      client.delete("/api/v1/tunnels/" + tunnel); // close 204
      client.delete("/api/v1/tunnels/" + tunnel); // close 404
      client.get("/health"); // health 200
      client.get("/metrics"); // metrics 200
      client.method("PUT", "/health"); // other 405
      client.get("/x"); // other 404

      RequestCounts c = core.counts();

      assertThat(c.byEndpoint())
          .containsExactly(
              Map.entry("GET /health", Map.of(200, 1L)),
              Map.entry("POST /api/v1/peers", Map.of(201, 1L)),
              Map.entry("POST /api/v1/tunnels", Map.of(201, 1L, 404, 1L)),
              Map.entry("POST /api/v1/tunnels/{id}/keepalive", Map.of(200, 2L)),
              Map.entry("POST /api/v1/threat-signals", Map.of(202, 1L, 401, 1L)),
              Map.entry("DELETE /api/v1/tunnels/{id}", Map.of(204, 1L, 404, 1L)),
              Map.entry("GET /metrics", Map.of(200, 1L)),
              Map.entry("other", Map.of(404, 1L, 405, 1L)));
      assertThat(c.count("POST /api/v1/tunnels", 404)).isEqualTo(1);
      assertThat(c.count(Endpoint.KEEPALIVE, 200)).isEqualTo(2);
      assertThat(c.count("GET /health", 500)).isZero();
      assertThat(c.count("no such endpoint", 200)).isZero();
      assertThat(c.total("POST /api/v1/threat-signals")).isEqualTo(2);
      assertThat(c.total()).isEqualTo(13).isEqualTo(core.requestCount());
    }
  }

  @Test
  void snapshotIsImmutableAndDetached() {
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      VpnClient client = new VpnClient(core);
      client.get("/health");
      RequestCounts before = core.counts();

      client.get("/health");

      assertThat(before.count(Endpoint.HEALTH, 200)).isEqualTo(1);
      assertThat(core.counts().count(Endpoint.HEALTH, 200)).isEqualTo(2);
      assertThatThrownBy(() -> before.byEndpoint().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> before.byEndpoint().get("GET /health").put(500, 1L))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void endpointLabelsRoundTrip() {
    for (Endpoint e : Endpoint.values()) {
      assertThat(Endpoint.fromLabel(e.label())).isEqualTo(e);
    }
    assertThat(Endpoint.fromLabel("GET /nope")).isEqualTo(Endpoint.OTHER);
  }

  @Test
  void concurrentClientsAllSucceedAndCountsAreExact() throws Exception {
    int threads = 8;
    int perThread = 200;
    try (EmbeddedVpnCore core = VpnClient.startCore()) {
      VpnClient client = new VpnClient(core);
      AtomicInteger failures = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    // 200 requests per thread: 40 journeys of register, open, keepalive, signal,
                    // close.
                    for (int i = 0; i < perThread / 5; i++) {
                      String tunnel = client.openTunnel(client.registerPeer());
                      expect(
                          client.post("/api/v1/tunnels/" + tunnel + "/keepalive", ""),
                          200,
                          failures);
                      expect(
                          client.post("/api/v1/threat-signals", VpnClient.signalJson("medium")),
                          202,
                          failures);
                      expect(client.delete("/api/v1/tunnels/" + tunnel), 204, failures);
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get(50, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      RequestCounts c = core.counts();
      int journeys = threads * perThread / 5;
      assertThat(failures).hasValue(0);
      assertThat(core.requestCount()).isEqualTo(threads * perThread);
      assertThat(c.total()).isEqualTo(threads * perThread);
      assertThat(c.count(Endpoint.REGISTER_PEER, 201)).isEqualTo(journeys);
      assertThat(c.count(Endpoint.OPEN_TUNNEL, 201)).isEqualTo(journeys);
      assertThat(c.count(Endpoint.KEEPALIVE, 200)).isEqualTo(journeys);
      assertThat(c.count(Endpoint.THREAT_SIGNAL, 202)).isEqualTo(journeys);
      assertThat(c.count(Endpoint.CLOSE_TUNNEL, 204)).isEqualTo(journeys);
      assertThat(core.openTunnelCount()).isZero();
      assertThat(core.peerCount()).isZero();
    }
  }

  private static void expect(HttpResponse<String> r, int status, AtomicInteger failures) {
    if (r.statusCode() != status) {
      failures.incrementAndGet();
    }
  }
}
