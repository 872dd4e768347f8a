package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.testsupport.VpnClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/1.1 connection handling over raw sockets (java.net.http cannot send {@code Connection:
 * close} or pipeline): persistent connections, close on request, ordering, limits.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpConnectionTest {
  private EmbeddedVpnCore core;

  @AfterEach
  void stop() {
    if (core != null) {
      core.close();
    }
  }

  /** One parsed answer: status, lower-case headers, body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  @Test
  void keepsTheConnectionOpenAcrossRequests() throws IOException {
    core = VpnClient.startCore();
    try (Socket s = connect()) {
      for (int i = 0; i < 3; i++) {
        write(s, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        Answer a = read(s.getInputStream());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers()).doesNotContainKey("connection");
      }
    }
    assertThat(core.requestCount()).isEqualTo(3);
  }

  @Test
  void connectionCloseIsHonoured() throws IOException {
    core = VpnClient.startCore();
    try (Socket s = connect()) {
      write(s, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      Answer a = read(s.getInputStream());

      assertThat(a.status()).isEqualTo(200);
      assertThat(a.headers()).containsEntry("connection", "close");
      assertThat(s.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
    }
  }

  @Test
  void http10ClosesUnlessKeepAliveIsAsked() throws IOException {
    core = VpnClient.startCore();
    try (Socket s = connect()) {
      write(s, "GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      assertThat(read(s.getInputStream()).headers()).containsEntry("connection", "keep-alive");
      write(s, "GET /health HTTP/1.0\r\n\r\n");
      assertThat(read(s.getInputStream()).headers()).containsEntry("connection", "close");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void pipelinedAnswersKeepRequestOrderDespiteRandomLatency() throws IOException {
    core =
        VpnClient.startCore(
            new EmbeddedSettings(
                "127.0.0.1", 0, 1, Duration.ZERO, Duration.ofMillis(30), 0.0, 0, 0));
    StringBuilder pipeline = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      pipeline
          .append("POST /api/v1/tunnels/tun-")
          .append(i)
          .append("/keepalive HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ")
          .append(VpnClient.TOKEN)
          .append("\r\nContent-Length: 0\r\n\r\n");
    }
    try (Socket s = connect()) {
      write(s, pipeline.toString());
      for (int i = 0; i < 12; i++) {
        Answer a = read(s.getInputStream());
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body()).contains("tun-" + i + "\"");
      }
    }
  }

  @Test
  void requestsAfterConnectionCloseInAPipelineAreIgnored() throws IOException {
    core = VpnClient.startCore();
    try (Socket s = connect()) {
      write(
          s,
          "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
              + "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(read(s.getInputStream()).status()).isEqualTo(200);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(core.counts().total(Endpoint.METRICS)).isZero();
  }

  @Test
  void bodyAboveTheLimitIs413AndCounted() throws IOException {
    core = VpnClient.startCore();
    try (Socket s = connect()) {
      write(
          s,
          "POST /api/v1/peers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + VpnClient.TOKEN
              + "\r\nContent-Length: "
              + (EmbeddedVpnCore.MAX_BODY_BYTES + 1)
              + "\r\n\r\n");
      Answer a = read(s.getInputStream());

      assertThat(a.status()).isEqualTo(413);
      assertThat(a.headers()).containsEntry("content-type", "application/json");
    }
    assertThat(core.counts().count(Endpoint.REGISTER_PEER, 413)).isEqualTo(1);
    assertThat(core.requestCount()).isEqualTo(1);
  }

  @Test
  void garbageRequestLineIs400AndCloses() throws IOException {
    core = VpnClient.startCore();
    try (Socket s = connect()) {
      write(s, "HELLO\r\n\r\n");
      Answer a = read(s.getInputStream());

      assertThat(a.status()).isEqualTo(400);
      assertThat(a.headers()).containsEntry("connection", "close");
    }
    assertThat(core.counts().count(Endpoint.OTHER, 400)).isEqualTo(1);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(core.baseUri().getHost(), core.port());
    s.setSoTimeout(10_000);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one answer with a Content-Length (or none, for 204). */
  static Answer read(InputStream in) throws IOException {
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after: " + buf);
      }
      buf.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String head = buf.toString(StandardCharsets.US_ASCII);
    return head.substring(0, head.length() - 4);
  }
}
