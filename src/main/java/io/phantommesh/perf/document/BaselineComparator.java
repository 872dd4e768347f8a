package io.phantommesh.perf.document;

import io.phantommesh.perf.config.CompareSettings;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.Rounding;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Units;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sets a run's result against a baseline run's: mean, P50, P99, P99.9, error rate and peak req/s,
 * each judged against its tolerance ({@link CompareSettings}).
 *
 * <p>How a figure is judged, e.g. P99 with tolerance 10 %, soft band 50 %, noise floor 5 ms:
 *
 * <ul>
 *   <li>the delta is {@code current - baseline} in the figure's unit (a verdict's {@code value});
 *   <li>its CRITICAL limit is the larger of {@code 10 % x baseline} and the noise floor, its PASS
 *       limit the larger of {@code 5 % x baseline} and the noise floor, so the published delta and
 *       limits re-derive the tier (a P99 of 2 ms becoming 4 ms is +100 %, but +2 ms: PASS);
 *   <li>a percentile is judged only when both runs have {@code min-tail-samples} responses beyond
 *       it (500 for P99 by default); otherwise it is shown, PASS, "not judged";
 *   <li>the error rate's tolerance is absolute (percentage points); its noise floor is {@code
 *       min-tail-samples} excess errors over the run's responses;
 *   <li>peak req/s worsens downwards: the limits are negative.
 * </ul>
 *
 * <p>Pure and stateless: no clock, no I/O.
 *
 * <p>Longer than most classes: each of the six figures has its own noise-floor rule, kept side by
 * side so that they can be read against each other.
 */
public final class BaselineComparator {
  /** Prefix of the metric names of the regression verdicts, e.g. {@code regression_latency_p99}. */
  public static final String METRIC_PREFIX = "regression_";

  private BaselineComparator() {}

  /**
   * Compares {@code current} with {@code baseline}.
   *
   * @param currentLocation where the run's result was read (for the record), may be null
   * @param baselineLocation where the baseline's result was read, may be null
   */
  public static BaselineComparison compare(
      ResultDocument current,
      String currentLocation,
      ResultDocument baseline,
      String baselineLocation,
      CompareSettings settings) {
    Objects.requireNonNull(settings, "settings");
    ResultDocument.Metrics c = current.metrics();
    ResultDocument.Metrics b = baseline.metrics();
    ResultDocument.LatencyPercentiles cp = c.latencyPercentiles();
    ResultDocument.LatencyPercentiles bp = b.latencyPercentiles();
    long cn = current.requestCount();
    long bn = baseline.requestCount();
    Judge judge = new Judge(settings, Math.min(cn, bn), cn);

    List<BaselineComparison.MetricDelta> metrics = new ArrayList<>();
    metrics.add(
        judge.latency(
            VerdictEvaluator.LATENCY_MEAN,
            "Mean",
            b.latencyMean(),
            c.latencyMean(),
            settings.meanTolerance(),
            -1));
    metrics.add(
        judge.latency(
            VerdictEvaluator.LATENCY_P50, "P50", bp.p50(), cp.p50(), settings.p50Tolerance(), 50));
    metrics.add(
        judge.latency(
            VerdictEvaluator.LATENCY_P99, "P99", bp.p99(), cp.p99(), settings.p99Tolerance(), 99));
    metrics.add(
        judge.latency(
            VerdictEvaluator.LATENCY_P999,
            "P99.9",
            bp.p999(),
            cp.p999(),
            settings.p999Tolerance(),
            99.9));
    metrics.add(judge.errorRate(b.errorRate(), c.errorRate()));
    metrics.add(judge.peakRps(b.peakRps(), c.peakRps()));

    Tier overall = Tier.worstOf(metrics.stream().map(m -> m.verdict().tier()).toList());
    return new BaselineComparison(
        BaselineComparison.SCHEMA_VERSION,
        ref(current, currentLocation),
        ref(baseline, baselineLocation),
        overall,
        metrics,
        requests(current, baseline),
        tolerances(settings),
        notes(current, baseline));
  }

  private static BaselineComparison.RunRef ref(ResultDocument d, String location) {
    return new BaselineComparison.RunRef(
        d.runId(), d.testName(), d.startedAt(), d.verdict(), d.requestCount(), location);
  }

