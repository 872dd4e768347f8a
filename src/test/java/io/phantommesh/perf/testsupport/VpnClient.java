package io.phantommesh.perf.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A test client of the VPN core API over {@link HttpClient} (HTTP/1.1), with the journey's requests
 * as one-liners.
 *
 * <p>Thread-safe: one instance may serve many test threads.
 */
public final class VpnClient {
  public static final String TOKEN = "test-token-0123456789";
  public static final Secret SECRET = Secret.of(TOKEN);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;

  /**
   * A connection pool of this client's own. One pool shared by all tests once reused a kept-alive
   * connection to a closed service whose port the next test's service had been given ("header
   * parser received no bytes"): pools are keyed by host and port.
   */
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public VpnClient(URI base) {
    this.base = base;
  }

  public VpnClient(EmbeddedVpnCore core) {
    this(core.baseUri());
  }

  /** A started core on a free loopback port with the test token. */
  public static EmbeddedVpnCore startCore(EmbeddedSettings settings) {
    return EmbeddedVpnCore.start(settings, SECRET);
  }

  public static EmbeddedVpnCore startCore() {
    return startCore(EmbeddedSettings.defaults());
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  /** POST with the right bearer token. */
  public HttpResponse<String> post(String path, String json) {
    return postAuthorized(path, json, "Bearer " + TOKEN);
  }

  /** POST with this Authorization header value; null sends none. */
  public HttpResponse<String> postAuthorized(String path, String json, String authorization) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).header("Authorization", "Bearer " + TOKEN).DELETE().build());
  }

  /** Any method, with the token. */
  public HttpResponse<String> method(String method, String path) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + TOKEN)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }

  public String registerPeer() {
    HttpResponse<String> r = post("/api/v1/peers", peerJson("node-1"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return field(r.body(), "peer_id");
  }

  public String openTunnel(String peerId) {
    HttpResponse<String> r = post("/api/v1/tunnels", "{\"peer_id\":\"" + peerId + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return field(r.body(), "tunnel_id");
  }

  public static String peerJson(String nodeId) {
    return "{\"node_id\":\""
        + nodeId
        + "\",\"public_key\":\"bXkgcHVibGljIGtleQ==\",\"endpoint\":\"198.51.100.7:51820\"}";
  }

  public static String signalJson(String severity) {
    return "{\"source_ip\":\"203.0.113.9\",\"signature\":\"ET SCAN Nmap\",\"severity\":\""
        + severity
        + "\",\"node_id\":\"node-1\",\"timestamp\":\"2025-01-31T12:00:00Z\"}";
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  public static String field(String json, String name) {
    JsonNode v = parse(json).get(name);
    assertThat(v).as("field %s of %s", name, json).isNotNull();
    return v.asText();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    }
  }
}
