package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.report.ReportFixtures;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultAssemblerTest {
  private final ResultDocument doc = ReportFixtures.goldenDocument();

  @Test
  void fillsTheSeedKeysWithTheRunsFigures() {
    assertThat(doc.testName()).isEqualTo("smoke");
    assertThat(doc.duration()).isEqualTo(25.0);
    assertThat(doc.requestCount()).isEqualTo(1000);
    assertThat(doc.successCount()).isEqualTo(988);
    assertThat(doc.errorCount()).isEqualTo(12);
    ResultDocument.Metrics m = doc.metrics();
    assertThat(m.latencyMean()).isEqualTo(45.3); // 45.25 half-up
    assertThat(m.latencyMin()).isEqualTo(2.0);
    assertThat(m.latencyMax()).isEqualTo(900.0);
    assertThat(m.latencyPercentiles())
        .isEqualTo(new ResultDocument.LatencyPercentiles(38, 120, 250, 800));
    assertThat(m.peakRps()).isEqualTo(60);
    assertThat(m.avgRps()).isEqualTo(40.0);
    assertThat(m.errorRate()).isEqualTo(0.012); // 12 / 1,000
  }

  @Test
  void fillsTheExtensionsFromMetadataAndRunHeaders() {
    assertThat(doc.schemaVersion()).isEqualTo("1.1");
    assertThat(doc.runId()).isEqualTo("smokesimulation-20260104123456000");
    assertThat(doc.simulation()).isEqualTo(ReportFixtures.SIMULATION); // from the Run record
    assertThat(doc.target()).isEqualTo("embedded");
    assertThat(doc.startedAt()).isEqualTo("2026-01-04T12:34:56.000Z");
    assertThat(doc.endedAt()).isEqualTo("2026-01-04T12:35:21.000Z");
    assertThat(doc.gatlingVersion()).isEqualTo("3.15.1");
    assertThat(doc.injectorCount()).isEqualTo(1);
    assertThat(doc.partial()).isFalse();
    assertThat(doc.partialReason()).isNull();
    assertThat(doc.verdict()).isEqualTo(Tier.CRITICAL);
    assertThat(doc.percentilesExtra()).isEqualTo(new ResultDocument.PercentilesExtra(52, 95));
    assertThat(doc.gatlingReport()).isEqualTo("gatling/index.html");
    assertThat(doc.injectorHealth()).isNull();
    assertThat(doc.extra()).isEmpty();
  }

  @Test
  void mapsEachRequestAndGroupWithRoundedFigures() {
    assertThat(doc.requests())
        .extracting(ResultDocument.StatsEntry::name)
        .containsExactly("register peer", "open tunnel", "<script>|x");
    ResultDocument.StatsEntry open = doc.requests().get(1);
    assertThat(open.group()).containsExactly("vpn session");
    assertThat(open.count()).isEqualTo(400);
    assertThat(open.ko()).isEqualTo(8);
    assertThat(open.errorRate()).isEqualTo(0.02); // 8 / 400
    assertThat(doc.requests().get(2).mean()).isEqualTo(41.3); // 41.25 half-up
    assertThat(doc.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.name()).isEqualTo("vpn session");
              assertThat(g.group()).isEmpty();
              assertThat(g.errorRate()).isEqualTo(0.01); // 8 / 800
              assertThat(g.mean()).isEqualTo(92.8); // 92.75 half-up
            });
  }

  @Test
  void sharesErrorsOverAllErrorOccurrences() {
    assertThat(doc.errors())
        .extracting(ResultDocument.ErrorEntry::count, ResultDocument.ErrorEntry::share)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(8L, 0.666667), // 8 / 12
            org.assertj.core.groups.Tuple.tuple(4L, 0.333333)); // 4 / 12
  }

  @Test
  void countsTimelineSecondsFromTheRunsFirstSecond() {
    assertThat(doc.timeline()).hasSize(25);
    assertThat(doc.timeline().get(0).t()).isZero();
    assertThat(doc.timeline().get(12))
        .isEqualTo(
            new ResultDocument.TimelineEntry(
                12, ReportFixtures.START_SECOND + 12, 60, 60, 8, 15, 45, 250));
    assertThat(doc.timeline().get(24).t()).isEqualTo(24);
  }

  @Test
  void reconcilesGatlingsAssertionsWithTheVerdicts() {
    // Gatling said P99 < 200 passed, the exact P99 is 250 (WARNING): one disagreement.
    assertThat(doc.gatlingAssertions().disagreements())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.metric()).isEqualTo("latency_p99");
              assertThat(d.gatlingPassed()).isTrue();
              assertThat(d.exactTier()).isEqualTo(Tier.WARNING);
            });
  }

  @Test
  void reportsAWholeRunDisagreementWhenGatlingFailedButEveryFigurePasses() {
    RunStatistics stats = ReportFixtures.passingStats();
    RunMetadata meta =
        RunMetadata.of("r", "ramp-up", null, "embedded")
            .withGatlingAssertions(GatlingAssertions.of(false, List.of()));

    ResultDocument passing =
        ResultAssembler.assemble(
            stats, meta, VerdictEvaluator.evaluate(stats, ReportFixtures.seedSlo()));

    assertThat(passing.verdict()).isEqualTo(Tier.PASS);
    assertThat(passing.gatlingAssertions().disagreements())
        .singleElement()
        .satisfies(d -> assertThat(d.metric()).isNull());
  }

  @Test
  void neverWritesCredentialsQueryOrFragmentOfTheTarget() {
    assertThat(
            ResultAssembler.displayTarget(
                "https://user:s3cret@vpn.example.com:8443/core?token=x#f"))
        .isEqualTo("https://vpn.example.com:8443/core");
    assertThat(ResultAssembler.displayTarget("embedded")).isEqualTo("embedded");
    assertThat(RunMetadata.of("r", "smoke", null, null).target()).isEqualTo("unknown");
    assertThat(ResultAssembler.displayTarget("http://vpn.example.com/a@b"))
        .isEqualTo("http://vpn.example.com/a@b");
  }

  @Test
  void explainsAPartialRun() {
    RunStatistics empty = ReportFixtures.emptyStats();

    ResultDocument partial =
        ResultAssembler.assemble(
            empty,
            RunMetadata.of("r", "ramp-up", "x.Sim", "embedded"),
            VerdictEvaluator.evaluate(empty, ReportFixtures.seedSlo()));

    assertThat(partial.partial()).isTrue();
    assertThat(partial.partialReason()).isEqualTo("simulation.log ended after the Run record");
    assertThat(partial.simulation()).isEqualTo("x.Sim");
    assertThat(partial.verdict()).isEqualTo(Tier.CRITICAL);
    assertThat(partial.duration()).isZero();
  }

  @Test
  void namesEveryGatlingVersionOfMergedLogs() {
    RunStatistics golden = ReportFixtures.goldenStats();
    RunInfo other =
        new RunInfo(
            "3.15.0", ReportFixtures.SIMULATION, golden.startEpochMillis(), "", List.of(), 0);
    RunStatistics merged =
        new RunStatistics(
            List.of(golden.runs().get(0), other, golden.runs().get(0)),
            golden.startEpochMillis(),
            golden.endEpochMillis(),
            golden.global(),
            golden.requests(),
            golden.groups(),
            golden.errors(),
            golden.timeline(),
            golden.peakRps(),
            golden.avgRps(),
            false,
            "");

    ResultDocument doc =
        ResultAssembler.assemble(
            merged,
            ReportFixtures.goldenMeta(),
            VerdictEvaluator.evaluate(merged, ReportFixtures.smokeSlo()));

    assertThat(doc.gatlingVersion()).isEqualTo("3.15.1, 3.15.0");
    assertThat(doc.injectorCount()).isEqualTo(3);
  }

  @Test
  void carriesExtrasAndAppendedVerdicts() {
    record SoakSummary(double memoryGrowthPctPer24h, int samples) {}
    RunStatistics stats = ReportFixtures.passingStats();
    List<Verdict> verdicts =
        new java.util.ArrayList<>(VerdictEvaluator.evaluate(stats, ReportFixtures.seedSlo()));
    verdicts.add(
        Verdict.evaluate(
            "soak_memory_growth",
            "Memory growth",
            12.5,
            Units.PERCENT_PER_DAY,
            Bound.BELOW,
            10,
            null));

    ResultDocument soak =
        ResultAssembler.assemble(
            stats,
            RunMetadata.of("r", "soak", null, "embedded")
                .withExtra("soak", new SoakSummary(12.5, 864)),
            verdicts);

    assertThat(soak.verdict()).isEqualTo(Tier.WARNING);
    assertThat(soak.verdicts()).hasSize(7);
    assertThat(soak.extra()).containsOnlyKeys("soak");
    assertThat(soak.extra().get("soak").get("samples").asInt()).isEqualTo(864);
    assertThat(soak.extra().get("soak").has("memory_growth_pct_per24h")).isTrue();
  }

  @Test
  void recomputesTheOverallVerdictWhenALaterStepAppendsVerdicts() {
    RunStatistics stats = ReportFixtures.passingStats();
    ResultDocument doc =
        ResultAssembler.assemble(
            stats,
            RunMetadata.of("r", "ramp-up", null, "embedded"),
            VerdictEvaluator.evaluate(stats, ReportFixtures.seedSlo()));

    ResultDocument compared =
        doc.withAddedVerdicts(
                List.of(
                    Verdict.evaluate(
                        "baseline_p99_change",
                        "P99 vs baseline",
                        35,
                        Units.PERCENT,
                        Bound.AT_MOST,
                        10,
                        25.0)))
            .withExtra("baseline", JsonResultWriter.toTree(Map.of("run_id", "older")));

    assertThat(doc.verdict()).isEqualTo(Tier.PASS);
    assertThat(compared.verdict()).isEqualTo(Tier.CRITICAL);
    assertThat(compared.verdicts()).hasSize(7);
    assertThat(compared.extra().get("baseline").get("run_id").asText()).isEqualTo("older");
  }

  @Test
  void refusesToAssembleWithoutVerdicts() {
    assertThatThrownBy(
            () ->
                ResultAssembler.assemble(
                    ReportFixtures.goldenStats(), ReportFixtures.goldenMeta(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no verdicts");
  }
}
