package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.RequestCounts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded service in a JVM of its own, for real: it serves, counts, keeps its token off its
 * command line, stops on close or when its parent ends, and a start that fails says why.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeProcessTest {
  private static final String TOKEN = "own-jvm-token-7f3a91";
  private static final List<String> SMALL_JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1");
  private static final Duration START = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesCountsAndStopsOnClose() throws Exception {
    Path log = tmp.resolve("service.log");
    ServeProcess service;
    try (ServeProcess s =
        ServeProcess.start(EmbeddedSettings.defaults(), Secret.of(TOKEN), SMALL_JVM, log, START)) {
      service = s;
      assertThat(s.baseUri().getHost()).isEqualTo("127.0.0.1");
      assertThat(s.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(s.placement()).isEqualTo("its own JVM (pid " + s.pid() + ")");

      assertThat(get(s.baseUri(), "/health", null).statusCode()).isEqualTo(200);
      assertThat(get(s.baseUri(), "/health", null).statusCode()).isEqualTo(200);
      assertThat(post(s.baseUri(), "/api/v1/peers", "Bearer " + TOKEN).statusCode()).isEqualTo(201);
      assertThat(post(s.baseUri(), "/api/v1/peers", "Bearer wrong").statusCode()).isEqualTo(401);

      RequestCounts counts = s.counts();
      assertThat(counts.count("GET /health", 200)).isEqualTo(2);
      assertThat(counts.count("POST /api/v1/peers", 201)).isEqualTo(1);
      assertThat(counts.count("POST /api/v1/peers", 401)).isEqualTo(1);

      // The token travels in the environment: `ps` shows the command line, not the environment.
      Path cmdline = Path.of("/proc", String.valueOf(s.pid()), "cmdline");
      String commandLine =
          Files.isReadable(cmdline)
              ? Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ')
              : ProcessHandle.of(s.pid()).flatMap(h -> h.info().commandLine()).orElseThrow();
      assertThat(commandLine).contains(" serve ").doesNotContain(TOKEN);
    }
    assertThat(ProcessHandle.of(service.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatThrownBy(() -> get(service.baseUri(), "/health", null))
        .isInstanceOf(ConnectException.class);
    assertThat(Files.readString(log, StandardCharsets.UTF_8))
        .startsWith("listening on " + service.baseUri())
        .contains("stopped by JVM shutdown")
        .doesNotContain(TOKEN);
  }

  @Test
  void stopsWhenTheProcessItWatchesEnds() throws Exception {
    Process parent = new ProcessBuilder("sleep", "60").start();
    List<String> command =
        ServeProcess.command(EmbeddedSettings.defaults(), SMALL_JVM, parent.pid());
    Path log = tmp.resolve("watching.log");
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitLine(log, "listening on ");
      assertThat(child.isAlive()).isTrue();
      parent.destroy();
      assertThat(child.waitFor(20, TimeUnit.SECONDS))
          .as("service stopped after its parent")
          .isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(Files.readString(log, StandardCharsets.UTF_8))
          .contains("or until process " + parent.pid() + " ends")
          .contains("stopped: process " + parent.pid() + " ended");
    } finally {
      parent.destroyForcibly();
      child.destroyForcibly();
    }
  }

  @Test
  void aServiceThatCannotStartSaysWhyAndWhereItsConsoleIs() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      EmbeddedSettings onTakenPort =
          new EmbeddedSettings(
              "127.0.0.1", taken.getLocalPort(), 0, Duration.ZERO, Duration.ZERO, 0.0, 0, 0);
      Path log = tmp.resolve("failed.log");
      assertThatThrownBy(
              () -> ServeProcess.start(onTakenPort, Secret.of(TOKEN), SMALL_JVM, log, START))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining(log.toString())
          .hasMessageContaining(String.valueOf(taken.getLocalPort()));
    }
  }

  @Test
  void aJvmThatDoesNotStartSaysSo() {
    Path log = tmp.resolve("bad-jvm.log");
    assertThatThrownBy(
            () ->
                ServeProcess.start(
                    EmbeddedSettings.defaults(),
                    Secret.of(TOKEN),
                    List.of("-XX:+NoSuchJvmOption"),
                    log,
                    START))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code 1 before listening")
        .hasMessageContaining("NoSuchJvmOption");
  }

  @Test
  void requestCountsComeFromTheMetricsPage() {
    String page =
        """
        # HELP vpn_requests_total Requests answered, by endpoint and HTTP status.
        # TYPE vpn_requests_total counter
        vpn_requests_total{endpoint="GET /health",status="200"} 7
        vpn_requests_total{endpoint="POST /api/v1/peers",status="201"} 3
        vpn_requests_total{endpoint="POST /api/v1/peers",status="401"} 1
        vpn_requests_total{endpoint="other",status="404"} 2
        vpn_requests_total{endpoint="odd \\"quoted\\"",status="200"} 1
        vpn_requests_total{endpoint="no status"} 5
        vpn_threat_signals_total{severity="high"} 9
        process_resident_memory_bytes 1.2e+08
        """;
    RequestCounts counts = ServeProcess.requestCounts(page);
    assertThat(counts.count("GET /health", 200)).isEqualTo(7);
    assertThat(counts.count("POST /api/v1/peers", 201)).isEqualTo(3);
    assertThat(counts.count("POST /api/v1/peers", 401)).isEqualTo(1);
    assertThat(counts.count("other", 404)).isEqualTo(2);
    assertThat(counts.count("odd \"quoted\"", 200)).isEqualTo(1);
    assertThat(counts.total()).isEqualTo(14);
  }

  private HttpResponse<String> get(URI base, String path, String auth)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI base, String path, String auth)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"node_id\":\"own-jvm\",\"public_key\":\"bXkgcHVibGljIGtleQ==\","
                        + "\"endpoint\":\"198.51.100.7:51820\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitLine(Path log, String prefix) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        if (lines.stream().anyMatch(l -> l.startsWith(prefix))) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line starting with '" + prefix + "' in " + log);
  }
}
