package io.phantommesh.perf.run.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support: a real Prometheus server (the {@code prometheus} binary of Debian's package,
 * installed by {@code .ci/install-prometheus.sh}) on a free loopback port, with its own config and
 * data folder, scraping one target every second. Missing binary: the test fails under {@code
 * CI=true}, is aborted (skipped with the reason) elsewhere.
 */
final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final URI api;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, URI api) {
    this.process = process;
    this.api = api;
  }

  static String binary() {
    String named = System.getenv("PHANTOM_PROMETHEUS");
    for (String candidate :
        named == null
            ? new String[] {"/usr/bin/prometheus", "/usr/local/bin/prometheus"}
            : new String[] {named}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    String why =
        "no prometheus binary (run .ci/install-prometheus.sh as root, or set PHANTOM_PROMETHEUS)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why);
    }
    Assumptions.abort(why);
    return null;
  }

  /** Starts Prometheus scraping {@code target} ({@code host:port}) every second. */
  static PrometheusServer start(Path dir, String target) throws IOException, InterruptedException {
    String bin = binary();
    Files.createDirectories(dir.resolve("data"));
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
            + "scrape_configs:\n  - job_name: phantom-injector\n    static_configs:\n"
            + "      - targets: ['"
            + target
            + "']\n",
        StandardCharsets.UTF_8);
    int port = LiveRunForks.freePort();
    Process p =
        new ProcessBuilder(
                bin,
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer s = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "prometheus ended at start: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        HttpResponse<String> r =
            s.http.send(
                HttpRequest.newBuilder(s.api.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return s;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    s.close();
    throw new IllegalStateException("prometheus not ready within 30 s");
  }

  /** An instant query of the HTTP API, now. */
  JsonNode query(String promql) throws IOException, InterruptedException {
    return query(promql, Double.NaN);
  }

  /** An instant query of the HTTP API at {@code epochSeconds} (NaN: now). */
  JsonNode query(String promql, double epochSeconds) throws IOException, InterruptedException {
    URI uri =
        api.resolve(
            "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + (Double.isNaN(epochSeconds) ? "" : "&time=" + epochSeconds));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(promql + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return new ObjectMapper().readTree(r.body());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
