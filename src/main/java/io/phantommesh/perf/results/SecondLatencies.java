package io.phantommesh.perf.results;

import java.util.Arrays;

/**
 * Exact response-time counts of the responses that ended in one wall-clock second, for that
 * second's P99: dense counts for values below {@value #DENSE_LIMIT} ms, a small hash map above.
 *
 * <p>An HdrHistogram exact to a minute costs 1 MiB, too much per second of a long run; this costs 4
 * bytes per millisecond up to the largest value below {@value #DENSE_LIMIT} ms seen in the second
 * (at most 4 KiB), plus 12 bytes per distinct slower value. Mutable, not thread-safe.
 */
final class SecondLatencies {

  static final int DENSE_LIMIT = 1024;

  private int[] dense = new int[32];
  private long[] sparseKeys;
  private int[] sparseCounts;
  private int sparseSize;
  private long total;

  void record(long millis) {
    long value = Math.max(0, millis);
    total++;
    if (value < DENSE_LIMIT) {
      int v = (int) value;
      if (v >= dense.length) {
        dense = Arrays.copyOf(dense, Math.min(DENSE_LIMIT, Math.max(v + 1, dense.length * 2)));
      }
      dense[v]++;
    } else {
      recordSparse(value);
    }
  }

  long count() {
    return total;
  }

  /** The value at the percentile, HdrHistogram's nearest-rank definition; 0 when empty. */
  long valueAtPercentile(double percentile) {
    if (total == 0) {
      return 0;
    }
    long rank = LatencyRecorder.rankAtPercentile(percentile, total);
    long seen = 0;
    for (int v = 0; v < dense.length; v++) {
      seen += dense[v];
      if (seen >= rank) {
        return v;
      }
    }
    long[] keys = new long[sparseSize];
    int n = 0;
    for (int i = 0; i < sparseKeys.length; i++) {
      if (sparseCounts[i] != 0) {
        keys[n++] = sparseKeys[i];
      }
    }
    Arrays.sort(keys);
    for (long key : keys) {
      seen += sparseCounts[slot(key)];
      if (seen >= rank) {
        return key;
      }
    }
    throw new IllegalStateException("counts do not add up to " + total);
  }

  private void recordSparse(long value) {
    if (sparseKeys == null) {
      sparseKeys = new long[16];
      sparseCounts = new int[16];
    } else if ((sparseSize + 1) * 2 > sparseKeys.length) {
      long[] oldKeys = sparseKeys;
      int[] oldCounts = sparseCounts;
      sparseKeys = new long[oldKeys.length * 2];
      sparseCounts = new int[oldKeys.length * 2];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldCounts[i] != 0) {
          int s = slot(oldKeys[i]);
          sparseKeys[s] = oldKeys[i];
          sparseCounts[s] = oldCounts[i];
        }
      }
    }
    int s = slot(value);
    if (sparseCounts[s] == 0) {
      sparseKeys[s] = value;
      sparseSize++;
    }
    sparseCounts[s]++;
  }

  /** Linear probing; a slot with count 0 is free (keys are never removed). */
  private int slot(long key) {
    int mask = sparseKeys.length - 1;
    int s = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    while (sparseCounts[s] != 0 && sparseKeys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }
}