  private static BaselineComparison.Tolerances tolerances(CompareSettings s) {
    return new BaselineComparison.Tolerances(
        percent(s.meanTolerance()),
        percent(s.p50Tolerance()),
        percent(s.p99Tolerance()),
        percent(s.p999Tolerance()),
        percent(s.errorRateTolerance()),
        percent(s.peakRpsTolerance()),
        percent(s.softBand()),
        Rounding.millis(s.minLatencyDeltaMillis()),
        Rounding.rate(s.minPeakRpsDelta()),
        s.minTailSamples());
  }

  private static double percent(double fraction) {
    return Rounding.rate(fraction * 100);
  }

  private static List<BaselineComparison.RequestDelta> requests(
      ResultDocument current, ResultDocument baseline) {
    Map<List<String>, ResultDocument.StatsEntry> before = new HashMap<>();
    for (ResultDocument.StatsEntry r : baseline.requests()) {
      before.put(key(r), r);
    }
    List<BaselineComparison.RequestDelta> deltas = new ArrayList<>();
    for (ResultDocument.StatsEntry r : current.requests()) {
      ResultDocument.StatsEntry old = before.get(key(r));
      if (old != null) {
        deltas.add(
            new BaselineComparison.RequestDelta(
                r.name(),
                r.group(),
                old.count(),
                r.count(),
                old.p99(),
                r.p99(),
                Rounding.millis(r.p99() - old.p99())));
      }
    }
    return deltas;
  }

  private static List<String> key(ResultDocument.StatsEntry r) {
    List<String> k = new ArrayList<>(r.group());
    k.add(r.name());
    return k;
  }

  private static List<String> notes(ResultDocument current, ResultDocument baseline) {
    List<String> notes = new ArrayList<>();
    if (!Objects.equals(current.testName(), baseline.testName())) {
      notes.add(
          "different load models ("
              + current.testName()
              + " vs baseline "
              + baseline.testName()
              + "): the deltas compare unlike runs");
    }
    if (current.runId() != null && current.runId().equals(baseline.runId())) {
      notes.add("the baseline is this run itself");
    }
    if (baseline.verdict() != null && baseline.verdict() != Tier.PASS) {
      notes.add("the baseline's own verdict is " + baseline.verdict() + ", not PASS");
    }
    if (current.partial()) {
      notes.add("this run is partial: its figures cover only part of it");
    }
    if (baseline.partial()) {
      notes.add("the baseline is partial: its figures cover only part of it");
    }
    if (!Objects.equals(current.target(), baseline.target())) {
      notes.add(
          "different targets (" + current.target() + " vs baseline " + baseline.target() + ")");
    }
    if (!Objects.equals(current.injectorCount(), baseline.injectorCount())) {
      notes.add(
          "different injector counts ("
              + current.injectorCount()
              + " vs baseline "
              + baseline.injectorCount()
              + ")");
    }
    double ratio =
        baseline.requestCount() == 0
            ? 0
            : (double) current.requestCount() / baseline.requestCount();
    if (baseline.requestCount() > 0 && (ratio < 0.8 || ratio > 1.25)) {
      notes.add(
          String.format(
              Locale.ROOT,
              "request counts differ by more than 25 %% (%d vs baseline %d): other load or"
                  + " duration",
              current.requestCount(),
              baseline.requestCount()));
    }
    return notes;
  }

  /** The judging rules, with the settings and the runs' sizes at hand. */
  private static final class Judge {
    private final CompareSettings s;
    private final long fewerResponses;
    private final long currentResponses;

    Judge(CompareSettings s, long fewerResponses, long currentResponses) {
      this.s = s;
      this.fewerResponses = fewerResponses;
      this.currentResponses = currentResponses;
    }

    /**
     * @param percentile the percentile (e.g. 99.9), or a negative number for the mean
     */
    BaselineComparison.MetricDelta latency(
        String metric, String label, double base, double cur, double tolerance, double percentile) {
      double delta = Rounding.millis(cur - base);
      double floor = s.minLatencyDeltaMillis();
      double warn = Rounding.millis(Math.max(floor, s.softBand() * tolerance * base));
      double crit = Rounding.millis(Math.max(floor, tolerance * base));
      String unjudged = null;
      if (fewerResponses == 0) {
        unjudged = "not judged: a run without responses";
      } else if (percentile > 0 && fewerResponses < s.minimumResponsesFor(percentile)) {
        unjudged =
            String.format(
                Locale.ROOT,
                "not judged: %d responses; %s needs >= %d in both runs (%d beyond it)",
                fewerResponses,
                label,
                s.minimumResponsesFor(percentile),
                s.minTailSamples());
      }
      String why =
          String.format(
              Locale.ROOT,
              "+%s %% of the baseline, at least the %s ms noise floor",
              Formats.plain(Rounding.rate(tolerance * 100)),
              Formats.plain(floor));
      return delta(
          metric, label, Units.MILLIS, base, cur, delta, Bound.AT_MOST, warn, crit, unjudged, why);
    }

