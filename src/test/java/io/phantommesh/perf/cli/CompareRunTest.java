package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on real runs: three short SmokeSimulation runs in forked Gatling JVMs against one
 * embedded service, post-processed as usual into one reports folder. Runs A and B are alike (the
 * unchanged rerun); before run C the service's latency is raised by 50 ms (the injected
 * regression). Compared with the default tolerances of reference.conf: B against A is no
 * regression, C against A (and against the last PASS, B) is one beyond tolerance.
 *
 * <p>Each run: 3 s silent warm-up at 300 req/s, then 100 req/s for 6 s (about 600 responses, enough
 * for P99 to be judged: 5 samples beyond it). Noise between two warm runs on a shared loopback
 * machine stays under the 5 ms floor on the median, mean and P99 (seen: 1 to 7 ms on P99 when the
 * service was still cold, hence the warm-up); the 50 ms regression is ten times that.
 *
 * <p>On the shared 2-core machine, other processes can stall a run for half a second (seen: a
 * rerun's P99 19 -> 422 ms, its mean 2.4 -> 22.8 ms, its own SLO verdict CRITICAL). Such a run
 * really was slower and compare rightly flags it, so the unchanged rerun is tried up to three
 * times: at least one must compare as no regression. A disturbed try is moved out of the reports
 * folder and printed. The injected regression must be flagged on the one run made.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class CompareRunTest {
  private static final String TOKEN = "compare-token-81b3";

  private Path work;
  private Path reports;
  private EmbeddedVpnCore core;
  private Path runA;
  private Path runB;
  private Path runC;
  private Path gatlingRunC;
  private final List<String> rerunAttempts = new ArrayList<>();

  /** Tries of the unchanged rerun; the comparison must pass at least one. */
  private static final int RERUN_ATTEMPTS = 3;

  @BeforeAll
  void runThreeSmokeRuns(@TempDir Path tmp) throws IOException {
    work = tmp;
    reports = tmp.resolve("reports");
    core = EmbeddedVpnCore.start(EmbeddedSettings.defaults(), Secret.of(TOKEN));
    // The baseline must be undisturbed too: a run stalled by other processes on a shared machine
    // (its own verdict not PASS) would make any clean rerun look like a change. Tried up to three
    // times; a disturbed baseline is moved aside like a disturbed rerun.
    for (int attempt = 1; attempt <= RERUN_ATTEMPTS; attempt++) {
      runA = smokeRun("a" + attempt);
      String verdict = json(runA.resolve("result.json")).get("verdict").asText();
      if (verdict.equals("PASS") || attempt == RERUN_ATTEMPTS) {
        break;
      }
      Path aside = Files.createDirectories(work.resolve("disturbed"));
      Files.move(runA, aside.resolve(runA.getFileName()));
      System.out.println(
          "CompareRunTest: baseline " + attempt + " was disturbed (" + verdict + "), moved aside");
    }
    // The unchanged rerun, tried up to three times: see the class comment.
    for (int attempt = 1; attempt <= RERUN_ATTEMPTS; attempt++) {
      runB = smokeRun("b" + attempt);
      Cli c =
          cli(
              "compare",
              runB.toString(),
              "--baseline",
              runA.resolve("result.json").toString(),
              "--no-write",
              "-q");
      rerunAttempts.add("attempt " + attempt + ": exit " + c.exit() + "\n" + c.out());
      if (c.exit() == ExitCodes.PASS || attempt == RERUN_ATTEMPTS) {
        break;
      }
      // A disturbed rerun leaves the reports folder, so --baseline-last-pass below sees the clean
      // ones.
      Path aside = Files.createDirectories(work.resolve("disturbed"));
      Files.move(runB, aside.resolve(runB.getFileName()));
      System.out.println(
          "CompareRunTest: rerun " + attempt + " was disturbed, moved aside:\n" + c.out());
    }
    core.setLatency(Duration.ofMillis(50), Duration.ZERO);
    runC = smokeRun("c");
  }

  @AfterAll
  void stop() {
    if (core != null) {
      core.close();
    }
  }

  /** One post-processed smoke run; returns its result folder. */
  private Path smokeRun(String name) throws IOException {
    Set<Path> before = resultFolders();
    Path gatling = work.resolve("gatling-" + name);
    GatlingProcess.Result run =
        GatlingProcess.run(
            List.of(
                "-Xmx512m",
                "-Dphantom.target.base-url=" + core.baseUri(),
                "-Dphantom.target.api-token=" + TOKEN,
                "-Dphantom.target.preflight=false",
                // A silent warm-up through the real journeys warms the injector JVM and the
                // service in this JVM alike, so the first run is not the cold one.
                "-Dphantom.journey.warm-up=3s",
                "-Dphantom.journey.warm-up-rate=300",
                "-Dphantom.profiles.smoke.rate=100",
                "-Dphantom.profiles.smoke.duration=6s",
                "-Dphantom.report.output-dir=" + reports),
            List.of(
                "-s",
                "io.phantommesh.perf.simulation.SmokeSimulation",
                "-rf",
                gatling.toString(),
                "-nr"),
            Duration.ofSeconds(120),
            work.resolve("gatling-" + name + ".txt"));
    Set<Path> after = resultFolders();
    after.removeAll(before);
    assertThat(after).as("one new result folder; Gatling said:\n" + run.tail(40)).hasSize(1);
    if (name.equals("c")) {
      try (Stream<Path> dirs = Files.list(gatling)) {
        gatlingRunC = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
      }
    }
    return after.iterator().next();
  }

  private Set<Path> resultFolders() throws IOException {
    if (!Files.isDirectory(reports)) {
      return new HashSet<>();
    }
    try (Stream<Path> dirs = Files.list(reports)) {
      return new HashSet<>(
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .toList());
    }
  }

  private record Cli(int exit, String out) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Cli(exit, out + err.toString());
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  @Order(1)
  void anUnchangedRerunIsNoRegression() throws IOException {
    Cli c = cli("compare", runB.toString(), "--baseline", runA.resolve("result.json").toString());
    System.out.println(
        "CompareRunTest, B vs A (" + rerunAttempts.size() + " attempt(s)):\n" + c.out());
    assertThat(c.exit()).as(String.join("\n", rerunAttempts)).isEqualTo(ExitCodes.PASS);
    Path written = runB.resolve("compare-" + runA.getFileName() + ".json");
    JsonNode comparison = json(written);
    assertThat(comparison.get("verdict").asText()).isEqualTo("PASS");
    assertThat(comparison.at("/baseline/run_id").asText()).isEqualTo(runA.getFileName().toString());
    assertThat(comparison.at("/baseline/location").asText())
        .isEqualTo("../" + runA.getFileName() + "/result.json");
    assertThat(runB.resolve("compare-" + runA.getFileName() + ".md")).isRegularFile();
    // P99 was judged: both runs have more than 500 responses.
    JsonNode p99 = metric(comparison, "latency_p99");
    assertThat(p99.get("judged").asBoolean()).as(c.out()).isTrue();
  }

  @Test
  @Order(2)
  void aFiftyMillisecondSlowdownIsARegressionBeyondTolerance() throws IOException {
    Cli c = cli("compare", runC.toString(), "--baseline", runA.toString());
    System.out.println("CompareRunTest, C vs A:\n" + c.out());
    assertThat(c.exit()).as(c.out()).isEqualTo(ExitCodes.CRITICAL);
    JsonNode comparison = json(runC.resolve("compare-" + runA.getFileName() + ".json"));
    assertThat(comparison.get("verdict").asText()).isEqualTo("CRITICAL");
    for (String m : List.of("latency_mean", "latency_p50", "latency_p99")) {
      JsonNode d = metric(comparison, m);
      // Every answer is 50 ms slower; the mean and the median move by that, the P99 by that
      // less the baseline's own tail (seen: 19 -> 61 ms).
      assertThat(d.get("delta").asDouble())
          .as(m)
          .isGreaterThanOrEqualTo(m.equals("latency_p99") ? 25.0 : 45.0);
      assertThat(d.at("/verdict/tier").asText()).as(m).isEqualTo("CRITICAL");
    }
    assertThat(c.out()).contains("regression verdict: CRITICAL (regression beyond tolerance)");
  }

  @Test
  @Order(3)
  void lastPassPicksTheNewestPassOfTheModelOtherThanTheRunItself() throws IOException {
    assertThat(json(runA.resolve("result.json")).get("verdict").asText()).isEqualTo("PASS");
    assertThat(json(runB.resolve("result.json")).get("verdict").asText()).isEqualTo("PASS");
    // C's P50 is about 52 ms, past the seed's 50 ms target: its own verdict is WARNING.
    assertThat(json(runC.resolve("result.json")).get("verdict").asText()).isNotEqualTo("PASS");
    // For C: B is the newest PASS other than C itself.
    Cli c = cli("compare", runC.toString(), "--baseline-last-pass");
    assertThat(c.exit()).as(c.out()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(runC.resolve("compare-" + runB.getFileName() + ".json")).isRegularFile();
    // For B: C is newer but not PASS, so A.
    Cli back = cli("compare", runB.toString(), "--baseline-last-pass", "--no-write");
    assertThat(back.out()).contains("vs baseline " + runA.getFileName());
    assertThat(back.exit()).as(back.out()).isEqualTo(ExitCodes.PASS);
    // A reports folder without any PASS of the model: unusable input.
    Cli none =
        cli(
            "compare",
            runA.toString(),
            "--baseline-last-pass",
            "--no-write",
            "--reports",
            work.resolve("nowhere").toString());
    assertThat(none.exit()).as(none.out()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(none.out()).contains("no PASS result of test_name 'smoke'");
  }

  @Test
  @Order(4)
  void aSecondComparisonWithTheSameBaselineGetsNewFilesNeverOverwrites() throws IOException {
    Path first = runC.resolve("compare-" + runA.getFileName() + ".json");
    String before = Files.readString(first, StandardCharsets.UTF_8);
    Cli c = cli("compare", runC.toString(), "--baseline", runA.toString(), "-q");
    assertThat(c.exit()).isEqualTo(ExitCodes.CRITICAL);
    assertThat(runC.resolve("compare-" + runA.getFileName() + "-2.json")).isRegularFile();
    assertThat(runC.resolve("compare-" + runA.getFileName() + "-2.md")).isRegularFile();
    assertThat(Files.readString(first, StandardCharsets.UTF_8)).isEqualTo(before);
    try (Stream<Path> files = Files.list(runC)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".")).toList())
          .as("no temporary file left")
          .isEmpty();
    }
  }

  @Test
  @Order(5)
  void reportWithABaselineCarriesTheComparisonFromTheStart() throws IOException {
    Cli c =
        cli(
            "report",
            gatlingRunC.toString(),
            "--out",
            reports.toString(),
            "--baseline",
            runA.resolve("result.json").toString());
    assertThat(c.exit()).as(c.out()).isEqualTo(ExitCodes.CRITICAL);
    Path again = reports.resolve(runC.getFileName() + "-2");
    JsonNode result = json(again.resolve("result.json"));
    assertThat(result.get("verdict").asText()).isEqualTo("CRITICAL");
    assertThat(result.at("/baseline_comparison/verdict").asText()).isEqualTo("CRITICAL");
    assertThat(result.at("/baseline_comparison/baseline/run_id").asText())
        .isEqualTo(runA.getFileName().toString());
    assertThat(Files.readString(again.resolve("report.md"), StandardCharsets.UTF_8))
        .contains("## Baseline comparison")
        .contains("P50 vs baseline");
    assertThat(Files.readString(again.resolve("junit.xml"), StandardCharsets.UTF_8))
        .contains("name=\"regression_latency_p50\"")
        .contains("<failure");
    // The index lists every run and links the comparisons.
    String index = Files.readString(reports.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(index)
        .contains(runA.getFileName().toString())
        .contains(again.getFileName().toString())
        .contains("href=\"" + runC.getFileName() + "/compare-" + runA.getFileName() + ".md\"");
  }

  private static JsonNode metric(JsonNode comparison, String name) {
    for (JsonNode m : comparison.get("metrics")) {
      if (m.get("metric").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no " + name + " in " + comparison);
  }
}
