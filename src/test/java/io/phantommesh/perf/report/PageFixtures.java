package io.phantommesh.perf.report;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.config.SpikeProfile;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.ErrorCount;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.PercentilePoint;
import io.phantommesh.perf.results.RequestStats;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.TimelineSecond;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.soak.SoakAnalysis;
import io.phantommesh.perf.soak.SoakSample;
import io.phantommesh.perf.soak.SoakView;
import io.phantommesh.perf.spike.SpikeRecovery;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Hand-built result documents of the models the HTML report draws differently: a spike, a soak
 * (time-compressed, and a full-length 72 h one for size and speed), and a run whose names carry
 * markup. Figures are plain per-second shapes, not measurements; the browser tests check what the
 * page does with them.
 */
final class PageFixtures {
  static final long T0 = 1_767_528_000L; // 2026-01-04T12:00:00Z, seconds
  static final String XSS_REQUEST = "<script>window.__pwned='request'</script>";
  static final String XSS_ERROR = "<img src=x onerror=\"window.__pwned='error'\">";
  static final String XSS_TARGET = "http://127.0.0.1:1/<script>window.__pwned='target'</script>";

  private PageFixtures() {}

  static PerfSettings settings() {
    return SettingsLoader.fromString("");
  }

  /**
   * Statistics of {@code seconds} seconds: {@code rps(t)} responses per second, {@code p99(t)} ms,
   * P50 a third of it, 1 % of responses KO in seconds where {@code p99(t)} exceeds 300 ms.
   */
  static RunStatistics stats(
      String request, String error, int seconds, LongUnaryOperator rps, LongUnaryOperator p99) {
    List<TimelineSecond> timeline = new ArrayList<>(seconds);
    long total = 0;
    long ko = 0;
    long peak = 0;
    long maxP99 = 0;
    for (int t = 0; t < seconds; t++) {
      long n = rps.applyAsLong(t);
      long p = p99.applyAsLong(t);
      long errors = p > 300 ? Math.max(1, n / 100) : 0;
      timeline.add(new TimelineSecond(T0 + t, n, n, errors, Math.max(1, n / 10), p / 3, p));
      total += n;
      ko += errors;
      peak = Math.max(peak, n);
      maxP99 = Math.max(maxP99, p);
    }
    LatencyStats l = new LatencyStats(total, 1, maxP99 + 20, 25.0, 20, 28, 40, 60, 120, maxP99);
    RequestStats global = new RequestStats("all", List.of(), total - ko, ko, l);
    List<PercentilePoint> distribution =
        List.of(
            new PercentilePoint(0, 1, 1),
            new PercentilePoint(50, 20, total / 2),
            new PercentilePoint(75, 28, total * 3 / 4),
            new PercentilePoint(90, 40, total * 9 / 10),
            new PercentilePoint(99, 120, total * 99 / 100),
            new PercentilePoint(99.9, maxP99, total - total / 1000),
            new PercentilePoint(100, maxP99 + 20, total));
    return new RunStatistics(
        List.of(
            new RunInfo(
                "3.15.1", "io.phantommesh.perf.simulation.Fixture", T0 * 1000, "", List.of(), 1)),
        T0 * 1000,
        (T0 + seconds) * 1000,
        global,
        List.of(new RequestStats(request, List.of("vpn session"), total - ko, ko, l)),
        List.of(),
        ko == 0 ? List.of() : List.of(new ErrorCount(error, ko)),
        timeline,
        peak,
        total / (double) seconds,
        false,
        "",
        T0 * 1000,
        null,
        distribution);
  }

  static ResultDocument document(
      String runId, String profile, String target, RunStatistics s, PerfSettings settings) {
    return ResultAssembler.assemble(
        s,
        RunMetadata.of(runId, profile, null, target),
        VerdictEvaluator.evaluate(s, settings.sloFor(profile)));
  }

