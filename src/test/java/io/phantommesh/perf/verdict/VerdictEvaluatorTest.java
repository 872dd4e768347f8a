package io.phantommesh.perf.verdict;

import static io.phantommesh.perf.report.ReportFixtures.seedSlo;
import static io.phantommesh.perf.report.ReportFixtures.statsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.report.ReportFixtures;
import io.phantommesh.perf.results.RunStatistics;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerdictEvaluatorTest {
  // Baseline figures that pass everything; each case moves one metric.
  private static final double MEAN = 45.0;
  private static final long P50 = 38;
  private static final long P99 = 150;
  private static final long P999 = 400;
  private static final long PEAK = 1200;

  /**
   * Seed limits: mean 100/150, P50 50/75, P99 200/300, P99.9 500/750 ms, errors 1 %/5 %, peak
   * 1000/800.
   */
  static Stream<Arguments> boundaries() {
    return Stream.of(
        // metric, figures, expected tier
        Arguments.of("latency_mean", mean(100.0), Tier.PASS),
        Arguments.of("latency_mean", mean(100.04), Tier.PASS), // rounds to 100.0
        Arguments.of("latency_mean", mean(100.05), Tier.WARNING), // rounds to 100.1
        Arguments.of("latency_mean", mean(100.1), Tier.WARNING),
        Arguments.of("latency_mean", mean(150.0), Tier.WARNING),
        Arguments.of("latency_mean", mean(150.1), Tier.CRITICAL),
        Arguments.of("latency_p50", p50(50), Tier.PASS),
        Arguments.of("latency_p50", p50(51), Tier.WARNING),
        Arguments.of("latency_p50", p50(75), Tier.WARNING),
        Arguments.of("latency_p50", p50(76), Tier.CRITICAL),
        Arguments.of("latency_p99", p99(200), Tier.PASS),
        Arguments.of("latency_p99", p99(201), Tier.WARNING),
        Arguments.of("latency_p99", p99(300), Tier.WARNING),
        Arguments.of("latency_p99", p99(301), Tier.CRITICAL),
        Arguments.of("latency_p999", p999(500), Tier.PASS),
        Arguments.of("latency_p999", p999(501), Tier.WARNING),
        Arguments.of("latency_p999", p999(750), Tier.WARNING),
        Arguments.of("latency_p999", p999(751), Tier.CRITICAL),
        // error rate = ko / 1,000,000; PASS strictly below 1 %
        Arguments.of("error_rate", errors(9_999), Tier.PASS), // 0.009999
        Arguments.of("error_rate", errors(10_000), Tier.WARNING), // exactly 0.01
        Arguments.of("error_rate", errors(10_001), Tier.WARNING),
        Arguments.of("error_rate", errors(50_000), Tier.WARNING), // exactly 0.05
        Arguments.of("error_rate", errors(50_001), Tier.CRITICAL), // 0.050001
        // peak req/s is a floor
        Arguments.of("peak_rps", peak(1000), Tier.PASS),
        Arguments.of("peak_rps", peak(999), Tier.WARNING),
        Arguments.of("peak_rps", peak(800), Tier.WARNING),
        Arguments.of("peak_rps", peak(799), Tier.CRITICAL));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("boundaries")
  void judgesEachMetricAtAndAroundItsLimits(String metric, Figures figures, Tier expected) {
    List<Verdict> verdicts = VerdictEvaluator.evaluate(figures.stats(), seedSlo());

    assertThat(verdicts)
        .filteredOn(v -> v.metric().equals(metric))
        .singleElement()
        .extracting(Verdict::tier)
        .isEqualTo(expected);
    assertThat(verdicts)
        .filteredOn(v -> !v.metric().equals(metric))
        .extracting(Verdict::tier)
        .containsOnly(Tier.PASS);
  }

  @Test
  void listsTheSixSloMetricsInAFixedOrder() {
    List<Verdict> verdicts = VerdictEvaluator.evaluate(ReportFixtures.passingStats(), seedSlo());

    assertThat(verdicts)
        .extracting(Verdict::metric)
        .containsExactly(
            "latency_mean", "latency_p50", "latency_p99", "latency_p999", "error_rate", "peak_rps");
    assertThat(verdicts)
        .extracting(Verdict::label)
        .containsExactly("Mean", "P50", "P99", "P99.9", "Error rate", "Peak req/s");
    assertThat(verdicts)
        .extracting(Verdict::unit)
        .containsExactly("ms", "ms", "ms", "ms", "fraction", "req/s");
    assertThat(verdicts)
        .extracting(Verdict::bound)
        .containsExactly(
            Bound.AT_MOST,
            Bound.AT_MOST,
            Bound.AT_MOST,
            Bound.AT_MOST,
            Bound.BELOW,
            Bound.AT_LEAST);
  }

  @Test
  void statesTheBrokenLimitInTheDetail() {
    List<Verdict> verdicts =
        VerdictEvaluator.evaluate(statsWith(45.0, 38, 312, 400, 980, 20, 900), seedSlo());

    assertThat(verdicts)
        .extracting(Verdict::detail)
        .containsExactly(
            "45.0 ms <= target 100 ms",
            "38.0 ms <= target 50 ms",
            "312.0 ms > critical 300 ms",
            "400.0 ms <= target 500 ms",
            "2.00 % >= target 1 %, <= critical 5 %",
            "900 req/s < target 1000 req/s, >= critical 800 req/s");
  }

  @Test
  void roundsTheJudgedValueAsTheDocumentPublishesIt() {
    // 1 KO of 3 = 0.3333.. -> 0.333333; mean 45.25 -> 45.3 (half-up)
    List<Verdict> verdicts =
        VerdictEvaluator.evaluate(statsWith(45.25, 38, 150, 400, 2, 1, 1200), seedSlo());

    assertThat(verdicts.get(0).value()).isEqualTo(45.3);
    assertThat(verdicts.get(4).value()).isEqualTo(0.333333);
  }

  @Test
  void failsEveryMetricOfARunWithoutRequests() {
    List<Verdict> verdicts = VerdictEvaluator.evaluate(ReportFixtures.emptyStats(), seedSlo());

    assertThat(verdicts).hasSize(6);
    assertThat(verdicts).extracting(Verdict::tier).containsOnly(Tier.CRITICAL);
    assertThat(verdicts).extracting(Verdict::detail).containsOnly("no requests were recorded");
    assertThat(verdicts.subList(0, 5)).extracting(Verdict::value).containsOnlyNulls();
    assertThat(verdicts.get(5).value()).isEqualTo(0.0);
  }

  @Test
  void overallTierIsTheWorstVerdict() {
    assertThat(Tier.worstOf(List.of(Tier.PASS, Tier.WARNING, Tier.PASS))).isEqualTo(Tier.WARNING);
    assertThat(Tier.worstOf(List.of(Tier.WARNING, Tier.CRITICAL))).isEqualTo(Tier.CRITICAL);
    assertThat(Tier.worstOf(List.of(Tier.PASS))).isEqualTo(Tier.PASS);
    assertThatThrownBy(() -> Tier.worstOf(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no verdicts");
  }

  @Test
  void judgesAnExtraMetricWithoutCriticalTierAtWorstWarning() {
    // Soak memory growth: PASS below 10 %/24h, WARNING from 10 %, no CRITICAL tier.
    Verdict below =
        Verdict.evaluate(
            "soak_memory_growth",
            "Memory growth",
            9.99,
            Units.PERCENT_PER_DAY,
            Bound.BELOW,
            10,
            null);
    Verdict at =
        Verdict.evaluate(
            "soak_memory_growth",
            "Memory growth",
            10,
            Units.PERCENT_PER_DAY,
            Bound.BELOW,
            10,
            null);
    Verdict huge =
        Verdict.evaluate(
            "soak_memory_growth",
            "Memory growth",
            400,
            Units.PERCENT_PER_DAY,
            Bound.BELOW,
            10,
            null);

    assertThat(below.tier()).isEqualTo(Tier.PASS);
    assertThat(below.detail()).isEqualTo("9.99 %/24h < target 10 %/24h");
    assertThat(at.tier()).isEqualTo(Tier.WARNING);
    assertThat(at.detail()).isEqualTo("10 %/24h >= target 10 %/24h");
    assertThat(huge.tier()).isEqualTo(Tier.WARNING);
  }

  @Test
  void judgesAnExtraFloorOrCeilingMetricWithCriticalTier() {
    Verdict recovery =
        Verdict.evaluate(
            "spike_recovery", "Spike recovery", 45.5, Units.SECONDS, Bound.AT_MOST, 30, 60.0);

    assertThat(recovery.tier()).isEqualTo(Tier.WARNING);
    assertThat(recovery.detail()).isEqualTo("45.5 s > target 30 s, <= critical 60 s");
  }

  @Test
  void rejectsACriticalLimitOnThePassSideOfTheTarget() {
    assertThatThrownBy(
            () -> Verdict.evaluate("p99", "P99", 1, Units.MILLIS, Bound.AT_MOST, 200, 100.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p99")
        .hasMessageContaining("critical limit 100.0");
    assertThatThrownBy(
            () ->
                Verdict.evaluate(
                    "peak_rps", "Peak", 1, Units.REQUESTS_PER_SECOND, Bound.AT_LEAST, 800, 1000.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAMetricNameThatIsNotSnakeCase() {
    assertThatThrownBy(
            () ->
                Verdict.evaluate("P99 latency", "P99", 1, Units.MILLIS, Bound.AT_MOST, 200, 300.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'P99 latency'")
        .hasMessageContaining("snake_case");
  }

  /** One set of global figures; toString names the moved figure for the test report. */
  record Figures(String name, RunStatistics stats) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Figures mean(double ms) {
    return new Figures("mean " + ms + " ms", statsWith(ms, P50, P99, P999, 1000, 0, PEAK));
  }

  private static Figures p50(long ms) {
    return new Figures("P50 " + ms + " ms", statsWith(MEAN, ms, P99, P999, 1000, 0, PEAK));
  }

  private static Figures p99(long ms) {
    return new Figures(
        "P99 " + ms + " ms", statsWith(MEAN, P50, ms, Math.max(ms, P999), 1000, 0, PEAK));
  }

  private static Figures p999(long ms) {
    return new Figures("P99.9 " + ms + " ms", statsWith(MEAN, P50, P99, ms, 1000, 0, PEAK));
  }

  private static Figures errors(long ko) {
    return new Figures(
        ko + " KO of 1,000,000", statsWith(MEAN, P50, P99, P999, 1_000_000 - ko, ko, PEAK));
  }

  private static Figures peak(long rps) {
    return new Figures("peak " + rps + " req/s", statsWith(MEAN, P50, P99, P999, 1000, 0, rps));
  }
}
