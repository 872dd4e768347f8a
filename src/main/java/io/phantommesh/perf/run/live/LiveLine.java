package io.phantommesh.perf.run.live;

import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link LiveSnapshot} as one console line, e.g.
 *
 * <pre>
 * phantom-mesh-perf live | sustained | hold 1000/s | 0:01:10 of 0:30:10, ETA 0:29:00 |
 *   asked 1000.0/s achieved 999.8/s | last 10s: P50 2 ms, P99 9 ms, errors 0.00 % of 9998 |
 *   so far: mean PASS, p50 PASS, p99 PASS, p999 PASS, errors PASS, peak PASS | injector ok
 * </pre>
 *
 * (one line on the console). Fields are separated by {@code " | "}; {@code docs/live-monitor.md}
 * lists them. Stateless.
 */
public final class LiveLine {
  /** Every live line starts with this. */
  public static final String PREFIX = "phantom-mesh-perf live";

  private static final Map<String, String> SHORT =
      Map.of(
          VerdictEvaluator.LATENCY_MEAN, "mean",
          VerdictEvaluator.LATENCY_P50, "p50",
          VerdictEvaluator.LATENCY_P99, "p99",
          VerdictEvaluator.LATENCY_P999, "p999",
          VerdictEvaluator.ERROR_RATE, "errors",
          VerdictEvaluator.PEAK_RPS, "peak");

  private LiveLine() {}

  /** The line of a snapshot. */
  public static String format(LiveSnapshot s) {
    StringBuilder b = new StringBuilder(PREFIX);
    if (s.isFinal()) {
      b.append(" (final)");
    }
    b.append(" | ").append(s.model());
    if (s.clock() != null) {
      b.append(" | ").append(s.clock());
    } else {
      Duration left = s.total().minus(s.elapsed());
      b.append(" | ")
          .append(s.phase())
          .append(" | ")
          .append(hms(s.elapsed()))
          .append(" of ")
          .append(hms(s.total()))
          .append(", ETA ")
          .append(hms(left.isNegative() ? Duration.ZERO : left));
    }
    WindowFigures w = s.window();
    b.append(String.format(Locale.ROOT, " | asked %.1f/s", s.askedRps()));
    if (w == null) {
      b.append(" achieved -/s | no whole second read yet");
    } else {
      b.append(String.format(Locale.ROOT, " achieved %.1f/s", s.achievedRps()));
      b.append(" | ").append(s.isFinal() ? "whole run" : "last " + w.seconds() + "s").append(": ");
      if (w.responses() == 0) {
        b.append("no responses");
      } else {
        b.append(
            String.format(
                Locale.ROOT,
                "P50 %s ms, P99 %s ms, errors %.2f %% of %d",
                wholeMillis(w.latency().p50Millis()),
                wholeMillis(w.latency().p99Millis()),
                100.0 * w.errorRate(),
                w.responses()));
      }
    }
    b.append(" | so far:");
    if (s.soFar().isEmpty()) {
      b.append(" -");
    } else {
      String sep = " ";
      for (Verdict v : s.soFar()) {
        b.append(sep)
            .append(SHORT.getOrDefault(v.metric(), v.metric()))
            .append(' ')
            .append(v.tier());
        sep = ", ";
      }
    }
    b.append(" | injector ").append(s.injectorWarning() == null ? "ok" : "BOTTLENECK");
    if (s.lagMillis() > 2000) {
      b.append(String.format(Locale.ROOT, " | log lag %.1f s", s.lagMillis() / 1000.0));
    }
    s.stop().ifPresent(d -> b.append(" | STOPPING: ").append(d.message()));
    return b.toString();
  }

  /**
   * A window percentile in whole ms, or {@code < 1}: Gatling logs a response faster than 1 ms as 0
   * ms, which means "under a millisecond", as in report.md and the console's verdict table.
   */
  static String wholeMillis(long ms) {
    return ms == 0 ? "< 1" : Long.toString(ms);
  }

  /** {@code h:mm:ss}, hours unbounded. */
  static String hms(Duration d) {
    long sec = Math.max(0, d.toSeconds());
    return String.format(Locale.ROOT, "%d:%02d:%02d", sec / 3600, sec / 60 % 60, sec % 60);
  }
}
