package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.embedded.RequestCounts;
import io.phantommesh.perf.testsupport.ApiEndpoints;
import io.phantommesh.perf.testsupport.Chromium;
import io.phantommesh.perf.testsupport.GatlingProcess;
import io.phantommesh.perf.testsupport.JUnitXmlSchema;
import io.phantommesh.perf.testsupport.ReportPageCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SmokeSimulation run in a forked Gatling JVM against an embedded service started here, with
 * 10 % injected failures: the post-processor's counts must equal the service's own counters, and
 * the token must appear in no file written.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EndToEndRunTest {
  private static final String TOKEN = "e2e-token-7c1f0a9b3d";

  private Path work;
  private EmbeddedVpnCore core;
  private GatlingProcess.Result run;
  private Path reports;
  private JsonNode result;

  @BeforeAll
  void runSmokeAgainstAFlakyService(@TempDir Path tmp) throws IOException {
    work = tmp;
    core =
        EmbeddedVpnCore.start(
            new EmbeddedSettings("127.0.0.1", 0, 0, Duration.ZERO, Duration.ZERO, 0.1, 0, 0),
            Secret.of(TOKEN));
    reports = work.resolve("reports");
    run =
        GatlingProcess.run(
            List.of(
                "-Dphantom.target.base-url=" + core.baseUri(),
                "-Dphantom.target.api-token=" + TOKEN,
                "-Dphantom.target.preflight=false",
                "-Dphantom.journey.warm-up=0s",
                "-Dphantom.profiles.smoke.duration=4s",
                "-Dphantom.report.output-dir=" + reports),
            List.of(
                "-s",
                "io.phantommesh.perf.simulation.SmokeSimulation",
                "-rf",
                work.resolve("gatling").toString()),
            Duration.ofSeconds(150),
            work.resolve("gatling-output.txt"));
    Path resultJson = onlyResultFolder().resolve("result.json");
    result = new ObjectMapper().readTree(resultJson.toFile());
  }

  @AfterAll
  void stop() {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void gatlingFailsTheRunOnTheErrorRateAssertion() {
    assertThat(run.exitCode()).as(run.tail(30)).isEqualTo(2);
    assertThat(run.output()).contains("percentage of failed events is less than 1.0 : false");
  }

  @Test
  void theReviewersPageOfTheRealRunLoadsInABrowserWithItsVerdict() throws Exception {
    Path page = onlyResultFolder().resolve("report.html");
    assertThat(run.tail(14)).contains(page.toString());
    try (Chromium browser = Chromium.start(Chromium.requireBinary(), 1280, 900)) {
      // The four charts: rates, users, per-second latency, percentile distribution.
      ReportPageCheck.check(browser, page, 4);
      assertThat(
              browser
                  .evaluate("document.querySelectorAll('table.requests tbody tr').length")
                  .asInt())
          .isEqualTo(result.get("requests").size());
    }
  }

  @Test
  void theConsoleEndsWithTheVerdictTableAndThePathsWritten() {
    String tail = run.tail(12);
    assertThat(tail)
        .contains("Overall verdict: CRITICAL")
        .contains("result.json")
        .contains("junit.xml");
  }

  @Test
  void apiCountsEqualTheServicesOwnCountersPerEndpointAndStatus() {
    RequestCounts counts = core.counts();
    long apiTotal = 0;
    long apiErrors = 0;
    for (JsonNode r : result.get("requests")) {
      String endpoint = ApiEndpoints.OF_REQUEST.get(r.get("name").asText());
      if (endpoint == null) {
        continue;
      }
      assertThat(r.get("count").asLong()).as(endpoint).isEqualTo(counts.total(endpoint));
      assertThat(r.get("ko").asLong()).as(endpoint + " KO").isEqualTo(counts.count(endpoint, 500));
      apiTotal += r.get("count").asLong();
      apiErrors += r.get("ko").asLong();
    }
    assertThat(apiTotal).isPositive();
    assertThat(apiErrors).as("injected failures were seen").isPositive();
    long healthInLog = result.get("request_count").asLong() - apiTotal;
    // the service also answered Gatling's protocol warm-up requests on /health, which are not
    // recorded, so the log holds at most as many /health requests as the service saw
    assertThat(healthInLog).isPositive().isLessThanOrEqualTo(counts.total("GET /health"));
    assertThat(result.get("error_count").asLong()).isEqualTo(apiErrors);
    assertThat(result.get("success_count").asLong() + result.get("error_count").asLong())
        .isEqualTo(result.get("request_count").asLong());
  }

  @Test
  void theErrorRateIsCriticalInTheResultAndTheJunitFile() throws IOException {
    assertThat(result.get("verdict").asText()).isEqualTo("CRITICAL");
    assertThat(result.get("metrics").get("error_rate").asDouble()).isBetween(0.03, 0.25);
    String junit =
        Files.readString(onlyResultFolder().resolve("junit.xml"), StandardCharsets.UTF_8);
    assertThat(junit).contains("<failure").contains("error_rate");
    JUnitXmlSchema.assertValid(onlyResultFolder().resolve("junit.xml"));
  }

  @Test
  void theSidecarNamesTheModelAndTheTargetWithoutCredentials() {
    assertThat(result.get("test_name").asText()).isEqualTo("smoke");
    assertThat(result.get("target").asText()).isEqualTo(core.baseUri().toString());
    assertThat(result.get("gatling_report").asText()).endsWith("index.html");
  }

  @Test
  void theTokenAppearsInNoFileWritten() throws IOException {
    try (Stream<Path> files =
        Stream.concat(Files.walk(reports), Files.walk(work.resolve("gatling")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(TOKEN);
      }
    }
  }

  private Path onlyResultFolder() throws IOException {
    assertThat(reports).as("reports written; Gatling said:\n" + run.tail(40)).isDirectory();
    try (Stream<Path> dirs = Files.list(reports)) {
      List<Path> found =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .toList();
      assertThat(found)
          .as("one result folder under " + reports + "; Gatling said:\n" + run.tail(40))
          .hasSize(1);
      return found.get(0);
    }
  }
}
