package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.results.GatlingProcess;
import io.phantommesh.perf.target.EmbeddedVpnCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SmokeSimulation runs in a forked Gatling JVM against an embedded service started here: a
 * normal smoke run carries injector health without a warning; a cold injector asked for 20,000
 * req/s for 2 s (several times what 2 cores can inject) is flagged as the bottleneck, in
 * result.json and report.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class InjectorHealthRunTest {
  private static final String TOKEN = "injector-health-token-5d2e";

  private Path work;
  private EmbeddedVpnCore core;

  @BeforeAll
  void startService(@TempDir Path tmp) {
    work = tmp;
    core =
        EmbeddedVpnCore.start(
            new EmbeddedSettings("127.0.0.1", 0, 0, Duration.ZERO, Duration.ZERO, 0.0, 0, 0),
            Secret.of(TOKEN));
  }

  @AfterAll
  void stop() {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void aNormalSmokeRunHasInjectorHealthAndNoWarning() throws IOException {
    Run run = smoke("normal", List.of());

    JsonNode health = run.result().get("injector_health");
    assertThat(health).as(run.gatling().tail(30)).isNotNull();
    assertThat(health.has("warning")).as(health.toString()).isFalse();
    assertThat(health.get("cores").asInt()).isPositive();
    assertThat(health.get("cpu_percent_avg").asDouble()).isBetween(0.0, 100.0);
    assertThat(health.get("heap_max_mb").asDouble()).isPositive();
    assertThat(health.get("late_arrivals_percent").asDouble())
        .isLessThan(io.phantommesh.perf.report.InjectorHealthAssessor.LATE_ARRIVALS_PERCENT);
    assertThat(run.report()).contains("## Injector health").contains("| Warning | none |");
    assertThat(run.report()).doesNotContain("**Injector:**");
  }

  @Test
  void aStarvedInjectorIsFlaggedAsTheBottleneck() throws IOException {
    Run run =
        smoke(
            "starved",
            List.of(
                "-Dphantom.profiles.smoke.rate=20000",
                "-Dphantom.profiles.smoke.duration=2s",
                "-Dphantom.journey.warm-up=0s",
                "-Dphantom.target.request-timeout=5s"));

    JsonNode health = run.result().get("injector_health");
    assertThat(health).as(run.gatling().tail(30)).isNotNull();
    assertThat(health.path("warning").asText())
        .as(health.toString())
        .startsWith("injector was the bottleneck: ")
        .contains("of arrivals started 5 ms or more late");
    assertThat(health.get("late_arrivals_percent").asDouble()).isGreaterThan(5.0);
    assertThat(run.report()).contains("> ⚠️ **Injector:** injector was the bottleneck");
  }

  private record Run(GatlingProcess.Result gatling, JsonNode result, String report) {}

  private Run smoke(String name, List<String> options) throws IOException {
    Path reports = work.resolve(name).resolve("reports");
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xms512m");
    jvm.add("-Xmx1g");
    jvm.add("-Dphantom.target.base-url=" + core.baseUri());
    jvm.add("-Dphantom.target.api-token=" + TOKEN);
    jvm.add("-Dphantom.target.preflight=false");
    jvm.add("-Dphantom.report.output-dir=" + reports);
    jvm.addAll(options);
    GatlingProcess.Result gatling =
        GatlingProcess.run(
            jvm,
            List.of(
                "-s",
                "io.phantommesh.perf.simulation.SmokeSimulation",
                "-rf",
                work.resolve(name).resolve("gatling").toString(),
                "-nr"),
            Duration.ofSeconds(75),
            work.resolve(name + "-output.txt"));
    assertThat(reports).as("reports written; Gatling said:\n" + gatling.tail(40)).isDirectory();
    Path folder;
    try (Stream<Path> dirs = Files.list(reports)) {
      folder =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .findFirst()
              .orElseThrow();
    }
    JsonNode result = new ObjectMapper().readTree(folder.resolve("result.json").toFile());
    String report = Files.readString(folder.resolve("report.md"), StandardCharsets.UTF_8);
    return new Run(gatling, result, report);
  }
}
