package io.phantommesh.perf.results;

import java.util.List;

/**
 * Counts and latencies of one request name (or one group, or the whole run).
 *
 * <p>Immutable.
 *
 * @param name the request or group name; {@code "all"} for the whole run
 * @param groupPath enclosing groups, outermost first; empty at top level
 * @param okCount responses with status OK
 * @param koCount responses with status KO (failed checks, HTTP errors, timeouts)
 * @param latency response time (groups: Gatling's cumulated response time) over OK and KO
 */
public record RequestStats(
    String name, List<String> groupPath, long okCount, long koCount, LatencyStats latency) {

  public RequestStats {
    groupPath = List.copyOf(groupPath);
  }

  /** OK plus KO. */
  public long count() {
    return okCount + koCount;
  }

  /** KO over all, 0.0 when there were none. */
  public double errorRate() {
    long n = count();
    return n == 0 ? 0.0 : (double) koCount / n;
  }
}
