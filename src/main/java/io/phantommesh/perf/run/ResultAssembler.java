package io.phantommesh.perf.run;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.ErrorCount;
import io.phantommesh.perf.results.ErrorKind;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RequestStats;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.TimelineSecond;
import io.phantommesh.perf.results.WarmUpWindow;
import io.phantommesh.perf.verdict.Rounding;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds the result document from a run's exact figures, its metadata and its verdicts.
 *
 * <p>Pure and stateless: no clock, no I/O; the same input gives the same document. Figures are
 * rounded with {@link Rounding}.
 */
public final class ResultAssembler {
  private static final DateTimeFormatter ISO_UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

  private ResultAssembler() {}

  /**
   * The result document of a run.
   *
   * @param stats exact figures of the run
   * @param meta names the figures don't carry
   * @param verdicts every verdict, SLO metrics first ({@link VerdictEvaluator#evaluate}), then any
   *     the caller appended; at least one
   * @throws IllegalArgumentException when {@code verdicts} is empty
   */
  public static ResultDocument assemble(
      RunStatistics stats, RunMetadata meta, List<Verdict> verdicts) {
    Tier overall = Tier.worstOf(verdicts.stream().map(Verdict::tier).toList());
    RequestStats global = stats.global();
    LatencyStats l = global.latency();
    ResultDocument.Metrics metrics =
        new ResultDocument.Metrics(
            Rounding.millis(l.meanMillis()),
            l.minMillis(),
            l.maxMillis(),
            new ResultDocument.LatencyPercentiles(
                l.p50Millis(), l.p95Millis(), l.p99Millis(), l.p999Millis()),
            stats.peakRps(),
            Rounding.rate(stats.avgRps()),
            Rounding.fraction(global.errorRate()));
    String simulation =
        meta.simulation() != null
            ? meta.simulation()
            : stats.runs().stream().map(RunInfo::simulationClass).findFirst().orElse(null);
    List<String> versions = stats.runs().stream().map(RunInfo::gatlingVersion).distinct().toList();
    return new ResultDocument(
        meta.testName(),
        Rounding.seconds(stats.durationSeconds()),
        global.count(),
        global.okCount(),
        global.koCount(),
        metrics,
        ResultDocument.SCHEMA_VERSION,
        meta.runId(),
        simulation,
        displayTarget(meta.target()),
        iso(stats.startEpochMillis()),
        iso(stats.endEpochMillis()),
        warmUp(stats, meta.warmUp()),
        versions.isEmpty() ? null : String.join(", ", versions),
        stats.injectorCount(),
        stats.partial(),
        stats.partial() ? orDefault(stats.partialReason(), "a log ended early") : null,
        overall,
        verdicts,
        new ResultDocument.PercentilesExtra(l.p75Millis(), l.p90Millis()),
        stats.latencyDistribution().stream()
            .map(
                p ->
                    new ResultDocument.DistributionPoint(
                        Rounding.fraction(p.percentile()), p.valueMillis(), p.count()))
            .toList(),
        stats.requests().stream().map(ResultAssembler::entry).toList(),
        stats.groups().stream().map(ResultAssembler::entry).toList(),
        errors(stats.errors()),
        timeline(stats),
        meta.gatlingReport(),
        meta.gatlingAssertions() == null ? null : meta.gatlingAssertions().reconciledWith(verdicts),
        meta.injectorHealth(),
        null,
        meta.extra(),
        null);
  }

  /**
   * The warm-up block: what the log shows (Gatling's run start, the warm-up users, where the
   * measured window begins) and what the simulation recorded (where it went, its rate, its
   * requests); absent when neither knows of a warm-up.
   */
  private static ResultDocument.WarmUp warmUp(RunStatistics stats, WarmUpFacts facts) {
    WarmUpWindow w = stats.warmUp();
    if (!w.happened() && facts == null) {
      return null;
    }
    return new ResultDocument.WarmUp(
        iso(stats.runStartEpochMillis()),
        Rounding.seconds(w.durationSeconds()),
        w.users(),
        facts == null ? null : Rounding.rate(facts.rate()),
        facts == null ? null : facts.requests(),
        facts == null ? null : displayTarget(facts.target()),
        w.recordsLeftOut());
  }

  /** {@code epochMillis} as ISO-8601 UTC with milliseconds: {@code 2026-01-04T12:34:56.000Z}. */
  static String iso(long epochMillis) {
    return ISO_UTC_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }

  /** The target without user info, query or fragment: a credential must never reach a report. */
  static String displayTarget(String target) {
    String t = USER_INFO.matcher(target.strip()).replaceFirst("$1");
    int cut = indexOfAny(t, '?', '#');
    return cut < 0 ? t : t.substring(0, cut);
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  private static String orDefault(String s, String fallback) {
    return s == null || s.isBlank() ? fallback : s;
  }

  private static ResultDocument.StatsEntry entry(RequestStats r) {
    LatencyStats l = r.latency();
    return new ResultDocument.StatsEntry(
        r.name(),
        r.groupPath(),
        r.count(),
        r.okCount(),
        r.koCount(),
        Rounding.fraction(r.errorRate()),
        Rounding.millis(l.meanMillis()),
        l.minMillis(),
        l.maxMillis(),
        l.p50Millis(),
        l.p75Millis(),
        l.p90Millis(),
        l.p95Millis(),
        l.p99Millis(),
        l.p999Millis());
  }

  private static List<ResultDocument.ErrorEntry> errors(List<ErrorCount> errors) {
    long total = errors.stream().mapToLong(ErrorCount::count).sum();
    return errors.stream()
        .map(
            e ->
                new ResultDocument.ErrorEntry(
                    e.message(),
                    e.count(),
                    total == 0 ? 0.0 : Rounding.fraction((double) e.count() / total),
                    kindOf(e.message())))
        .toList();
  }

  private static String kindOf(String message) {
    ErrorKind kind = ErrorKind.of(message);
    return kind == null ? null : kind.key();
  }

  private static List<ResultDocument.TimelineEntry> timeline(RunStatistics stats) {
    long firstSecond = Math.floorDiv(stats.startEpochMillis(), 1000);
    return stats.timeline().stream()
        .map(
            (TimelineSecond s) ->
                new ResultDocument.TimelineEntry(
                    s.epochSecond() - firstSecond,
                    s.epochSecond(),
                    s.requestsStarted(),
                    s.responses(),
                    s.errors(),
                    s.activeUsers(),
                    s.p50Millis(),
                    s.p99Millis()))
        .toList();
  }
}
