package io.phantommesh.perf.run.live;

import io.phantommesh.perf.results.LatencyStats;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact response counts and response times of the last few hundred wall-clock seconds of a run, one
 * bucket per second of response end (as the result's timeline counts them), for the live windows.
 *
 * <p>A ring of {@code capacity} seconds; a response older than the ring's oldest second is counted
 * in no bucket (the monitor sizes the ring well beyond its longest window). Response times are kept
 * exactly: dense counts below {@value #DENSE_LIMIT} ms, a map above. Percentiles follow
 * HdrHistogram's nearest-rank definition, as the result's do, so a window's figures equal what the
 * post-processor computes over the same responses. Memory: about 4 KiB per second that had
 * responses. Mutable, not thread-safe.
 */
final class SecondBuckets {
  static final int DENSE_LIMIT = 1024;
  private static final double[] PERCENTILES = {50.0, 75.0, 90.0, 95.0, 99.0, 99.9};

  private final int capacity;
  private final long[] second;
  private final long[] responses;
  private final long[] errors;
  private final long[] sum;
  private final long[] min;
  private final long[] max;
  private final int[][] dense;
  private final Map<Long, Long>[] sparse;

  @SuppressWarnings("unchecked")
  SecondBuckets(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2 seconds, was " + capacity);
    }
    this.capacity = capacity;
    second = new long[capacity];
    Arrays.fill(second, Long.MIN_VALUE);
    responses = new long[capacity];
    errors = new long[capacity];
    sum = new long[capacity];
    min = new long[capacity];
    max = new long[capacity];
    dense = new int[capacity][];
    sparse = new Map[capacity];
  }

  /**
   * Counts one response.
   *
   * @param endEpochMillis when it ended
   * @param millis its response time, ms (negative counts as 0, as in the result)
   * @return false when it is older than the ring and was not counted
   */
  boolean record(long endEpochMillis, long millis, boolean isOk) {
    long s = Math.floorDiv(endEpochMillis, 1000L);
    int slot = (int) Math.floorMod(s, (long) capacity);
    if (second[slot] != s) {
      if (second[slot] > s) {
        return false;
      }
      reset(slot, s);
    }
    long v = Math.max(0, millis);
    responses[slot]++;
    if (!isOk) {
      errors[slot]++;
    }
    sum[slot] += v;
    min[slot] = Math.min(min[slot], v);
    max[slot] = Math.max(max[slot], v);
    if (v < DENSE_LIMIT) {
      int[] d = dense[slot];
      if (d == null) {
        d = new int[DENSE_LIMIT];
        dense[slot] = d;
      }
      d[(int) v]++;
    } else {
      if (sparse[slot] == null) {
        sparse[slot] = new HashMap<>();
      }
      sparse[slot].merge(v, 1L, Long::sum);
    }
    return true;
  }

  private void reset(int slot, long s) {
    second[slot] = s;
    responses[slot] = 0;
    errors[slot] = 0;
    sum[slot] = 0;
    min[slot] = Long.MAX_VALUE;
    max[slot] = Long.MIN_VALUE;
    if (dense[slot] != null) {
      Arrays.fill(dense[slot], 0);
    }
    sparse[slot] = null;
  }

  /** Responses that ended in {@code epochSecond}; 0 when none or no longer in the ring. */
  long responsesIn(long epochSecond) {
    int slot = (int) Math.floorMod(epochSecond, (long) capacity);
    return second[slot] == epochSecond ? responses[slot] : 0;
  }

  /**
   * The figures of the responses that ended in {@code [fromSecond, toSecond)}.
   *
   * @throws IllegalArgumentException when the window is empty or longer than the ring
   */
  WindowFigures window(long fromSecond, long toSecond) {
    if (toSecond <= fromSecond || toSecond - fromSecond > capacity) {
      throw new IllegalArgumentException(
          "window [" + fromSecond + ", " + toSecond + ") must hold 1 to " + capacity + " seconds");
    }
    long count = 0;
    long ko = 0;
    long total = 0;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    long peak = 0;
    long[] merged = new long[DENSE_LIMIT];
    TreeMap<Long, Long> slow = new TreeMap<>();
    for (long s = fromSecond; s < toSecond; s++) {
      int slot = (int) Math.floorMod(s, (long) capacity);
      if (second[slot] != s || responses[slot] == 0) {
        continue;
      }
      count += responses[slot];
      ko += errors[slot];
      total += sum[slot];
      lo = Math.min(lo, min[slot]);
      hi = Math.max(hi, max[slot]);
      peak = Math.max(peak, responses[slot]);
      int[] d = dense[slot];
      if (d != null) {
        for (int v = 0; v < DENSE_LIMIT; v++) {
          merged[v] += d[v];
        }
      }
      if (sparse[slot] != null) {
        sparse[slot].forEach((v, n) -> slow.merge(v, n, Long::sum));
      }
    }
    LatencyStats latency;
    if (count == 0) {
      latency = LatencyStats.empty();
    } else {
      long[] p = new long[PERCENTILES.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = valueAtRank(rankAtPercentile(PERCENTILES[i], count), merged, slow);
      }
      latency =
          new LatencyStats(
              count, lo, hi, (double) total / count, p[0], p[1], p[2], p[3], p[4], p[5]);
    }
    return new WindowFigures(fromSecond, toSecond, count, ko, peak, latency);
  }

  private static long valueAtRank(long rank, long[] merged, TreeMap<Long, Long> slow) {
    long seen = 0;
    for (int v = 0; v < merged.length; v++) {
      seen += merged[v];
      if (seen >= rank) {
        return v;
      }
    }
    for (Map.Entry<Long, Long> e : slow.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("counts do not add up to rank " + rank);
  }

  /**
   * HdrHistogram's rank for a percentile (nearest rank, at least 1), as the result's percentiles
   * use it ({@code results.LatencyRecorder}).
   */
  static long rankAtPercentile(double percentile, long total) {
    double requested =
        Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
    long rank = (long) Math.ceil((requested * total) / 100.0D);
    return Math.max(rank, 1);
  }
}
