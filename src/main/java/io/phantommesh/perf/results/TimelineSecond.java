package io.phantommesh.perf.results;

/**
 * One wall-clock second of a run.
 *
 * <p>Immutable.
 *
 * @param epochSecond the second, as seconds since the epoch (UTC)
 * @param requestsStarted requests whose start falls in this second
 * @param responses responses whose end falls in this second (throughput)
 * @param errors KO responses whose end falls in this second
 * @param activeUsers virtual users alive at any point of this second
 * @param p50Millis exact P50 (median) of the response times of responses ending in this second; 0
 *     if none
 * @param p99Millis exact P99 of the response times of responses ending in this second; 0 if none
 */
public record TimelineSecond(
    long epochSecond,
    long requestsStarted,
    long responses,
    long errors,
    long activeUsers,
    long p50Millis,
    long p99Millis) {

  /**
   * A second known by its P99 only (hand-built timelines: tests, fixtures of the spike analysis);
   * its median reads 0.
   */
  public TimelineSecond(
      long epochSecond,
      long requestsStarted,
      long responses,
      long errors,
      long activeUsers,
      long p99Millis) {
    this(epochSecond, requestsStarted, responses, errors, activeUsers, 0, p99Millis);
  }
}
