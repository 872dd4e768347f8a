package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SmokeSimulation runs (forked Gatling JVM) with a short silent warm-up against a service
 * started here and reached by {@code phantom.target.base-url}, as a real target is: the target gets
 * only the measured requests plus the preflight's two (its own count), every published figure
 * describes the measured window, and a standalone {@code report} of the run folder agrees.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WarmUpRunTest {
  private static final String TOKEN = "warm-up-run-token-5d2e";
  private static final int PREFLIGHT_REQUESTS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  /** One smoke run: 40 req/s for 4 s after a 3 s warm-up at 200 req/s. */
  private record Run(GatlingProcess.Result gatling, Path runFolder, JsonNode result, long served) {}

  private Run smoke(String name, String... extra) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    try (EmbeddedVpnCore target =
        EmbeddedVpnCore.start(EmbeddedSettings.defaults(), Secret.of(TOKEN))) {
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-Dphantom.target.base-url=" + target.baseUri(),
                  "-Dphantom.target.api-token=" + TOKEN,
                  "-Dphantom.journey.warm-up=3s",
                  "-Dphantom.journey.warm-up-rate=200",
                  "-Dphantom.profiles.smoke.duration=4s",
                  "-Dphantom.report.output-dir=" + dir.resolve("reports"),
                  // the run's own temporary folder: what the warm-up service leaves is seen here
                  "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"))));
      options.addAll(List.of(extra));
      GatlingProcess.Result gatling =
          GatlingProcess.run(
              options,
              List.of(
                  "-s",
                  "io.phantommesh.perf.simulation.SmokeSimulation",
                  "-rf",
                  dir.resolve("gatling").toString()),
              Duration.ofSeconds(120),
              dir.resolve("gatling-output.txt"));
      Path results = only(dir.resolve("reports"), gatling);
      return new Run(
          gatling,
          only(dir.resolve("gatling"), gatling),
          JSON.readTree(results.resolve("result.json").toFile()),
          target.requestCount());
    }
  }

  @Test
  void theTargetGetsOnlyTheMeasuredLoadAndTheFiguresDescribeTheMeasuredWindow() throws IOException {
    Run run = smoke("embedded-warm-up");
    JsonNode r = run.result();
    String out = run.gatling().output();

    // the service's own count: every recorded request, the preflight's two, nothing else
    assertThat(run.served())
        .as(run.gatling().tail(30))
        .isEqualTo(r.get("request_count").asLong() + PREFLIGHT_REQUESTS);

    // told before load starts, and recorded
    int announced = out.indexOf("silent warm-up: 3 s at 200.0 req/s, about 600 requests to");
    assertThat(announced).as(out).isNotNegative();
    assertThat(out.substring(announced))
        .contains("embedded warm-up service (http://127.0.0.1:")
        .contains("gets only the model's load");
    // in a JVM of its own (not the injector's: docs/benchmark.md), stopped with the run
    Matcher ownJvm =
        Pattern.compile("embedded warm-up service \\(\\S+\\) in its own JVM \\(pid (\\d+)\\)")
            .matcher(out);
    assertThat(ownJvm.find()).as(out).isTrue();
    long pid = Long.parseLong(ownJvm.group(1));
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
    try (Stream<Path> left = Files.list(work.resolve("embedded-warm-up").resolve("tmp"))) {
      assertThat(left.map(f -> f.getFileName().toString()))
          .as("the warm-up service's console log, deleted after a clean run")
          .noneMatch(n -> n.startsWith("phantom-warm-up-service-"));
    }
    assertThat(announced).isLessThan(out.indexOf("---- Requests"));
    JsonNode w = r.get("warm_up");
    assertThat(w.get("target").asText()).startsWith("embedded warm-up service (http://127.0.0.1:");
    // its own service's count: the plan's 600, give or take Gatling's rounding, + 1 protocol
    // warm-up
    assertThat(w.get("requests").asLong()).isBetween(500L, 700L);
    assertThat(w.get("users").asLong()).isPositive();
    // at least the plan's 3 s; a cold injector's first sessions take longer (4.9 s seen here)
    assertThat(w.get("duration").asDouble()).isBetween(2.9, 30.0);

    assertMeasuredWindowOnly(r);
    assertStandaloneReportAgrees(run);
  }

  @Test
  void aWarmUpOnTheTargetIsCappedAtTheModelsStartingRate() throws IOException {
    Run run = smoke("target-warm-up", "-Dphantom.journey.warm-up-target=target");
    JsonNode r = run.result();

    long warmUpSeen = run.served() - r.get("request_count").asLong() - PREFLIGHT_REQUESTS;
    // 3 s at min(200, 40) req/s = 120, + Gatling's one protocol warm-up request
    assertThat(warmUpSeen).as(run.gatling().tail(30)).isBetween(100L, 125L);
    assertThat(run.gatling().output())
        .contains(
            "silent warm-up: 3 s at 40.0 req/s, about 120 requests to " + "http://127.0.0.1:");
    assertThat(r.get("warm_up").get("requests").asLong()).isEqualTo(120);
    assertMeasuredWindowOnly(r);
  }

  private static void assertMeasuredWindowOnly(JsonNode r) {
    double duration = r.get("duration").asDouble();
    long requests = r.get("request_count").asLong();
    // 4 s of arrivals; the last sessions end within about 0.5 s
    assertThat(duration).isBetween(3.5, 5.5);
    assertThat(r.get("metrics").get("avg_rps").asDouble())
        .isCloseTo(requests / duration, within(requests / duration * 0.01));
    JsonNode timeline = r.get("timeline");
    JsonNode first = timeline.get(0);
    assertThat(first.get("started").asLong()).as("no warm-up second first").isPositive();
    assertThat(first.get("epoch_second").asLong() * 1000)
        .isLessThanOrEqualTo(java.time.Instant.parse(r.get("started_at").asText()).toEpochMilli());
    assertThat(timeline.size()).isLessThanOrEqualTo(7);
    long started = 0;
    long maxUsers = 0;
    for (JsonNode s : timeline) {
      started += s.get("started").asLong();
      maxUsers = Math.max(maxUsers, s.get("active_users").asLong());
    }
    assertThat(started).isEqualTo(requests);
    // 36 req/s of 8-request sessions (0.4 s each) + 4 probes/s: about 10 alive at most; the
    // warm-up's 200 req/s would show several times more
    assertThat(maxUsers).isBetween(1L, 20L);
    long runStart =
        java.time.Instant.parse(r.get("warm_up").get("run_started_at").asText()).toEpochMilli();
    long measuredStart = java.time.Instant.parse(r.get("started_at").asText()).toEpochMilli();
    assertThat(measuredStart - runStart).isGreaterThanOrEqualTo(3_000);
  }

  private void assertStandaloneReportAgrees(Run run) throws IOException {
    Path again = work.resolve("again");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute(
                "report",
                run.runFolder().toString(),
                "--out",
                again.toString(),
                "--no-gatling-html",
                "--quiet");
    assertThat(exit).as(out + "\n" + err).isIn(0, 2);
    JsonNode standalone = JSON.readTree(only(again, run.gatling()).resolve("result.json").toFile());
    for (String key :
        List.of(
            "duration",
            "request_count",
            "metrics",
            "started_at",
            "ended_at",
            "timeline",
            "warm_up")) {
      assertThat(standalone.get(key)).as(key).isEqualTo(run.result().get(key));
    }
  }

  private static Path only(Path parent, GatlingProcess.Result gatling) throws IOException {
    assertThat(parent).as("written; Gatling said:\n" + gatling.tail(40)).isDirectory();
    try (Stream<Path> dirs = Files.list(parent)) {
      List<Path> found =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .toList();
      assertThat(found).as("one folder in " + parent + ":\n" + gatling.tail(40)).hasSize(1);
      return found.get(0);
    }
  }
}
