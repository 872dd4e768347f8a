package io.phantommesh.perf.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Counts and response times of one request name, group or the whole run, in an HdrHistogram.
 *
 * <p>Precision rule: 5 significant digits and a lowest discernible value of 1 ms make the first
 * bucket 2^18 values wide at 1 ms resolution, so every value from 0 to {@value #EXACT_UP_TO_MILLIS}
 * ms (4 min 22 s) is recorded exactly and every percentile in that range is exact. Larger values
 * land in buckets 2^k ms wide whose reported value (the bucket's highest) exceeds the recorded one
 * by less than 2^-17 (0.00077 %) of it. Min, max and mean are tracked outside the histogram and are
 * always exact. Negative response times (a clock stepping back) count as 0 ms.
 *
 * <p>Speed: values in the exact range are counted in a plain array that grows to the largest value
 * seen (one increment per record, no HdrHistogram index arithmetic on the hot path), and only
 * values beyond it go to the HdrHistogram as they come. The array's counts are moved into the
 * histogram once, when the figures are asked for, so the histogram, and with it every percentile,
 * is the same as if each value had been recorded into it directly.
 *
 * <p>Memory: 4 bytes per millisecond up to the largest value seen in the exact range (at most 1
 * MiB), plus the histogram (about 1 MiB, more only past the exact range). Mutable, not thread-safe.
 */
final class LatencyRecorder {

  /** HdrHistogram precision: 2 * 10^5 rounded up to a power of two gives 2^18 sub-buckets. */
  static final int SIGNIFICANT_DIGITS = 5;

  /** Largest value recorded exactly: 2^18 - 1 ms. */
  static final long EXACT_UP_TO_MILLIS = (1L << 18) - 1;

  /** The percentiles {@link LatencyStats} reports. */
  static final double[] PERCENTILES = {50.0, 75.0, 90.0, 95.0, 99.0, 99.9};

  private final IntCountsHistogram histogram = new IntCountsHistogram(SIGNIFICANT_DIGITS);

  /** Counts of the values 0 to {@link #EXACT_UP_TO_MILLIS} not yet moved into the histogram. */
  private int[] dense = new int[1024];

  private boolean denseHasCounts;
  private long okCount;
  private long koCount;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private long sum;

  void record(long millis, boolean isOk) {
    long value = Math.max(0, millis);
    if (value < dense.length) {
      dense[(int) value]++;
      denseHasCounts = true;
    } else if (value <= EXACT_UP_TO_MILLIS) {
      dense = Arrays.copyOf(dense, (int) Math.min(EXACT_UP_TO_MILLIS + 1, 2 * value + 1));
      dense[(int) value]++;
      denseHasCounts = true;
    } else {
      histogram.recordValue(value);
    }
    if (isOk) {
      okCount++;
    } else {
      koCount++;
    }
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
    sum += value;
  }

  long count() {
    return okCount + koCount;
  }

  LatencyStats latency() {
    long count = count();
    if (count == 0) {
      return LatencyStats.empty();
    }
    flushDense();
    long[] p = new long[PERCENTILES.length];
    for (int i = 0; i < p.length; i++) {
      // Beyond the exact range the bucket's highest value may exceed the true max; cap it there.
      p[i] = Math.min(max, histogram.getValueAtPercentile(PERCENTILES[i]));
    }
    return new LatencyStats(
        count, min, max, (double) sum / count, p[0], p[1], p[2], p[3], p[4], p[5]);
  }

  /**
   * The percentile distribution, HdrHistogram's percentile iteration with {@value
   * #TICKS_PER_HALF_DISTANCE} points per halving of the distance to 100 % (the shape its percentile
   * plots draw): about 5 x log2(count) points, ending at 100 % with the maximum. Empty when nothing
   * was recorded.
   */
  List<PercentilePoint> distribution() {
    List<PercentilePoint> out = new ArrayList<>();
    if (count() == 0) {
      return out;
    }
    flushDense();
    for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
      long value = Math.min(max, histogram.highestEquivalentValue(v.getValueIteratedTo()));
      out.add(
          new PercentilePoint(
              v.getPercentileLevelIteratedTo(), value, v.getTotalCountToThisValue()));
    }
    return out;
  }

  /** Points per halving of the distance to 100 % in {@link #distribution}. */
  static final int TICKS_PER_HALF_DISTANCE = 5;

  /** Moves the array's counts into the histogram (an int count per value, as it holds them). */
  private void flushDense() {
    if (!denseHasCounts) {
      return;
    }
    for (int v = 0; v < dense.length; v++) {
      if (dense[v] != 0) {
        histogram.recordValueWithCount(v, dense[v]);
        dense[v] = 0;
      }
    }
    denseHasCounts = false;
  }

  RequestStats toStats(String name, List<String> groupPath) {
    return new RequestStats(name, groupPath, okCount, koCount, latency());
  }

  /**
   * HdrHistogram's rank for a percentile (nearest rank, at least 1), reproduced so that the
   * per-second figures, which do not use HdrHistogram, agree with it to the count.
   *
   * @param percentile 0 to 100
   * @param total number of values, at least 1
   * @return 1-based rank of the value at the percentile in ascending order
   */
  static long rankAtPercentile(double percentile, long total) {
    double requested =
        Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
    long rank = (long) Math.ceil((requested * total) / 100.0D);
    return Math.max(rank, 1);
  }
}
