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
 * @param p99Millis exact P99 of the response times of responses ending in this second; 0 if none
 */
public record TimelineSecond(
    long epochSecond,
    long requestsStarted,
    long responses,
    long errors,
    long activeUsers,
    long p99Millis) {}
