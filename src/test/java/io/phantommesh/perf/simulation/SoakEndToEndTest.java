package io.phantommesh.perf.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.soak.SoakAnalysis;
import io.phantommesh.perf.soak.SoakCsv;
import io.phantommesh.perf.soak.SoakRun;
import io.phantommesh.perf.soak.SoakSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed 72-hour soak, end to end, in a forked Gatling JVM against the embedded service:
 * once with its simulated memory leak on, once without.
 *
 * <p>Compression: time-scale 4320, so 72 simulated hours take 60 s and a sample every 5 simulated
 * minutes comes every 69.4 ms (864 samples). Levels: the default schedule (1,000 users 09-17, 100
 * otherwise) with one request per user every 5 s, i.e. 200 and 20 req/s, the same 10:1 ratio at a
 * fifth of the rate, so the two runs fit a CI budget: 103,680,000 / 5 / 4320 = 4,800 requests each,
 * 4,320 of them on /api/v1 (90 % in sessions of 8). Leak: 64 KiB per /api/v1 request, about 283 MB
 * over the run (cap raised to 512 MB), against a resident set of a few hundred MB. Measured on
 * the 2-core reference machine: with the leak 48 %/24h (WARNING, RSS 223 -> ~500 MB), without it
 * 4.3 %/24h (PASS, warm-up only), CPU ~13 % of 2 cores; about 75 s per run.
 */
@Tag("e2e")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SoakEndToEndTest {
  private static final int LEAK_BYTES = 65_536;

  @TempDir Path tmp;

  @Test
  void aLeakingTargetGrowsPastTheLimitAndAHealthyOneDoesNot() throws Exception {
    Run leaking = run("leak", LEAK_BYTES);
    Run healthy = run("no-leak", 0);

    for (Run r : List.of(leaking, healthy)) {
      assertThat(r.samples()).as(r.name() + " rows").hasSize(864);
      assertThat(r.analysis().missing()).as(r.name() + " missing samples").isLessThan(864 / 4);
      assertThat(r.console()).contains("soak day 1 00:").contains("soak day 3 ");
      assertThat(r.samples().get(0).isOk()).isTrue();
    }
    SoakAnalysis.Result leak = leaking.analysis();
    SoakAnalysis.Result flat = healthy.analysis();
    System.out.printf(
        "soak e2e: leak %.2f %%/24h (%s, rss %d -> %d MB, %d missing), no leak %.2f %%/24h (%s, rss %d -> %d MB, %d missing); CPU %.1f %% / %.1f %%%n",
        leak.memoryGrowthPercentPer24h(),
        leak.memoryVerdict(),
        leak.rssMinBytes() >> 20,
        leak.rssMaxBytes() >> 20,
        leak.missing(),
        flat.memoryGrowthPercentPer24h(),
        flat.memoryVerdict(),
        flat.rssMinBytes() >> 20,
        flat.rssMaxBytes() >> 20,
        flat.missing(),
        leak.cpuAveragePercent(),
        flat.cpuAveragePercent());
    assertThat(leak.memoryGrowthPercentPer24h()).isGreaterThanOrEqualTo(10.0);
    assertThat(leak.memoryVerdict()).isEqualTo(SoakAnalysis.Verdict.WARNING);
    assertThat(flat.memoryGrowthPercentPer24h()).isLessThan(leak.memoryGrowthPercentPer24h() / 2);
    assertThat(flat.memoryVerdict()).isEqualTo(SoakAnalysis.Verdict.PASS);
    assertThat(leak.cpuAveragePercent()).isNotNull().isPositive();
  }

  private record Run(String name, List<SoakSample> samples, SoakAnalysis.Result analysis, String console) {}

  private Run run(String name, int leakBytes) throws IOException, InterruptedException {
    Path soakDir = tmp.resolve(name).resolve("soak");
    Path results = tmp.resolve(name).resolve("gatling");
    Path log = tmp.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    // The embedded service runs in the Gatling JVM, so the sampled resident set is that JVM's.
    // The serial collector with a fixed young generation grows the heap only with live data (the
    // leak), not with Gatling's allocation churn, which G1 answers by committing more regions.
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xmn64m");
    cmd.add("-Xmx1g");
    // as the Gatling Maven plugin does: simulation.log writing reads String internals
    cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dphantom.profiles.soak.time-scale=4320");
    cmd.add("-Dphantom.profiles.soak.user-request-interval=5s");
    cmd.add("-Dphantom.profiles.soak.output-dir=" + soakDir);
    // 200 req/s at the peak: the busiest second's floor is lowered accordingly
    cmd.add("-Dphantom.profiles.soak.slo.peak-rps.target=150");
    cmd.add("-Dphantom.profiles.soak.slo.peak-rps.critical=100");
    cmd.add("-Dphantom.embedded.leak-bytes-per-request=" + leakBytes);
    cmd.add("-Dphantom.embedded.leak-cap=512M");
    cmd.add("-Dphantom.report.enabled=false");
    cmd.add("io.gatling.app.Gatling");
    cmd.add("-s");
    cmd.add(SoakSimulation.class.getName());
    cmd.add("-rf");
    cmd.add(results.toString());
    cmd.add("-nr");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(4, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(name + ": Gatling did not finish in 4 min; output:\n" + tail(log));
    }
    String console = Files.readString(log, StandardCharsets.UTF_8);
    // 0: every assertion held; 2: an assertion failed (latency on a busy machine) - the soak's own
    // figures are what this test is about
    assertThat(p.exitValue()).as(name + " exit code; output:\n" + tail(log)).isIn(0, 2);
    Path folder;
    try (Stream<Path> runs = Files.list(soakDir)) {
      List<Path> all = runs.toList();
      assertThat(all).as(name + " soak run folders").hasSize(1);
      folder = all.get(0);
    }
    return new Run(name, SoakCsv.read(folder.resolve(SoakRun.CSV)), SoakRun.analyze(folder), console);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
