package io.phantommesh.perf.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.report.ReportFixtures;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.InjectorHealth;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public class JsonResultRoundTripTest {
  /** The seed's example document (load-test-harness-summary, "Metrics Output (JSON)"). */
  public static final String SEED_DOCUMENT =
      """
      {
        "test_name": "ramp-up",
        "duration": 300,
        "request_count": 150000,
        "success_count": 148500,
        "error_count": 1500,
        "metrics": {
          "latency_mean": 45.3,
          "latency_min": 2.1,
          "latency_max": 850.5,
          "latency_percentiles": {
            "p50": 38.2,
            "p95": 120.4,
            "p99": 195.4,
            "p999": 487.2
          },
          "peak_rps": 1050,
          "avg_rps": 500,
          "error_rate": 0.01
        }
      }
      """;

  @Test
  void readsBackWhatItWrites() {
    ResultDocument doc = ReportFixtures.goldenDocument();

    assertThat(read(JsonResultWriter.writeToString(doc))).isEqualTo(doc);
  }

  @Test
  void readsBackADocumentWithEveryOptionalField() {
    ResultDocument doc = fullDocument();

    assertThat(read(JsonResultWriter.writeToString(doc))).isEqualTo(doc);
  }

  @Test
  void writesTheSeedKeysFirstInTheSeedsOrder() throws Exception {
    JsonNode root =
        new ObjectMapper()
            .readTree(JsonResultWriter.writeToString(ReportFixtures.goldenDocument()));

    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    assertThat(keys.subList(0, 6))
        .containsExactly(
            "test_name", "duration", "request_count", "success_count", "error_count", "metrics");
    List<String> metricKeys = new ArrayList<>();
    root.get("metrics").fieldNames().forEachRemaining(metricKeys::add);
    assertThat(metricKeys)
        .containsExactly(
            "latency_mean",
            "latency_min",
            "latency_max",
            "latency_percentiles",
            "peak_rps",
            "avg_rps",
            "error_rate");
  }

  @Test
  void endsWithOneNewlineAndUsesUnixLineEnds() {
    String json = JsonResultWriter.writeToString(ReportFixtures.goldenDocument());

    assertThat(json).endsWith("}\n").doesNotEndWith("\n\n").doesNotContain("\r");
  }

  @Test
  void writesSmallAndLargeFiguresAsPlainDecimals() {
    // 1 KO of 250,000 = 0.000004: never 4.0E-6
    RunStatistics stats = ReportFixtures.statsWith(45.0, 38, 150, 400, 249_999, 1, 12_345_678);
    ResultDocument doc =
        ResultAssembler.assemble(
            stats,
            RunMetadata.of("r", "ramp-up", null, "embedded"),
            VerdictEvaluator.evaluate(stats, ReportFixtures.seedSlo()));

    String json = JsonResultWriter.writeToString(doc);

    assertThat(json).contains("\"error_rate\": 0.000004,").contains("\"peak_rps\": 12345678,");
    assertThat(json).doesNotContainPattern("[0-9]E-?[0-9]");
  }

  @Test
  void neitherClosesTheOutputNorTheInputStream() {
    boolean[] closed = {false};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonResultWriter.write(
        ReportFixtures.goldenDocument(),
        new FilterOutputStream(bytes) {
          @Override
          public void close() {
            closed[0] = true;
          }
        });
    InputStream in =
        new ByteArrayInputStream(bytes.toByteArray()) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    JsonResultReader.read(in);

    assertThat(closed[0]).isFalse();
  }

  @Test
  void readsASeedOnlyDocument() {
    ResultDocument seed = read(SEED_DOCUMENT);

    assertThat(seed.testName()).isEqualTo("ramp-up");
    assertThat(seed.duration()).isEqualTo(300.0);
    assertThat(seed.requestCount()).isEqualTo(150_000);
    assertThat(seed.metrics().latencyMin()).isEqualTo(2.1);
    assertThat(seed.metrics().latencyPercentiles().p999()).isEqualTo(487.2);
    assertThat(seed.metrics().peakRps()).isEqualTo(1050);
    assertThat(seed.metrics().errorRate()).isEqualTo(0.01);
    assertThat(seed.schemaVersion()).isNull();
    assertThat(seed.verdict()).isNull();
    assertThat(seed.verdicts()).isEmpty();
    assertThat(seed.timeline()).isEmpty();
    assertThat(seed.extra()).isEmpty();
  }

  @Test
  void ignoresKeysItDoesNotKnow() {
    String newer =
        JsonResultWriter.writeToString(ReportFixtures.goldenDocument())
            .replaceFirst("\\{", "{\"added_in_1_1\": {\"x\": 1},");

    assertThat(read(newer)).isEqualTo(ReportFixtures.goldenDocument());
  }

  @Test
  void namesEveryMissingSeedKey() {
    String broken =
        SEED_DOCUMENT.replace("\"peak_rps\": 1050,", "").replace("\"duration\": 300,", "");

    assertThatThrownBy(() -> read(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration")
        .hasMessageContaining("metrics.peak_rps");
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThatThrownBy(() -> read("<html>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a result document");
  }

  /** A document with injector health, extras and a Gatling report: every optional field set. */
  public static ResultDocument fullDocument() {
    record SpikeRecovery(double recoverySeconds, double baselineRps) {}
    RunStatistics stats = ReportFixtures.goldenStats();
    List<Verdict> verdicts =
        new ArrayList<>(VerdictEvaluator.evaluate(stats, ReportFixtures.smokeSlo()));
    verdicts.add(
        Verdict.evaluate(
            "spike_recovery", "Spike recovery", 12.5, Units.SECONDS, Bound.AT_MOST, 30, 60.0));
    return ResultAssembler.assemble(
        stats,
        ReportFixtures.goldenMeta()
            .withInjectorHealth(new InjectorHealth(91.5, 99.0, 1234L, 512.5, "CPU above 90 %"))
            .withExtra("spike", new SpikeRecovery(12.5, 0.000012)),
        verdicts);
  }

  public static ResultDocument read(String json) {
    return JsonResultReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
