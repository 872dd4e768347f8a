package io.phantommesh.perf.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sustained run whose target fails 50 % of API requests only at first and recovers before
 * the stop rule's window (every second of 8 s) ends: the run is not stopped. The failures last 1 s
 * from the first VPN session the service sees (time, not a count: on a busy machine the injector
 * may reach a fraction of its rate).
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveRecoveryRunTest {
  private static final String TOKEN = "live-recover-token-91c2";

  @Test
  void aTargetThatRecoversBeforeTheWindowEndsIsNotStopped(@TempDir Path work) throws Exception {
    try (EmbeddedVpnCore core =
        EmbeddedVpnCore.start(
            new EmbeddedSettings("127.0.0.1", 0, 0, Duration.ZERO, Duration.ZERO, 0.5, 0, 0),
            Secret.of(TOKEN))) {
      CompletableFuture<GatlingProcess.Result> running =
          CompletableFuture.supplyAsync(
              () ->
                  LiveRunForks.sustained(
                      work,
                      core.baseUri(),
                      TOKEN,
                      100,
                      Duration.ofSeconds(20),
                      List.of(
                          "-Dphantom.live.stop.sustained.error-rate=8s",
                          "-Dphantom.live.stop.sustained.p99=off",
                          "-Dphantom.live.prometheus.enabled=false")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // The first session's first request (Gatling's protocol warm-up calls /health before).
      while (core.counts().total("POST /api/v1/peers") == 0
          && System.nanoTime() < deadline
          && !running.isDone()) {
        Thread.sleep(10);
      }
      Thread.sleep(1000);
      core.setErrorRatio(0.0);
      GatlingProcess.Result run = running.get(240, TimeUnit.SECONDS);
      JsonNode result = LiveRunForks.result(work, run);

      assertThat(result.get("error_count").asLong()).as("the failures happened").isPositive();
      assertThat(result.has("stopped_early")).as(run.tail(40)).isFalse();
      assertThat(run.output()).doesNotContain("STOP: stop rule");
      assertThat(run.exitCode()).isNotEqualTo(LiveStop.EXIT_CODE);
      assertThat(result.get("duration").asDouble()).isGreaterThanOrEqualTo(20.0);
      assertThat(LiveRunForks.liveLines(run.output()))
          .isNotEmpty()
          .allMatch(l -> l.matches(LiveRunForks.LINE.pattern()));
    }
  }
}
