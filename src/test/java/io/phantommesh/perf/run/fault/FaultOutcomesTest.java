package io.phantommesh.perf.run.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.soak.SoakCsv;
import io.phantommesh.perf.soak.SoakRun;
import io.phantommesh.perf.soak.SoakSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault of the embedded service under a real, short smoke run (forked Gatling, {@link
 * FaultRun}), judged against the service's own counters: the run ends within plan + grace, what
 * Gatling counts OK equals what the service answered 2xx, every KO is a named transport error (or a
 * readable status check), the result is complete with the tier its figures call for, Gatling's HTML
 * is written and the service's port is released. One run per fault, shared by its assertions.
 *
 * <p>Each run prints one {@code fault-run …} line (also appended to {@code target/fault-runs.txt}):
 * the figures of docs/faults.md's table.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultOutcomesTest {
  @TempDir static Path work;

  /** The assertions every fault run must pass. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract class Outcomes {
    FaultRun run;

    abstract FaultRun start();

    @BeforeAll
    void runIt() throws IOException {
      run = start();
      String line = run.summary();
      System.out.println(line);
      Files.writeString(
          Path.of("target", "fault-runs.txt"),
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }

    @Test
    void theRunEndsWithinThePlanPlusTheGrace() {
      assertThat(run.process.exitCode()).as(run.process.tail(30)).isIn(0, 2);
      assertThat(run.durationSeconds())
          .isLessThanOrEqualTo(run.plan.plus(FaultRun.GRACE).toMillis() / 1000.0);
    }

    @Test
    void whatGatlingCountsOkIsWhatTheServiceAnswered2xx() {
      for (Map.Entry<String, String> e : FaultRun.ENDPOINT_OF_REQUEST.entrySet()) {
        long ok = run.request(e.getKey()).path("ok").asLong();
        long served = run.service2xx(e.getValue());
        if (e.getKey().equals("health")) {
          // the service also answered Gatling's protocol warm-up: one /health per protocol (2)
          assertThat(served - ok).as("health: service 2xx minus Gatling OK").isBetween(0L, 2L);
        } else {
          assertThat(ok).as(e.getKey() + ": Gatling OK vs service 2xx").isEqualTo(served);
        }
      }
    }

    @Test
    void everyKoIsCountedUnderAReadableMessage() {
      long occurrences = 0;
      for (JsonNode e : run.result.path("errors")) {
        occurrences += e.path("count").asLong();
        String kind = e.path("kind").asText("");
        assertThat(kind.isEmpty() ? e.path("message").asText() : kind)
            .as("named group or a status check")
            .matches("timeout|connect_timeout|connection_refused|connection_reset|status\\..*");
      }
      assertThat(occurrences).isEqualTo(run.result.path("error_count").asLong());
      assertThat(run.errorsByKind().keySet()).isSubsetOf(expectedKinds());
    }

    /** The error kinds this fault may cause ("" for status checks). */
    abstract Set<String> expectedKinds();

    @Test
    void theResultIsCompleteWithTheTierItsFiguresCallFor() {
      assertThat(run.result.path("partial").asBoolean()).isFalse();
      double rate = run.result.path("metrics").path("error_rate").asDouble();
      assertThat(run.tierOf("error_rate"))
          .isEqualTo(rate < 0.01 ? "PASS" : rate <= 0.05 ? "WARNING" : "CRITICAL");
      List<String> tiers =
          run.result.path("verdicts").findValuesAsText("tier").stream().distinct().toList();
      String worst =
          tiers.contains("CRITICAL") ? "CRITICAL" : tiers.contains("WARNING") ? "WARNING" : "PASS";
      assertThat(run.result.path("verdict").asText()).isEqualTo(worst);
      assertThat(run.process.output()).contains("Overall verdict: " + worst);
    }

    @Test
    void gatlingsHtmlIsWrittenAndThePortIsReleased() {
      assertThat(run.gatlingFolder.resolve("index.html")).isRegularFile();
      assertThat(run.resultFolder.resolve("report.md")).isRegularFile();
      assertThat(run.somethingListens()).as("the service's port after the run").isFalse();
    }
  }

  /** Outage assertions shared by both modes. */
  abstract class OutageOutcomes extends Outcomes {
    /** Outages the run schedules. */
    int outageCount() {
      return 1;
    }

    @Test
    void eachOutageIsOnTheTimelineAndTheTargetRecoveredAfterIt() {
      JsonNode outages = run.result.path("extra").path("faults").path("outages");
      assertThat(outages).hasSize(outageCount());
      for (JsonNode o : outages) {
        long startT = o.path("start_t").asLong();
        long endT = o.path("end_t").asLong();
        assertThat(startT).as("went down during the run: " + o).isNotNegative();
        assertThat(o.path("recovered").asBoolean()).as(o.toString()).isTrue();
        assertThat(o.path("recovery_seconds").asLong()).isBetween(0L, 3L);
        long errorsDuring = 0;
        long okAfter = 0;
        for (JsonNode s : run.result.path("timeline")) {
          long t = s.path("t").asLong();
          if (t >= startT && t <= endT) {
            errorsDuring += s.path("errors").asLong();
          } else if (t > endT) {
            okAfter += s.path("responses").asLong() - s.path("errors").asLong();
          }
        }
        assertThat(errorsDuring).as("KOs while down: " + o).isPositive();
        assertThat(okAfter).as("OK answers after it was back: " + o).isPositive();
      }
      String md = read(run.resultFolder.resolve("report.md"));
      assertThat(md).contains("## Faults on purpose").contains("█ = outage");
    }
  }

  /**
   * CI's run: reset, stall, slow first byte and keep-alive close at once, each judged by the kind
   * of KO it causes against its own counter.
   */
  @Nested
  class MixedFaults extends Outcomes {
    @Override
    FaultRun start() {
      return FaultRun.of(
          "mixed",
          work,
          Map.of(
              "reset-ratio", "0.1",
              "stall-ratio", "0.03",
              "first-byte.fixed", "5ms",
              "first-byte.tail-mean", "15ms",
              "first-byte.tail", "pareto",
              "first-byte.pareto-shape", "1.5",
              "keepalive-max-requests", "3"),
          List.of());
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("connection_reset", "timeout");
    }

    @Test
    void resetsAreConnectionResetsSaveThoseGatlingRetried() {
      assertResets(run);
    }

    @Test
    void timeoutsAreTheStallsAndTheAbandonedSlowAnswers() {
      long timeouts = run.errorsByKind().getOrDefault("timeout", 0L);
      assertThat(run.fault("stall")).isPositive();
      // the protocol warm-ups (2, not recorded) may stall or time out too
      assertThat(run.fault("stall") + run.fault("abandoned") - timeouts).isBetween(0L, 2L);
    }

    @Test
    void everyAnswerWaitedItsFirstByteDelay() {
      assertThat(run.fault("slow_first_byte"))
          .isEqualTo(run.serviceAnswers() + run.fault("abandoned"));
      // (the minimum is a KO: a reset answers nothing, fast)
      assertThat(run.result.path("metrics").path("latency_percentiles").path("p50").asDouble())
          .isGreaterThanOrEqualTo(5);
    }

    @Test
    void keepAliveConnectionsWereClosedByTheService() {
      assertThat(run.fault("keepalive_close")).isPositive();
    }
  }

  /**
   * CI's outage run, and the soak that lives through them: a time-compressed 72 h soak (time scale
   * 11,780: 22 s; 1,000 users at the peak, one request each every 10 simulated seconds, i.e. 100
   * req/s, 10 req/s otherwise; a sample of the target every 30 simulated minutes, 153 ms of wall
   * time) against the service in a JVM of its own, down twice in the middle: refused from 10 s to
   * 12.5 s after the service started, then 503 for all from 16 s to 17.5 s (the soak's load starts
   * 1-7 s after the service, with the Gatling JVM's start and the first sample, measured on the
   * loaded 2-core machine). The soak goes on, ends with a complete result, and its samples are
   * missing while the target is down, never invented.
   */
  @Nested
  class SoakThroughOutages extends OutageOutcomes {
    @Override
    FaultRun start() {
      return FaultRun.of(
          "soak-outages",
          work,
          "io.phantommesh.perf.simulation.SoakSimulation",
          Duration.ofMillis(22_000),
          Map.of("outages", "10s-12500ms:refuse, 16s-17500ms:503"),
          List.of(
              "-Dphantom.profiles.spike.recovery-stable-seconds=2",
              "-Dphantom.profiles.soak.time-scale=11780",
              // The soak's default stop rules (error rate CRITICAL for 30 simulated minutes, 1 s of
              // wall time here, the floor) end it at the first outage; this test is about going on.
              "-Dphantom.live.stop.soak.error-rate=off",
              "-Dphantom.live.stop.soak.p99=off",
              "-Dphantom.profiles.soak.user-request-interval=10s",
              "-Dphantom.profiles.soak.sample-interval=30m",
              "-Dphantom.profiles.soak.output-dir=" + work.resolve("soak-samples"),
              "-Dphantom.profiles.soak.slo.peak-rps.target=30",
              "-Dphantom.profiles.soak.slo.peak-rps.critical=20"));
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("connection_refused", "connection_reset", "connect_timeout", "");
    }

    @Override
    int outageCount() {
      return 2;
    }

    @Test
    void connectionsAreRefusedInTheFirstAnd503sAreKosInTheSecond() {
      assertRefused(run);
      assert503s(run);
    }

    @Test
    void theSamplesAreMissingWhileDownAndPresentAround() throws IOException {
      List<SoakSample> samples = SoakCsv.read(run.resultFolder.resolve(SoakRun.CSV));
      assertThat(run.result.path("extra").path("soak").path("samples").asLong()).isPositive();
      JsonNode outages = run.result.path("extra").path("faults").path("outages");
      int during = 0;
      int outside = 0;
      int okOutside = 0;
      Map<String, Integer> statuses = new java.util.TreeMap<>();
      for (SoakSample s : samples) {
        statuses.merge(s.status().replaceAll("[0-9]+", "N"), 1, Integer::sum);
        long at = s.wallTime().toEpochMilli();
        boolean inside = false;
        boolean near = false;
        for (JsonNode o : outages) {
          long from = o.path("start_epoch_ms").asLong();
          long to = o.path("end_epoch_ms").asLong();
          inside |= at >= from + 100 && at <= to - 100;
          near |= at >= from - 500 && at <= to + 500;
        }
        if (inside) {
          during++;
          assertThat(s.isOk()).as("sample while down: " + SoakCsv.row(s)).isFalse();
          assertThat(s.rssBytes()).isEqualTo(-1);
          assertThat(s.cpuSeconds()).isNaN();
        } else if (!near) {
          outside++;
          okOutside += s.isOk() ? 1 : 0;
        }
      }
      assertThat(during).as("samples due while down: " + statuses).isGreaterThan(10);
      assertThat(okOutside)
          .as("samples while up, of " + outside + ": " + statuses)
          .isGreaterThanOrEqualTo(outside * 9 / 10);
    }
  }

  /** A refuse-mode then a 503-mode outage in a smoke run, each followed by a recovery. */
  @Nested
  @Tag("faults-each")
  class Outages extends OutageOutcomes {
    @Override
    FaultRun start() {
      return FaultRun.of(
          "outages",
          work,
          Duration.ofSeconds(12),
          Map.of("outages", "5s-6500ms:refuse, 8s-9500ms:503"),
          List.of("-Dphantom.profiles.spike.recovery-stable-seconds=2"));
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("connection_refused", "connection_reset", "connect_timeout", "");
    }

    @Override
    int outageCount() {
      return 2;
    }

    @Test
    void connectionsAreRefusedInTheFirstAnd503sAreKosInTheSecond() {
      assertRefused(run);
      assert503s(run);
    }
  }

  @Nested
  @Tag("faults-each")
  class Resets extends Outcomes {
    @Override
    FaultRun start() {
      return FaultRun.of("reset", work, Map.of("reset-ratio", "0.2"), List.of());
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("connection_reset");
    }

    @Test
    void resetsAreConnectionResetsSaveThoseGatlingRetried() {
      assertResets(run);
    }
  }

  @Nested
  @Tag("faults-each")
  class Stalls extends Outcomes {
    @Override
    FaultRun start() {
      return FaultRun.of("stall", work, Map.of("stall-ratio", "0.05"), List.of());
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("timeout");
    }

    @Test
    void everyStallIsATimeoutAfterTheRequestTimeout() {
      long stalls = run.fault("stall");
      long timeouts = run.errorsByKind().getOrDefault("timeout", 0L);
      assertThat(stalls).isPositive();
      assertThat(stalls - timeouts).isBetween(0L, 2L);
      assertThat(run.result.path("metrics").path("latency_max").asDouble())
          .isGreaterThanOrEqualTo(FaultRun.REQUEST_TIMEOUT.toMillis());
    }
  }

  @Nested
  @Tag("faults-each")
  class SlowFirstBytes extends Outcomes {
    @Override
    FaultRun start() {
      return FaultRun.of(
          "slow-first-byte",
          work,
          Map.of(
              "first-byte.fixed", "20ms",
              "first-byte.tail-mean", "60ms",
              "first-byte.tail", "pareto",
              "first-byte.pareto-shape", "1.5"),
          List.of());
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("timeout");
    }

    @Test
    void everyAnswerWasDelayedAndTheAbandonedOnesAreTheTimeouts() {
      long timeouts = run.errorsByKind().getOrDefault("timeout", 0L);
      assertThat(run.fault("slow_first_byte"))
          .isEqualTo(run.serviceAnswers() + run.fault("abandoned"));
      assertThat(run.fault("abandoned") - timeouts).isBetween(0L, 2L);
      assertThat(run.result.path("metrics").path("latency_min").asDouble())
          .isGreaterThanOrEqualTo(20);
    }
  }

  @Nested
  @Tag("faults-each")
  class KeepAliveCloses extends Outcomes {
    @Override
    FaultRun start() {
      return FaultRun.of("keepalive-close", work, Map.of("keepalive-max-requests", "2"), List.of());
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of();
    }

    @Test
    void connectionsClosedByTheServiceCostNoRequest() {
      assertThat(run.fault("keepalive_close")).isPositive();
      assertThat(run.result.path("error_count").asLong()).isZero();
    }
  }

  @Nested
  @Tag("faults-each")
  class RefusingOutage extends OutageOutcomes {
    @Override
    FaultRun start() {
      return FaultRun.of(
          "outage-refuse",
          work,
          Duration.ofSeconds(9),
          Map.of("outages", "5s-6500ms:refuse"),
          List.of("-Dphantom.profiles.spike.recovery-stable-seconds=2"));
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("connection_refused", "connection_reset", "connect_timeout");
    }

    @Test
    void connectionsAreRefusedWhileDown() {
      assertRefused(run);
    }
  }

  @Nested
  @Tag("faults-each")
  class UnavailableOutage extends OutageOutcomes {
    @Override
    FaultRun start() {
      return FaultRun.of(
          "outage-503",
          work,
          Duration.ofSeconds(9),
          Map.of("outages", "5s-6500ms:503"),
          List.of("-Dphantom.profiles.spike.recovery-stable-seconds=2"));
    }

    @Override
    Set<String> expectedKinds() {
      return Set.of("");
    }

    @Test
    void every503IsAKoWithItsStatus() {
      assert503s(run);
    }
  }

  private static void assertResets(FaultRun run) {
    long resets = run.fault("reset");
    long ko = run.errorsByKind().getOrDefault("connection_reset", 0L);
    assertThat(resets).isPositive();
    // Gatling re-sends once, on a new connection, a request whose pooled (reused) connection
    // closed before its answer: those resets never reach the log.
    assertThat(ko).isPositive().isLessThanOrEqualTo(resets);
  }

  private static void assertRefused(FaultRun run) {
    assertThat(run.errorsByKind().getOrDefault("connection_refused", 0L)).isPositive();
  }

  /**
   * Every 503 the service answered to the journeys' endpoints is a KO whose message names the
   * status (the protocol warm-ups aside; the soak sampler's {@code /metrics} is not a journey).
   */
  private static void assert503s(FaultRun run) {
    assertThat(run.fault("outage_503")).isPositive();
    long served503 = 0;
    for (String endpoint : FaultRun.ENDPOINT_OF_REQUEST.values()) {
      served503 +=
          run.result
              .path("extra")
              .path("embedded_service_requests")
              .path(endpoint)
              .path("503")
              .asLong();
    }
    long statusKos = 0;
    for (JsonNode e : run.result.path("errors")) {
      if (e.path("kind").isMissingNode()) {
        assertThat(e.path("message").asText()).contains("503");
        statusKos += e.path("count").asLong();
      }
    }
    assertThat(served503).isPositive();
    assertThat(served503 - statusKos)
        .as("503s to the journeys minus their KOs (protocol warm-ups)")
        .isBetween(0L, 2L);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
