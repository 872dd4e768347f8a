package io.phantommesh.perf.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.config.SoakProfile;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sampler against a loopback stub: at most ~100 GETs per test, each test bounded. */
@Timeout(30)
class MetricsSamplerTest {
  private static final String GOOD =
      "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 1.5e+08\n"
          + "process_cpu_seconds_total 3.25\n";

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  /** A stub whose n-th answer (from 0) is {@code page.apply(n)}; null means HTTP 503. */
  private URI serve(IntFunction<String> page) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          String body = page.apply(requests.getAndIncrement());
          byte[] bytes = (body == null ? "unavailable" : body).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** 20 simulated seconds at time-scale 20 (1 s), a sample every simulated second (50 ms). */
  private SoakProfile profile(String duration) {
    return SettingsLoader.fromString(
            "phantom.profiles.soak { duration = "
                + duration
                + ", time-scale = 20, sample-interval = 1s, sample-timeout = 1s, output-dir = \""
                + dir.toString().replace("\\", "/")
                + "\" }")
        .soak();
  }

  @Test
  void failsFastNamingTheUrlWhenItAnswersGarbage() throws Exception {
    URI url = serve(n -> "<html>hello</html>");
    assertThatThrownBy(() -> new MetricsSampler(profile("20s"), url, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "the metrics URL " + url + " answered garbage: no process_resident_memory_bytes")
        .hasMessageContaining("starting \"<html>hello</html>\"")
        .hasMessageContaining("phantom.profiles.soak.metrics-url");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void failsFastNamingTheUrlWhenNothingAnswers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/metrics");
    assertThatThrownBy(() -> new MetricsSampler(profile("20s"), url, 2))
        .hasMessageContaining("the metrics URL " + url + " refused the connection");
  }

  @Test
  void writesOneRowPerSlotAndRecordsBadSamplesAsMissing() throws Exception {
    // answer 0 is the constructor's probe; then every 4th answer is garbage and every 7th a 503
    URI url = serve(n -> n > 0 && n % 7 == 0 ? null : n > 0 && n % 4 == 0 ? "oops" : GOOD);
    MetricsSampler sampler = new MetricsSampler(profile("20s"), url, 2);
    Path csv = sampler.start();
    Thread.sleep(1_100);
    sampler.stop();

    List<SoakSample> rows = SoakCsv.read(csv);
    assertThat(rows).hasSize(20); // ceil(20 s / 1 s)
    assertThat(sampler.expectedSamples()).isEqualTo(20);
    assertThat(rows.stream().filter(SoakSample::isOk).count()).isEqualTo(sampler.samplesTaken());
    assertThat(sampler.missingCount()).isEqualTo(20 - sampler.samplesTaken()).isPositive();
    assertThat(rows)
        .filteredOn(r -> !r.isOk())
        .allSatisfy(
            r ->
                assertThat(r.status())
                    .matches(
                        "missing: (answered HTTP 503|answered garbage: no .*|late by \\d+ ms .*)"));
    SoakSample first = rows.get(0);
    assertThat(first.isOk()).isTrue();
    assertThat(first.rssBytes()).isEqualTo(150_000_000);
    assertThat(first.cpuSeconds()).isEqualTo(3.25);
    // slot k is k simulated seconds in (50 ms of wall-clock time each); a sample is taken at most
    // one interval late, or it is written as missing
    for (int k = 0; k < rows.size(); k++) {
      assertThat(rows.get(k).simulatedSeconds()).as("slot %d", k).isCloseTo(k, within(1.0));
    }
    assertThat(sampler.run().orElseThrow())
        .satisfies(
            run -> {
              assertThat(run.timeScale()).isEqualTo(20);
              assertThat(run.expectedSamples()).isEqualTo(20);
              assertThat(run.cores()).isEqualTo(2);
              assertThat(run.metricsUrl()).isEqualTo(url.toString());
            });
    assertThat(SoakRun.locate(dir, run(csv) + 5)).contains(csv.getParent());
    assertThat(SoakRun.locate(dir, run(csv) - 5_000)).isEmpty();
    assertThat(requests.get()).isLessThanOrEqualTo(21);
  }

  @Test
  void slotsAfterTheRunEndedAreWrittenAsMissing() throws Exception {
    URI url = serve(n -> GOOD);
    // 100 simulated seconds at time-scale 20: 5 s, 100 slots of 50 ms; stopped after 0.5 s, the
    // sampler keeps the slots due within 1 s (up to ~1.5 s: ~30) and writes the others as missing
    MetricsSampler sampler = new MetricsSampler(profile("100s"), url, 2);
    Path csv = sampler.start();
    Thread.sleep(500);
    long before = System.nanoTime();
    sampler.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(2_000));
    List<SoakSample> rows = SoakCsv.read(csv);
    assertThat(rows).hasSize(100);
    assertThat(sampler.samplesTaken()).isBetween(25, 35);
    assertThat(rows.get(99).status()).isEqualTo("missing: run ended before this sample");
    sampler.stop(); // idempotent
  }

  @Test
  void readsTheEmbeddedServicesMetricsPage() {
    try (EmbeddedVpnCore core =
        EmbeddedVpnCore.start(EmbeddedSettings.defaults(), Secret.of("t"))) {
      MetricsSampler sampler =
          new MetricsSampler(profile("20s"), core.baseUri().resolve("/metrics"), 2);
      MetricsSampler.Reading r = sampler.read();
      assertThat(r.problem()).isEmpty();
      assertThat(r.rssBytes()).isPositive();
      assertThat(r.cpuSeconds()).isPositive();
    }
  }

  private static long run(Path csv) {
    return Long.parseLong(csv.getParent().getFileName().toString());
  }
}
