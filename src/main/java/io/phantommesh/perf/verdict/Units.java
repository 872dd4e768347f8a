package io.phantommesh.perf.verdict;

/**
 * The unit names verdicts and documents use. A verdict may carry any unit string; these are the
 * ones the renderers format specially.
 */
public final class Units {
  /** Milliseconds (latency). */
  public static final String MILLIS = "ms";

  /** A fraction 0.0..1.0 (error rate); rendered as a percentage. */
  public static final String FRACTION = "fraction";

  /** Requests per second. */
  public static final String REQUESTS_PER_SECOND = "req/s";

  /** Seconds (e.g. spike recovery). */
  public static final String SECONDS = "s";

  /** Percent 0..100 (e.g. soak CPU average). */
  public static final String PERCENT = "%";

  /** Percent per 24 hours (soak memory growth). */
  public static final String PERCENT_PER_DAY = "%/24h";

  private Units() {}
}
