package io.phantommesh.perf.run.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One short SmokeSimulation run in a forked Gatling JVM against the embedded service (in the
 * Gatling JVM) with faults set by {@code -Dphantom.embedded.faults.*}, and what it left: the
 * console, {@code result.json}, the Gatling run folder. The service's own counters reach the result
 * through the run's sidecar ({@code extra.embedded_service_requests}, {@code extra.faults}).
 *
 * <p>Shape: 40 req/s for {@link #PLAN} (no warm-up, no preflight: both would spend requests on the
 * faults), request timeout {@link #REQUEST_TIMEOUT}. Test support.
 */
final class FaultRun {
  /** The smoke plan's length unless a run says otherwise. */
  static final Duration PLAN = Duration.ofSeconds(6);

  /** Per-request timeout of the journeys. */
  static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);

  /**
   * The documented grace after the plan (docs/faults.md): the simulation's own bound without its 30
   * s floor, 3 x the request timeout plus the session's keepalive pauses (3 x 100 ms), plus 2 s of
   * scheduling slack. A session stops at its first failure, so it waits out at most one timeout.
   */
  static final Duration GRACE =
      REQUEST_TIMEOUT.multipliedBy(3).plus(Duration.ofMillis(300)).plusSeconds(2);

  /** Gatling's request name to the service's endpoint label. */
  static final Map<String, String> ENDPOINT_OF_REQUEST = new LinkedHashMap<>();

  static {
    ENDPOINT_OF_REQUEST.put("health", "GET /health");
    ENDPOINT_OF_REQUEST.put("register peer", "POST /api/v1/peers");
    ENDPOINT_OF_REQUEST.put("open tunnel", "POST /api/v1/tunnels");
    ENDPOINT_OF_REQUEST.put("keepalive", "POST /api/v1/tunnels/{id}/keepalive");
    ENDPOINT_OF_REQUEST.put("report threat signal", "POST /api/v1/threat-signals");
    ENDPOINT_OF_REQUEST.put("close tunnel", "DELETE /api/v1/tunnels/{id}");
  }

  final String name;
  final Duration plan;
  final GatlingProcess.Result process;
  final JsonNode result;
  final Path resultFolder;
  final Path gatlingFolder;

  private FaultRun(
      String name,
      Duration plan,
      GatlingProcess.Result process,
      JsonNode result,
      Path resultFolder,
      Path gatlingFolder) {
    this.name = name;
    this.plan = plan;
    this.process = process;
    this.result = result;
    this.resultFolder = resultFolder;
    this.gatlingFolder = gatlingFolder;
  }

  /**
   * Runs the smoke model with {@code faults} (keys under {@code phantom.embedded.faults.}, e.g.
   * {@code reset-ratio -> 0.2}) and {@code more} -D options.
   */
  static FaultRun of(String name, Path work, Map<String, String> faults, List<String> more) {
    return of(name, work, PLAN, faults, more);
  }

  /** As {@link #of(String, Path, Map, List)}, with a plan of another length. */
  static FaultRun of(
      String name, Path work, Duration plan, Map<String, String> faults, List<String> more) {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Dphantom.embedded.process=shared");
    jvm.add("-Dphantom.profiles.smoke.duration=" + plan.toMillis() + "ms");
    jvm.addAll(more);
    return of(name, work, "io.phantommesh.perf.simulation.SmokeSimulation", plan, faults, jvm);
  }

  /**
   * Runs {@code simulation} (whose plan lasts {@code plan}) with {@code faults}, no warm-up, no
   * preflight, the request timeout {@link #REQUEST_TIMEOUT} and {@code more} -D options.
   */
  static FaultRun of(
      String name,
      Path work,
      String simulation,
      Duration plan,
      Map<String, String> faults,
      List<String> more) {
    Path dir = work.resolve(name);
    Path reports = dir.resolve("reports");
    List<String> jvm = new ArrayList<>();
    jvm.add("-Dphantom.target.preflight=false");
    jvm.add("-Dphantom.journey.warm-up=0s");
    jvm.add("-Dphantom.target.request-timeout=" + REQUEST_TIMEOUT.toMillis() + "ms");
    jvm.add("-Dphantom.report.output-dir=" + reports);
    faults.forEach((k, v) -> jvm.add("-Dphantom.embedded.faults." + k + "=" + v));
    jvm.addAll(more);
    try {
      Files.createDirectories(dir);
      GatlingProcess.Result p =
          GatlingProcess.run(
              jvm,
              List.of("-s", simulation, "-rf", dir.resolve("gatling").toString()),
              Duration.ofSeconds(180),
              dir.resolve("console.txt"));
      Path folder = only(reports, p);
      Path gatling = only(dir.resolve("gatling"), p);
      JsonNode result = new ObjectMapper().readTree(folder.resolve("result.json").toFile());
      return new FaultRun(name, plan, p, result, folder, gatling);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path only(Path parent, GatlingProcess.Result p) throws IOException {
    assertThat(parent).as("written; Gatling said:\n" + p.tail(40)).isDirectory();
    try (Stream<Path> dirs = Files.list(parent)) {
      List<Path> found =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .toList();
      assertThat(found)
          .as("one folder under " + parent + "; Gatling said:\n" + p.tail(40))
          .hasSize(1);
      return found.get(0);
    }
  }

  /** The service's answers of {@code endpoint} with a 2xx status. */
  long service2xx(String endpoint) {
    long n = 0;
    JsonNode statuses = result.path("extra").path("embedded_service_requests").path(endpoint);
    for (var it = statuses.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().startsWith("2")) {
        n += e.getValue().asLong();
      }
    }
    return n;
  }

  /** The service's answers of every endpoint, whatever their status. */
  long serviceAnswers() {
    long n = 0;
    for (JsonNode statuses : result.path("extra").path("embedded_service_requests")) {
      for (JsonNode count : statuses) {
        n += count.asLong();
      }
    }
    return n;
  }

  /** One of the service's fault counts. */
  long fault(String label) {
    return result.path("extra").path("faults").path("counts").path(label).asLong();
  }

  /** The result's request entry named {@code name}. */
  JsonNode request(String name) {
    for (JsonNode r : result.path("requests")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** KO occurrences in {@code errors} by kind ("" for messages of no kind). */
  Map<String, Long> errorsByKind() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (JsonNode e : result.path("errors")) {
      m.merge(e.path("kind").asText(""), e.path("count").asLong(), Long::sum);
    }
    return m;
  }

  /** The run's measured length, seconds (first request start to last record end). */
  double durationSeconds() {
    return result.path("duration").asDouble();
  }

  /** The verdict of one metric. */
  String tierOf(String metric) {
    for (JsonNode v : result.path("verdicts")) {
      if (v.path("metric").asText().equals(metric)) {
        return v.path("tier").asText();
      }
    }
    return "";
  }

  /** The embedded service's address, from the result's target. */
  URI serviceAddress() {
    String t = result.path("target").asText();
    return URI.create(t.substring(t.indexOf('(') + 1, t.indexOf(')')));
  }

  /** True when something accepts connections at the service's address now. */
  boolean somethingListens() {
    URI a = serviceAddress();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(a.getHost(), a.getPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** One line of measured figures for docs/faults.md's table. */
  String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "fault-run %s: plan %d s, wall %.1f s, duration %.1f s, requests %d, OK %d, KO %d, kinds %s,"
            + " service answers %d, faults %s, verdict %s, error_rate %s, outages %s, messages %s",
        name,
        plan.toSeconds(),
        process.elapsed().toMillis() / 1000.0,
        durationSeconds(),
        result.path("request_count").asLong(),
        result.path("success_count").asLong(),
        result.path("error_count").asLong(),
        errorsByKind(),
        serviceAnswers(),
        result.path("extra").path("faults").path("counts"),
        result.path("verdict").asText(),
        result.path("metrics").path("error_rate").asText(),
        result.path("extra").path("faults").path("outages"),
        result.path("errors").findValuesAsText("message"));
  }
}