    BaselineComparison.MetricDelta errorRate(double base, double cur) {
      double delta = Rounding.fraction(cur - base);
      // A few errors more in a short run is noise: the excess must reach min-tail-samples errors.
      double noise =
          currentResponses == 0
              ? 1.0
              : Math.min(1.0, (double) s.minTailSamples() / currentResponses);
      double warn = Rounding.fraction(Math.max(s.softBand() * s.errorRateTolerance(), noise));
      double crit = Rounding.fraction(Math.max(s.errorRateTolerance(), noise));
      String unjudged = fewerResponses == 0 ? "not judged: a run without responses" : null;
      String why =
          String.format(
              Locale.ROOT,
              "+%s percentage points, at least %d excess errors",
              Formats.plain(Rounding.rate(s.errorRateTolerance() * 100)),
              s.minTailSamples());
      return delta(
          VerdictEvaluator.ERROR_RATE,
          "Error rate",
          Units.FRACTION,
          base,
          cur,
          delta,
          Bound.AT_MOST,
          warn,
          crit,
          unjudged,
          why);
    }

    BaselineComparison.MetricDelta peakRps(long base, long cur) {
      double delta = cur - base;
      double drop = -s.peakRpsTolerance();
      double floor = s.minPeakRpsDelta();
      double warn = -Rounding.rate(Math.max(floor, s.softBand() * drop * base));
      double crit = -Rounding.rate(Math.max(floor, drop * base));
      String unjudged =
          base == 0 ? "not judged: the baseline has no peak (no whole second of responses)" : null;
      String why =
          String.format(
              Locale.ROOT,
              "-%s %% of the baseline, at least the %s req/s noise floor",
              Formats.plain(Rounding.rate(drop * 100)),
              Formats.plain(floor));
      return delta(
          VerdictEvaluator.PEAK_RPS,
          "Peak req/s",
          Units.REQUESTS_PER_SECOND,
          base,
          cur,
          delta,
          Bound.AT_LEAST,
          warn,
          crit,
          unjudged,
          why);
    }

    private static BaselineComparison.MetricDelta delta(
        String metric,
        String label,
        String unit,
        double base,
        double cur,
        double delta,
        Bound bound,
        double warn,
        double crit,
        String unjudged,
        String criticalMeans) {
      Double percent = base == 0 ? null : Rounding.rate(100.0 * (cur - base) / base);
      String change =
          Formats.value(base, unit)
              + " -> "
              + Formats.value(cur, unit)
              + ": "
              + signed(delta, unit)
              + (percent == null
                  ? ""
                  : " (" + (percent > 0 ? "+" : "") + Formats.plain(percent) + " %)");
      String verdictMetric = METRIC_PREFIX + metric;
      String verdictLabel = label + " vs baseline";
      Verdict verdict;
      if (unjudged != null) {
        verdict =
            Verdict.unmeasured(
                verdictMetric,
                verdictLabel,
                unit,
                bound,
                warn,
                crit,
                Tier.PASS,
                change + "; " + unjudged);
      } else {
        Tier tier = bound.tierOf(delta, warn, crit);
        String limits =
            switch (tier) {
              case PASS -> bound.passAscii() + " " + signed(warn, unit);
              case WARNING ->
                  bound.failAscii()
                      + " "
                      + signed(warn, unit)
                      + ", "
                      + bound.withinCriticalAscii()
                      + " "
                      + signed(crit, unit);
              case CRITICAL ->
                  bound.criticalAscii()
                      + " tolerated "
                      + signed(crit, unit)
                      + " ("
                      + criticalMeans
                      + ")";
            };
        verdict =
            new Verdict(
                verdictMetric,
                verdictLabel,
                delta,
                unit,
                bound,
                warn,
                crit,
                tier,
                change + " " + limits);
      }
      return new BaselineComparison.MetricDelta(
          metric, label, unit, base, cur, delta, percent, unjudged == null, verdict);
    }

    /** A delta or limit with its sign: {@code +48.0 ms}, {@code -12 req/s}, {@code +0.50 %}. */
    private static String signed(double value, String unit) {
      String text =
          Units.FRACTION.equals(unit) ? Formats.percent(value) : Formats.value(value, unit);
      return value > 0 ? "+" + text : text;
    }
  }
}
