package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.testsupport.VpnClient;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API contract of DESIGN.md section 3, call by call, as a client sees it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VpnApiContractTest {
  private EmbeddedVpnCore core;
  private VpnClient client;

  @BeforeEach
  void start() {
    core = VpnClient.startCore();
    client = new VpnClient(core);
  }

  @AfterEach
  void stop() {
    // Every request the test sent was answered and counted exactly once.
    assertThat(core.counts().total()).isEqualTo(core.requestCount());
    core.close();
  }

  @Test
  void healthAnswersStatusVersionAndWholeSecondUptimeWithoutToken() {
    HttpResponse<String> r = client.get("/health");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    var json = VpnClient.parse(r.body());
    assertThat(json.get("status").asText()).isEqualTo("healthy");
    assertThat(json.get("version").asText()).isEqualTo("0.1.0");
    assertThat(json.get("uptime").isIntegralNumber()).isTrue();
    assertThat(json.get("uptime").asLong()).isBetween(0L, 5L);
  }

  @Test
  void registeringAPeerAnswers201WithItsId() {
    HttpResponse<String> r = client.post("/api/v1/peers", VpnClient.peerJson("node-7"));

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(VpnClient.field(r.body(), "peer_id")).isNotBlank();
    assertThat(core.peerCount()).isEqualTo(1);
  }

  @Test
  void peerIdsAreUnique() {
    assertThat(Stream.generate(client::registerPeer).limit(50).distinct()).hasSize(50);
  }

  @Test
  void openingATunnelAnswers201WithIdAndAddressIn10Slash8() {
    String peer = client.registerPeer();

    HttpResponse<String> r = client.post("/api/v1/tunnels", "{\"peer_id\":\"" + peer + "\"}");

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(VpnClient.field(r.body(), "tunnel_id")).isNotBlank();
    assertThat(VpnClient.field(r.body(), "assigned_ip"))
        .matches("10\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    assertThat(core.openTunnelCount()).isEqualTo(1);
  }

  @Test
  void openingATunnelForAnUnknownPeerIs404WithError() {
    HttpResponse<String> r = client.post("/api/v1/tunnels", "{\"peer_id\":\"peer-nobody\"}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(VpnClient.field(r.body(), "error")).contains("peer-nobody");
  }

  @Test
  void keepaliveOfAnOpenTunnelAnswers200Alive() {
    String tunnel = client.openTunnel(client.registerPeer());

    HttpResponse<String> r = client.post("/api/v1/tunnels/" + tunnel + "/keepalive", "");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(VpnClient.field(r.body(), "tunnel_id")).isEqualTo(tunnel);
    assertThat(VpnClient.field(r.body(), "status")).isEqualTo("alive");
  }

  @Test
  void keepaliveOfAnUnknownTunnelIs404() {
    HttpResponse<String> r = client.post("/api/v1/tunnels/tun-nope/keepalive", "");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(VpnClient.field(r.body(), "error")).contains("tun-nope");
  }

  @ParameterizedTest
  @ValueSource(strings = {"low", "medium", "high", "critical"})
  void threatSignalOfEachSeverityIsAccepted202(String severity) {
    HttpResponse<String> r = client.post("/api/v1/threat-signals", VpnClient.signalJson(severity));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(VpnClient.field(r.body(), "signal_id")).isNotBlank();
  }

  @Test
  void threatSignalAcceptsIpv6AndOffsetTimestamps() {
    String body =
        "{\"source_ip\":\"2001:db8::1\",\"signature\":\"sig\",\"severity\":\"low\","
            + "\"node_id\":\"n\",\"timestamp\":\"2025-01-31T12:00:00.123+02:00\"}";

    assertThat(client.post("/api/v1/threat-signals", body).statusCode()).isEqualTo(202);
  }

  @Test
  void closingAnOpenTunnelAnswers204WithoutBodyAndRemovesIt() {
    String tunnel = client.openTunnel(client.registerPeer());

    HttpResponse<String> r = client.delete("/api/v1/tunnels/" + tunnel);

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Content-Length")).isEmpty();
    assertThat(core.openTunnelCount()).isZero();
  }

  @Test
  void closingAnUnknownTunnelIs404() {
    assertThat(client.delete("/api/v1/tunnels/tun-nope").statusCode()).isEqualTo(404);
  }

  @Test
  void fullJourneyEndsWithTheTunnelAndPeerGone() {
    String peer = client.registerPeer();
    String tunnel = client.openTunnel(peer);
    for (int i = 0; i < 3; i++) {
      assertThat(client.post("/api/v1/tunnels/" + tunnel + "/keepalive", "").statusCode())
          .isEqualTo(200);
    }
    assertThat(client.post("/api/v1/threat-signals", VpnClient.signalJson("high")).statusCode())
        .isEqualTo(202);
    assertThat(client.delete("/api/v1/tunnels/" + tunnel).statusCode()).isEqualTo(204);

    assertThat(client.post("/api/v1/tunnels/" + tunnel + "/keepalive", "").statusCode())
        .isEqualTo(404);
    assertThat(client.delete("/api/v1/tunnels/" + tunnel).statusCode()).isEqualTo(404);
    assertThat(core.openTunnelCount()).isZero();
    assertThat(core.peerCount()).as("peer removed with its last tunnel").isZero();
  }

  @Test
  void apiWithoutTokenIs401WithBearerChallenge() {
    HttpResponse<String> r = client.postAuthorized("/api/v1/peers", VpnClient.peerJson("n"), null);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(VpnClient.field(r.body(), "error")).contains("missing");
    assertThat(core.peerCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong-token", "Bearer ", "Basic dGVzdDp0ZXN0", VpnClient.TOKEN})
  void apiWithWrongTokenIs401AndNeverEchoesIt(String authorization) {
    HttpResponse<String> r =
        client.postAuthorized("/api/v1/peers", VpnClient.peerJson("n"), authorization);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).doesNotContain("wrong-token").doesNotContain(VpnClient.TOKEN);
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    HttpResponse<String> r =
        client.postAuthorized(
            "/api/v1/peers", VpnClient.peerJson("n"), "bearer " + VpnClient.TOKEN);

    assertThat(r.statusCode()).isEqualTo(201);
  }

  @Test
  void authIsCheckedBeforeTheBodyIsParsed() {
    HttpResponse<String> r = client.postAuthorized("/api/v1/peers", "{not json", null);

    assertThat(r.statusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/peers", "/api/v1/tunnels", "/api/v1/threat-signals"})
  void malformedJsonIs400WithError(String path) {
    HttpResponse<String> r = client.post(path, "{\"node_id\": ");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(VpnClient.field(r.body(), "error")).startsWith("malformed JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "\"text\"", "42", "{} {}", "{\"a\":1,\"a\":2}"})
  void bodyThatIsNotOneJsonObjectIs400(String body) {
    assertThat(client.post("/api/v1/peers", body).statusCode()).isEqualTo(400);
  }

  static Stream<Arguments> bodiesWithAFieldMissingOrInvalid() {
    String peer = "{\"node_id\":\"n\",\"public_key\":\"k\",\"endpoint\":\"e\"}";
    String signal = VpnClient.signalJson("high");
    return Stream.of(
        Arguments.of("/api/v1/peers", peer.replace("\"node_id\":\"n\",", ""), "node_id"),
        Arguments.of("/api/v1/peers", peer.replace(",\"public_key\":\"k\"", ""), "public_key"),
        Arguments.of("/api/v1/peers", peer.replace(",\"endpoint\":\"e\"", ""), "endpoint"),
        Arguments.of("/api/v1/peers", peer.replace("\"n\"", "17"), "node_id"),
        Arguments.of("/api/v1/peers", peer.replace("\"n\"", "\"  \""), "node_id"),
        Arguments.of("/api/v1/peers", peer.replace("\"n\"", "null"), "node_id"),
        Arguments.of("/api/v1/tunnels", "{}", "peer_id"),
        Arguments.of("/api/v1/tunnels", "{\"peer_id\":[]}", "peer_id"),
        Arguments.of(
            "/api/v1/threat-signals",
            signal.replace("\"source_ip\":\"203.0.113.9\",", ""),
            "source_ip"),
        Arguments.of(
            "/api/v1/threat-signals", signal.replace("203.0.113.9", "not-an-ip"), "source_ip"),
        Arguments.of(
            "/api/v1/threat-signals",
            signal.replace("\"signature\":\"ET SCAN Nmap\",", ""),
            "signature"),
        Arguments.of(
            "/api/v1/threat-signals", signal.replace("\"high\"", "\"severe\""), "severity"),
        Arguments.of("/api/v1/threat-signals", signal.replace("\"high\"", "\"HIGH\""), "severity"),
        Arguments.of(
            "/api/v1/threat-signals", signal.replace("\"node_id\":\"node-1\",", ""), "node_id"),
        Arguments.of(
            "/api/v1/threat-signals",
            signal.replace("2025-01-31T12:00:00Z", "yesterday"),
            "timestamp"),
        Arguments.of(
            "/api/v1/threat-signals",
            signal.replace(",\"timestamp\":\"2025-01-31T12:00:00Z\"", ""),
            "timestamp"));
  }

  @ParameterizedTest
  @MethodSource("bodiesWithAFieldMissingOrInvalid")
  void missingOrInvalidRequiredFieldIs400NamingTheField(String path, String body, String field) {
    HttpResponse<String> r = client.post(path, body);

    assertThat(r.statusCode()).as(body).isEqualTo(400);
    assertThat(VpnClient.field(r.body(), "error")).contains("'" + field + "'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/", "/nope", "/api/v1/nope", "/api/v1/tunnels/a/b/keepalive", "/health/"})
  void unknownPathIs404Json(String path) {
    HttpResponse<String> r = client.method("GET", path);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(VpnClient.parse(r.body()).has("error")).isTrue();
  }

  static Stream<Arguments> wrongMethods() {
    return Stream.of(
        Arguments.of("POST", "/health", "GET"),
        Arguments.of("DELETE", "/metrics", "GET"),
        Arguments.of("GET", "/api/v1/peers", "POST"),
        Arguments.of("PUT", "/api/v1/tunnels", "POST"),
        Arguments.of("GET", "/api/v1/tunnels/tun-1/keepalive", "POST"),
        Arguments.of("GET", "/api/v1/tunnels/tun-1", "DELETE"),
        Arguments.of("PATCH", "/api/v1/threat-signals", "POST"));
  }

  @ParameterizedTest
  @MethodSource("wrongMethods")
  void wrongMethodIs405WithAllow(String method, String path, String allowed) {
    HttpResponse<String> r = client.method(method, path);

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue(allowed);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void queryStringIsIgnoredForRouting() {
    assertThat(client.get("/health?probe=1").statusCode()).isEqualTo(200);
  }
}
