package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.embedded.RequestCounts;
import io.phantommesh.perf.results.RunAggregator;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.SimulationLogReader;
import io.phantommesh.perf.results.TimelineSecond;
import io.phantommesh.perf.run.RunSidecar;
import io.phantommesh.perf.testsupport.ApiEndpoints;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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
 * Scale-out on loopback: three injector JVMs run SmokeSimulation at the same time against one
 * embedded service started here, each with 1/3 of the rate and no HTML report of its own (as the
 * Kubernetes injectors do), then {@code report} merges their three run folders: one result, one
 * merged simulation.log and one Gatling HTML report rendered from it.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DistributedMergeTest {
  private static final int INJECTORS = 3;
  private static final String TOKEN = "merge-token-5e2d9c";

  private EmbeddedVpnCore core;
  private final List<Path> runFolders = new ArrayList<>();
  private final List<GatlingProcess.Result> injectorRuns = new ArrayList<>();
  private Path reports;
  private int reportExit;
  private String reportOutput;
  private Path resultFolder;
  private JsonNode result;
  private Duration reportTime;

  @BeforeAll
  void runThreeInjectorsConcurrentlyThenMerge(@TempDir Path tmp) throws Exception {
    core = EmbeddedVpnCore.start(EmbeddedSettings.defaults(), Secret.of(TOKEN));
    List<CompletableFuture<GatlingProcess.Result>> running = new ArrayList<>();
    for (int i = 0; i < INJECTORS; i++) {
      Path folder = tmp.resolve("injector-" + i);
      Files.createDirectories(folder);
      List<String> jvm =
          List.of(
              "-Xmx512m",
              "-Dphantom.injector.index=" + i,
              "-Dphantom.injector.count=" + INJECTORS,
              "-Dphantom.target.base-url=" + core.baseUri(),
              "-Dphantom.target.api-token=" + TOKEN,
              "-Dphantom.journey.warm-up=0s",
              "-Dphantom.target.preflight=false",
              "-Dphantom.report.enabled=false",
              "-Dphantom.profiles.smoke.duration=4s");
      List<String> gatling =
          List.of(
              "-s",
              "io.phantommesh.perf.simulation.SmokeSimulation",
              "-rf",
              folder.toString(),
              "-nr");
      Path output = tmp.resolve("injector-" + i + ".txt");
      // GatlingProcess.run blocks: one thread per injector, so the three run at the same time.
      running.add(
          CompletableFuture.supplyAsync(
              () -> GatlingProcess.run(jvm, gatling, Duration.ofSeconds(150), output)));
    }
    for (int i = 0; i < INJECTORS; i++) {
      GatlingProcess.Result r = running.get(i).get(170, TimeUnit.SECONDS);
      injectorRuns.add(r);
      runFolders.add(onlySubfolder(tmp.resolve("injector-" + i), r));
    }
    reports = tmp.resolve("reports");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("report"));
    runFolders.forEach(f -> args.add(f.toString()));
    args.addAll(List.of("--out", reports.toString()));
    long started = System.nanoTime();
    reportExit =
        Main.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute(args.toArray(String[]::new));
    reportTime = Duration.ofNanos(System.nanoTime() - started);
    reportOutput = out + "\n" + err;
    try (Stream<Path> dirs = Files.list(reports)) {
      List<Path> found =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .toList();
      assertThat(found).as(reportOutput).hasSize(1);
      resultFolder = found.get(0);
    }
    result = new ObjectMapper().readTree(resultFolder.resolve("result.json").toFile());
  }

  @AfterAll
  void stop() {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void everyInjectorRanItsShardAndTheReportGaveAVerdict() {
    for (GatlingProcess.Result r : injectorRuns) {
      // 0, or 2 when a shard's own Gatling assertions missed: the merge decides.
      assertThat(r.exitCode()).as(r.tail(30)).isIn(0, 2);
    }
    assertThat(reportExit)
        .as(reportOutput)
        .isIn(ExitCodes.PASS, ExitCodes.WARNING, ExitCodes.CRITICAL);
    assertThat(result.get("injector_count").asInt()).isEqualTo(INJECTORS);
    assertThat(result.get("run_id").asText())
        .isEqualTo("merged-" + runFolders.get(0).getFileName());
  }

  @Test
  void everyInjectorLeftItsRunFactsAndTheMergeReadThem() {
    // With their own post-processing off, the injectors still leave phantom-run.json beside the
    // log (as the Kubernetes injectors do): the merge judges the injectors' health from all three.
    for (Path f : runFolders) {
      assertThat(f.resolve(RunSidecar.FILE_NAME)).as(f + " run facts").isRegularFile();
      assertThat(RunSidecar.read(f)).isPresent();
    }
    assertThat(result.path("injector_health").isObject()).as(result.toString()).isTrue();
    assertThat(result.has("stopped_early")).isFalse();
  }

  @Test
  void theInjectorsReallyOverlappedInTime() {
    List<long[]> spans = new ArrayList<>();
    for (Path f : runFolders) {
      RunStatistics s = RunAggregator.aggregate(List.of(f));
      spans.add(new long[] {s.startEpochMillis(), s.endEpochMillis()});
    }
    long latestStart = spans.stream().mapToLong(s -> s[0]).max().orElseThrow();
    long earliestEnd = spans.stream().mapToLong(s -> s[1]).min().orElseThrow();
    assertThat(latestStart).as("all three were running at once").isLessThan(earliestEnd);
  }

  @Test
  void mergedCountsAreTheSumOfTheInjectorsAndTheServicesOwnCounts() {
    long sum = 0;
    long sumKo = 0;
    for (Path f : runFolders) {
      RunStatistics s = RunAggregator.aggregate(List.of(f));
      sum += s.global().count();
      sumKo += s.global().koCount();
    }
    assertThat(result.get("request_count").asLong()).isEqualTo(sum).isPositive();
    assertThat(result.get("error_count").asLong()).isEqualTo(sumKo);

    RequestCounts counts = core.counts();
    long api = 0;
    for (JsonNode r : result.get("requests")) {
      String endpoint = ApiEndpoints.OF_REQUEST.get(r.get("name").asText());
      if (endpoint != null) {
        assertThat(r.get("count").asLong()).as(endpoint).isEqualTo(counts.total(endpoint));
        api += r.get("count").asLong();
      }
    }
    assertThat(api).isPositive();
    // Gatling's protocol warm-up also calls /health once per injector, unrecorded.
    long health = result.get("request_count").asLong() - api;
    assertThat(health).isPositive().isLessThanOrEqualTo(counts.total("GET /health"));
    assertThat(counts.total("GET /health") - health).isLessThanOrEqualTo(2L * INJECTORS);
  }

  @Test
  void theTimelineIsTheInjectorsSecondsAddedOnTheWallClock() {
    Map<Long, Long> expected = new TreeMap<>();
    long earliestStart = Long.MAX_VALUE;
    for (Path f : runFolders) {
      earliestStart =
          Math.min(
              earliestStart,
              SimulationLogReader.readRunInfo(f.resolve("simulation.log")).startEpochMillis());
      for (TimelineSecond s : RunAggregator.aggregate(List.of(f)).timeline()) {
        expected.merge(s.epochSecond(), s.responses(), Long::sum);
      }
    }
    Map<Long, Long> merged = new TreeMap<>();
    for (JsonNode s : result.get("timeline")) {
      merged.put(s.get("epoch_second").asLong(), s.get("responses").asLong());
    }
    expected.forEach(
        (second, responses) ->
            assertThat(merged.get(second)).as("second " + second).isEqualTo(responses));
    assertThat(result.get("timeline").get(0).get("epoch_second").asLong())
        .isEqualTo(Math.floorDiv(earliestStart, 1000));
    assertThat(Instant.parse(result.get("started_at").asText()).toEpochMilli())
        .isEqualTo(earliestStart);
  }

  @Test
  void oneMergedLogAndOneGatlingHtmlReportSitInTheResult() throws IOException {
    String report = result.get("gatling_report").asText();
    assertThat(report).as(reportOutput).startsWith("gatling/").endsWith("/index.html");
    Path index = resultFolder.resolve(report);
    assertThat(index).isRegularFile();
    Path runFolder = index.getParent();
    assertThat(runFolder.resolve("simulation.log")).isRegularFile();
    assertThat(Files.readString(index, StandardCharsets.UTF_8))
        .contains("<html")
        .contains("SmokeSimulation");
    try (Stream<Path> all = Files.walk(resultFolder)) {
      assertThat(all.filter(p -> p.getFileName().toString().equals("index.html")).toList())
          .containsExactly(index);
    }
    // The merged log is a valid Gatling 3.15.1 log with every record of the three.
    RunStatistics mergedLog = RunAggregator.aggregate(List.of(runFolder));
    assertThat(mergedLog.global().count()).isEqualTo(result.get("request_count").asLong());
    assertThat(result.at("/extra/merge/run_folders")).hasSize(INJECTORS);
    assertThat(result.at("/extra/merge/gatling_html").asText()).isEqualTo(report);
    assertThat(Files.readString(resultFolder.resolve("report.md"), StandardCharsets.UTF_8))
        .contains("[Gatling HTML report](" + report + ")");
    // No staging folder is left behind, and the reports index lists the merged run.
    try (Stream<Path> hidden = Files.list(reports)) {
      assertThat(hidden.filter(p -> p.getFileName().toString().startsWith(".")).toList()).isEmpty();
    }
    assertThat(Files.readString(reports.resolve("index.html"), StandardCharsets.UTF_8))
        .contains(resultFolder.getFileName().toString());
    System.out.println(
        "DistributedMergeTest: report (merge + HTML) took " + reportTime.toMillis() + " ms");
  }

  private static Path onlySubfolder(Path folder, GatlingProcess.Result run) throws IOException {
    try (Stream<Path> dirs = Files.list(folder)) {
      List<Path> found = dirs.filter(Files::isDirectory).toList();
      assertThat(found)
          .as("one run folder in " + folder + "; Gatling said:\n" + run.tail(40))
          .hasSize(1);
      return found.get(0);
    }
  }
}