  /**
   * A spike on the default profile's clock (baseline 60 s, ramp 5 s, hold 30 s): 100 req/s, the
   * peak rate with P99 400 ms through the spike and 8 s past its end, then 40 ms: recovered 8 s
   * after the hold.
   */
  static ResultDocument spike() {
    PerfSettings settings = settings();
    SpikeProfile profile = settings.spike();
    long start = profile.spikeStartOffset().toSeconds();
    long end = profile.spikeEndOffset().toSeconds();
    RunStatistics s =
        stats(
            "register peer",
            "status.find.in(200,201), found 503",
            (int) end + 60,
            t -> t >= start && t <= end ? 1500 : 100,
            t -> t >= start && t < end + 8 ? 400 : 40);
    SpikeRecovery.Summary summary =
        SpikeRecovery.summarize(
            s.timeline(),
            T0 * 1000,
            io.phantommesh.perf.spike.SpikeFacts.of(profile, java.time.Duration.ZERO),
            200);
    ResultDocument doc = document("spike-fixture", "spike", "embedded", s, settings);
    return doc.withAddedVerdicts(
            List.of(
                summary.recovered()
                    ? Verdict.evaluate(
                        "spike_recovery",
                        "Spike recovery",
                        summary.recoverySeconds(),
                        Units.SECONDS,
                        Bound.AT_MOST,
                        profile.recovery().toSeconds(),
                        null)
                    : Verdict.unmeasured(
                        "spike_recovery",
                        "Spike recovery",
                        Units.SECONDS,
                        Bound.AT_MOST,
                        profile.recovery().toSeconds(),
                        null,
                        io.phantommesh.perf.verdict.Tier.WARNING,
                        "not recovered")))
        .withExtra("spike", JsonResultWriter.toTree(summary));
  }

  /**
   * A soak of 72 simulated hours: {@code seconds} wall seconds at {@code timeScale}, the schedule's
   * users, a target whose memory grows 4 MiB per simulated hour, a sample every 5 simulated min.
   */
  static ResultDocument soak(String runId, int seconds, double timeScale) {
    PerfSettings settings = settings();
    var profile = settings.soak();
    RunStatistics s =
        stats(
            "keepalive",
            "j.i.IOException: Premature close",
            seconds,
            t -> {
              long hour = (long) ((profile.startHour() + t * timeScale / 3600) % 24);
              long base = profile.blockAt((int) (hour * 60)).users() / 10;
              // One 1-second spike in the middle of the run, far above everything else.
              return t == seconds / 2 ? base * 20 : base;
            },
            t -> t == seconds / 2 ? 900 : 35 + (t % 7));
    List<SoakSample> samples = new ArrayList<>();
    Instant wall0 = Instant.ofEpochSecond(T0);
    int n = 72 * 12;
    for (int i = 0; i <= n; i++) {
      double simulated = i * 300.0;
      Instant wall = wall0.plusMillis((long) (simulated / timeScale * 1000));
      long rss = 400L * 1024 * 1024 + (long) (simulated / 3600 * 4 * 1024 * 1024) + (i % 5) * 65536;
      samples.add(SoakSample.ok(simulated, wall, rss, simulated / timeScale * 0.35));
    }
    SoakAnalysis.Result r = SoakAnalysis.analyze(samples, timeScale, 2, profile.thresholds());
    ResultDocument doc = document(runId, "soak", "embedded", s, settings);
    return doc.withAddedVerdicts(
            List.of(
                Verdict.evaluate(
                    "soak_memory_growth",
                    "Memory growth",
                    Math.round(r.memoryGrowthPercentPer24h() * 100) / 100.0,
                    Units.PERCENT_PER_DAY,
                    Bound.BELOW,
                    r.memoryGrowthLimitPercent(),
                    null),
                Verdict.evaluate(
                    "soak_cpu_avg",
                    "CPU average",
                    Math.round(r.cpuAveragePercent() * 100) / 100.0,
                    Units.PERCENT,
                    Bound.BELOW,
                    r.cpuLimitPercent(),
                    null)))
        .withExtra(
            "soak",
            JsonResultWriter.toTree(SoakView.extra(r, samples, 2, profile, profile.startHour())));
  }

  /** A run whose request name, error message and target carry markup that must never run. */
  static ResultDocument hostile() {
    PerfSettings settings = settings();
    RunStatistics s = stats(XSS_REQUEST, XSS_ERROR, 30, t -> 50, t -> t == 10 ? 500 : 30);
    return document("<b>xss</b> run", "smoke", XSS_TARGET, s, settings)
        .withExtra(
            "note", JsonResultWriter.toTree(java.util.Map.of("text", "</script><!--" + XSS_ERROR)));
  }
}
