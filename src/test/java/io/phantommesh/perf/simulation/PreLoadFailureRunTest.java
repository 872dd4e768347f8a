package io.phantommesh.perf.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.run.PreLoadFailure;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Gatling JVM whose run fails before any load, the way the Maven plugin forks it: one short
 * block printed once, the failure's own exit code, no "Run crashed" and no stack trace.
 */
@Tag("slow")
class PreLoadFailureRunTest {
  @TempDir Path tmp;

  @Test
  void invalidSettingsPrintOneBlockAndExit3() {
    GatlingProcess.Result run = smoke("-Dphantom.slo.p99.target=abc");

    assertThat(run.exitCode()).as(run.tail(30)).isEqualTo(PreLoadFailure.INVALID_SETTINGS);
    assertOneCleanBlock(run, "phantom.slo.p99.target = \"abc\": must be a duration");
  }

  @Test
  void anUnreachableTargetPrintsOneBlockAndExits4() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    GatlingProcess.Result run =
        smoke(
            "-Dphantom.target.base-url=http://127.0.0.1:" + closed,
            "-Dphantom.target.api-token=t0ken");

    assertThat(run.exitCode()).as(run.tail(30)).isEqualTo(PreLoadFailure.TARGET_UNAVAILABLE);
    assertOneCleanBlock(run, "Target unreachable: GET http://127.0.0.1:" + closed + "/health");
    assertThat(run.output()).doesNotContain("t0ken");
  }

  @Test
  void verboseAddsTheStackTrace() {
    GatlingProcess.Result run = smoke("-Dphantom.slo.p99.target=abc", "-Dphantom.verbose=true");

    assertThat(run.exitCode()).as(run.tail(30)).isEqualTo(PreLoadFailure.INVALID_SETTINGS);
    assertThat(run.output()).contains("InvalidSettingsException").doesNotContain("Run crashed");
  }

  private static void assertOneCleanBlock(GatlingProcess.Result run, String what) {
    String out = run.output();
    assertThat(out).contains(what).contains("hint: ").contains("-Dphantom.verbose=true");
    assertThat(out.split(java.util.regex.Pattern.quote(what), -1)).as(out).hasSize(2);
    assertThat(out)
        .doesNotContain("Run crashed")
        .doesNotContain("\tat ")
        .doesNotContain("InvalidSettingsException")
        .doesNotContain("TargetUnavailableException")
        .doesNotContain("InvocationTargetException");
  }

  private GatlingProcess.Result smoke(String... properties) {
    List<String> jvm = new ArrayList<>(List.of(properties));
    jvm.add("-Dphantom.report.output-dir=" + tmp.resolve("reports"));
    return GatlingProcess.run(
        jvm,
        List.of(
            "-s",
            "io.phantommesh.perf.simulation.SmokeSimulation",
            "-rf",
            tmp.resolve("gatling").toString()),
        Duration.ofSeconds(90),
        tmp.resolve("gatling-output.txt"));
  }
}
