package io.phantommesh.perf.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.EmbeddedVpnCore;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sustained run (200 req/s for 60 s) against an embedded service that fails 50 % of API
 * requests, with an error-rate stop rule of 3 s, while a real Prometheus server (Debian's package,
 * {@code .ci/install-prometheus.sh}) scrapes the injector's endpoint every second. The run must
 * stop within its window plus 10 s with a complete, marked, CRITICAL result; the console's live
 * lines must parse and the final one equal result.json; Prometheus's last value of the request
 * counter must equal result.json's request_count.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveStopRunTest {
  private static final String TOKEN = "live-stop-token-3e8a";
  private static final int WINDOW_SECONDS = 3;

  private Path work;
  private EmbeddedVpnCore core;
  private PrometheusServer prometheus;
  private GatlingProcess.Result run;
  private JsonNode result;
  private int injectorPort;

  @BeforeAll
  void runAgainstAFailingService(@TempDir Path tmp) throws Exception {
    work = tmp;
    core =
        EmbeddedVpnCore.start(
            new EmbeddedSettings("127.0.0.1", 0, 0, Duration.ZERO, Duration.ZERO, 0.5, 0, 0),
            Secret.of(TOKEN));
    injectorPort = LiveRunForks.freePort();
    prometheus = PrometheusServer.start(work.resolve("prometheus"), "127.0.0.1:" + injectorPort);
    run =
        LiveRunForks.sustained(
            work,
            core.baseUri(),
            TOKEN,
            // Gatling writes its log in 8 KiB blocks: at 200 req/s one fills in about 2 s.
            200,
            Duration.ofSeconds(60),
            List.of(
                "-Dphantom.live.stop.sustained.error-rate=" + WINDOW_SECONDS + "s",
                "-Dphantom.live.stop.sustained.p99=off",
                "-Dphantom.live.prometheus.port=" + injectorPort,
                "-Dphantom.live.prometheus.linger=3s"));
    result = LiveRunForks.result(work, run);
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (core != null) {
      core.close();
    }
  }

  @Test
  void theRunStopsWithinItsWindowPlusTenSeconds() {
    assertThat(run.output())
        .contains("STOP: stop rule phantom.live.stop.sustained.error-rate fired");
    Instant start = Instant.parse(result.get("started_at").asText());
    Instant end = Instant.parse(result.get("ended_at").asText());
    // The failures begin with the load: the load ends within the window + 10 s of its start.
    assertThat(Duration.between(start, end))
        .isLessThanOrEqualTo(Duration.ofSeconds(WINDOW_SECONDS + 10));
    assertThat(result.get("duration").asDouble()).isLessThan(60);
  }

  @Test
  void theResultIsCompleteMarkedAndCritical() {
    assertThat(run.exitCode()).as(run.tail(40)).isEqualTo(LiveStop.EXIT_CODE);
    assertThat(result.get("partial").asBoolean()).isFalse();
    JsonNode stopped = result.get("stopped_early");
    assertThat(stopped).as("stopped_early in result.json").isNotNull();
    assertThat(stopped.get("rule").asText()).isEqualTo("phantom.live.stop.sustained.error-rate");
    assertThat(stopped.get("metric").asText()).isEqualTo("error_rate");
    assertThat(stopped.get("window_seconds").asInt()).isEqualTo(WINDOW_SECONDS);
    assertThat(stopped.get("fired_after_seconds").asDouble())
        .isPositive()
        .isLessThan(WINDOW_SECONDS + 10.0);
    assertThat(result.get("verdict").asText()).isEqualTo("CRITICAL");
    JsonNode verdicts = result.get("verdicts");
    JsonNode last = verdicts.get(verdicts.size() - 1);
    assertThat(last.get("metric").asText()).isEqualTo(LiveStop.VERDICT_METRIC);
    assertThat(last.get("tier").asText()).isEqualTo("CRITICAL");
    assertThat(result.get("request_count").asLong()).isPositive();
    assertThat(result.get("request_count").asLong())
        .isEqualTo(result.get("success_count").asLong() + result.get("error_count").asLong());
  }

  @Test
  void gatlingsHtmlReportIsWritten() {
    String report = result.get("gatling_report").asText();
    Path folder = work.resolve("reports");
    assertThat(
            Files.exists(folder.resolve(result.get("run_id").asText()).resolve(report).normalize()))
        .as(report)
        .isTrue();
  }

  @Test
  void liveLinesParseAndTheFinalOneEqualsResultJson() {
    List<String> lines = LiveRunForks.liveLines(run.output());
    assertThat(lines).as(run.tail(60)).isNotEmpty();
    for (String line : lines) {
      if (!line.contains(" | STOP: ")) {
        assertThat(line).matches(LiveRunForks.LINE);
      }
    }
    String last = lines.get(lines.size() - 1);
    assertThat(last).startsWith("phantom-mesh-perf live (final) |");
    Matcher m = LiveRunForks.figures(last);
    JsonNode metrics = result.get("metrics");
    assertThat(LiveRunForks.millis(m.group(1)))
        .isEqualTo(metrics.get("latency_percentiles").get("p50").asDouble());
    assertThat(LiveRunForks.millis(m.group(2)))
        .isEqualTo(metrics.get("latency_percentiles").get("p99").asDouble());
    assertThat(m.group(3))
        .isEqualTo(
            String.format(
                java.util.Locale.ROOT, "%.2f", 100 * metrics.get("error_rate").asDouble()));
    assertThat(Long.parseLong(m.group(4))).isEqualTo(result.get("request_count").asLong());
  }

  @Test
  void prometheusScrapedTheRequestCounterToResultJsonsCount() throws Exception {
    assertThat(run.output())
        .contains("Prometheus endpoint http://127.0.0.1:" + injectorPort + "/metrics");
    // Once the endpoint is gone Prometheus marks its series stale: read their last scraped values.
    String query =
        "sum(last_over_time(phantom_requests_total{model=\"sustained\",injector=\"0\"}[10m]))";
    JsonNode answer = prometheus.query(query);
    JsonNode series = answer.get("data").get("result");
    assertThat(series).as(answer.toString()).hasSize(1);
    long scraped = (long) Double.parseDouble(series.get(0).get("value").get(1).asText());
    assertThat(scraped).isEqualTo(result.get("request_count").asLong());
    JsonNode ko =
        prometheus
            .query("sum(last_over_time(phantom_requests_total{status=\"KO\"}[10m]))")
            .get("data")
            .get("result");
    assertThat((long) Double.parseDouble(ko.get(0).get("value").get(1).asText()))
        .isEqualTo(result.get("error_count").asLong());
    JsonNode fired =
        prometheus
            .query("max(max_over_time(phantom_stop_rule_fired[10m]))")
            .get("data")
            .get("result");
    assertThat(fired.get(0).get("value").get(1).asText()).isEqualTo("1");
  }

  @Test
  void everyQueryOfTheGrafanaDashboardFindsSeriesOfTheRun() throws Exception {
    JsonNode dashboard =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Path.of("deploy/grafana/phantom-live-run.json").toFile());
    // Inside the endpoint's linger: every series is live there (after it, Prometheus marks them
    // stale).
    double at = Instant.parse(result.get("ended_at").asText()).toEpochMilli() / 1000.0 + 2.5;
    int checked = 0;
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr =
            target
                .get("expr")
                .asText()
                .replace("injector=\"$injector\"", "injector=\"0\"")
                .replace("$model", ".*")
                .replace("$run_id", ".*")
                .replace("$injector", ".*")
                .replace("$__rate_interval", "30s");
        JsonNode answer = prometheus.query(expr, at);
        assertThat(answer.get("status").asText()).as(expr).isEqualTo("success");
        assertThat(answer.get("data").get("result"))
            .as(panel.get("title").asText() + ": " + expr)
            .isNotEmpty();
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }
}
