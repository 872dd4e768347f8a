package io.phantommesh.perf.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shrinks per-second series that share one time axis to at most {@code 2 x maxBuckets} points while
 * keeping every extreme: the time axis is cut into equal buckets of whole seconds and each bucket
 * gives two points per series, its minimum and its maximum, in the order they occurred. A 1-second
 * spike in a 72-hour soak stays a spike. Series at or under {@code maxBuckets} points pass through
 * unchanged.
 *
 * <p>A {@code null} value is a second without data (a latency in a second without responses); it is
 * skipped, and a bucket without data gives nulls. Pure and stateless.
 */
final class MinMaxDownsampler {
  private MinMaxDownsampler() {}

  /**
   * Series on a shared time axis.
   *
   * @param x seconds, ascending
   * @param series each as long as {@code x}
   * @param bucketSeconds seconds per bucket: 1 when not downsampled
   */
  record Result(List<Long> x, List<List<Long>> series, long bucketSeconds) {}

  /**
   * @param x seconds, ascending, one per second (no gaps)
   * @param series values per second, each as long as {@code x}; null for no data
   * @param maxBuckets most buckets, >= 1
   */
  static Result downsample(long[] x, List<Long[]> series, int maxBuckets) {
    int n = x.length;
    if (n <= maxBuckets) {
      List<Long> xs = new ArrayList<>(n);
      for (long v : x) {
        xs.add(v);
      }
      return new Result(xs, series.stream().map(s -> Arrays.asList(s)).toList(), 1);
    }
    long width = (n + maxBuckets - 1) / maxBuckets;
    List<Long> xs = new ArrayList<>();
    List<List<Long>> out = new ArrayList<>();
    series.forEach(s -> out.add(new ArrayList<>()));
    for (int from = 0; from < n; from += (int) width) {
      int to = (int) Math.min(n, from + width);
      xs.add(x[from]);
      xs.add(x[from] + Math.max(1, (to - from) / 2));
      for (int k = 0; k < series.size(); k++) {
        Long[] s = series.get(k);
        int lo = -1;
        int hi = -1;
        for (int i = from; i < to; i++) {
          if (s[i] == null) {
            continue;
          }
          if (lo < 0 || s[i] < s[lo]) {
            lo = i;
          }
          if (hi < 0 || s[i] > s[hi]) {
            hi = i;
          }
        }
        List<Long> o = out.get(k);
        if (lo < 0) {
          o.add(null);
          o.add(null);
        } else if (lo <= hi) {
          o.add(s[lo]);
          o.add(s[hi]);
        } else {
          o.add(s[hi]);
          o.add(s[lo]);
        }
      }
    }
    return new Result(xs, out, width);
  }
}
