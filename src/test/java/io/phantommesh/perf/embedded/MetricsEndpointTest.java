package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.testsupport.VpnClient;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /metrics}: valid Prometheus text with the process and VPN metrics. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsEndpointTest {
  /** {@code name{labels} value}, labels optional; the exposition format's sample line. */
  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\"\\\\n])*\"";

  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{"
              + LABEL
              + "(?:,"
              + LABEL
              + ")*\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");

  private EmbeddedVpnCore core;
  private VpnClient client;

  @BeforeEach
  void start() {
    core = VpnClient.startCore();
    client = new VpnClient(core);
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  void answersPrometheusTextWithoutToken() {
    HttpResponse<String> r = client.get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void everyLineParsesAndTheThreeRequiredMetricsArePresent() {
    Map<String, Double> samples = scrape();

    assertThat(samples.get("process_resident_memory_bytes")).isGreaterThan(1_000_000.0);
    assertThat(samples.get("process_cpu_seconds_total")).isGreaterThan(0.0);
    assertThat(samples.get("vpn_open_tunnels")).isEqualTo(0.0);
  }

  @Test
  void openTunnelsFollowOpensAndCloses() {
    String t1 = client.openTunnel(client.registerPeer());
    client.openTunnel(client.registerPeer());
    assertThat(scrape().get("vpn_open_tunnels")).isEqualTo(2.0);

    client.delete("/api/v1/tunnels/" + t1);

    assertThat(scrape().get("vpn_open_tunnels")).isEqualTo(1.0);
  }

  @Test
  void requestCountersMatchTheRequestsSent() {
    client.get("/health");
    client.get("/health");
    client.post("/api/v1/peers", "{}");
    client.get("/nope");

    Map<String, Double> samples = scrape();

    assertThat(samples.get("vpn_requests_total{endpoint=\"GET /health\",status=\"200\"}"))
        .isEqualTo(2.0);
    assertThat(samples.get("vpn_requests_total{endpoint=\"POST /api/v1/peers\",status=\"400\"}"))
        .isEqualTo(1.0);
    assertThat(samples.get("vpn_requests_total{endpoint=\"other\",status=\"404\"}")).isEqualTo(1.0);
    // A scrape is counted once answered: it shows in the next one.
    assertThat(samples)
        .doesNotContainKey("vpn_requests_total{endpoint=\"GET /metrics\",status=\"200\"}");
    assertThat(scrape().get("vpn_requests_total{endpoint=\"GET /metrics\",status=\"200\"}"))
        .isEqualTo(1.0);
  }

  @Test
  void threatSignalsAreCountedBySeverity() {
    client.post("/api/v1/threat-signals", VpnClient.signalJson("critical"));
    client.post("/api/v1/threat-signals", VpnClient.signalJson("critical"));
    client.post("/api/v1/threat-signals", VpnClient.signalJson("low"));

    Map<String, Double> samples = scrape();

    assertThat(samples.get("vpn_threat_signals_total{severity=\"critical\"}")).isEqualTo(2.0);
    assertThat(samples.get("vpn_threat_signals_total{severity=\"low\"}")).isEqualTo(1.0);
    assertThat(samples.get("vpn_threat_signals_total{severity=\"high\"}")).isEqualTo(0.0);
  }

  /** Sample name with labels to value; fails on any line that is neither comment nor sample. */
  private Map<String, Double> scrape() {
    String body = client.get("/metrics").body();
    Map<String, Double> samples = new HashMap<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("sample line: '%s'", line).isTrue();
      samples.put(
          m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
    }
    assertThat(body).endsWith("\n");
    return samples;
  }
}
