package io.phantommesh.perf.report;

import io.phantommesh.perf.document.ResultDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's per-second timeline folded into consecutive windows of equal length (the last may be
 * shorter), for a reader's overview.
 */
final class TimelineBuckets {
  /** Window lengths the table may use, seconds: readable round numbers. */
  private static final int[] NICE_SECONDS = {
    10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400
  };

  /**
   * One window.
   *
   * @param fromT first second, seconds since start
   * @param toT last second (inclusive), seconds since start
   * @param seconds seconds of the timeline in the window
   * @param responses responses in the window
   * @param errors KO responses in the window
   * @param maxUsers most users active in any second of the window
   * @param worstP99 the highest per-second P99 of the window, ms
   */
  record Bucket(
      long fromT,
      long toT,
      int seconds,
      long responses,
      long errors,
      long maxUsers,
      long worstP99) {

    double responsesPerSecond() {
      return seconds == 0 ? 0 : (double) responses / seconds;
    }
  }

  private TimelineBuckets() {}

  /** The window length for a table of at most {@code maxRows} rows over {@code seconds}. */
  static int tableWindow(int seconds, int maxRows) {
    for (int w : NICE_SECONDS) {
      if (ceilDiv(seconds, w) <= maxRows) {
        return w;
      }
    }
    return ceilDiv(seconds, maxRows);
  }

  /** The window length for a sparkline of at most {@code width} characters. */
  static int sparklineWindow(int seconds, int width) {
    return Math.max(1, ceilDiv(seconds, width));
  }

  /** {@code timeline} in windows of {@code windowSeconds}, aligned on {@code t = 0}. */
  static List<Bucket> of(List<ResultDocument.TimelineEntry> timeline, int windowSeconds) {
    List<Bucket> buckets = new ArrayList<>();
    int i = 0;
    while (i < timeline.size()) {
      long from = Math.floorDiv(timeline.get(i).t(), windowSeconds) * windowSeconds;
      long to = from + windowSeconds - 1;
      long responses = 0;
      long errors = 0;
      long users = 0;
      long p99 = 0;
      int n = 0;
      long last = from;
      while (i < timeline.size() && timeline.get(i).t() <= to) {
        ResultDocument.TimelineEntry e = timeline.get(i++);
        responses += e.responses();
        errors += e.errors();
        users = Math.max(users, e.activeUsers());
        p99 = Math.max(p99, e.p99());
        last = e.t();
        n++;
      }
      buckets.add(new Bucket(from, last, n, responses, errors, users, p99));
    }
    return buckets;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
