package io.phantommesh.perf.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the embedded service's request counters: how many answers each endpoint gave with
 * each HTTP status.
 *
 * <p>Immutable. Endpoints are keyed by {@link Endpoint#label()} (e.g. {@code "GET /health"}, {@code
 * "other"}); only endpoints and statuses with a non-zero count appear in {@link #byEndpoint()}, and
 * the lookups answer 0 for the rest. A request is counted when its answer is decided, before any
 * added latency, so a client that has received an answer always finds it counted.
 *
 * @param byEndpoint endpoint label to (HTTP status to count), in {@link Endpoint} order, statuses
 *     ascending
 */
public record RequestCounts(Map<String, Map<Integer, Long>> byEndpoint) {

  public RequestCounts {
    Map<String, Map<Integer, Long>> copy = new LinkedHashMap<>();
    byEndpoint.forEach(
        (endpoint, statuses) ->
            copy.put(endpoint, Collections.unmodifiableMap(new TreeMap<>(statuses))));
    byEndpoint = Collections.unmodifiableMap(copy);
  }

  /** Answers {@code endpoint} gave with {@code status}; 0 when none. */
  public long count(String endpoint, int status) {
    return byEndpoint.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0L);
  }

  /** Answers {@code endpoint} gave with {@code status}; 0 when none. */
  public long count(Endpoint endpoint, int status) {
    return count(endpoint.label(), status);
  }

  /** Answers {@code endpoint} gave, whatever their status. */
  public long total(String endpoint) {
    return byEndpoint.getOrDefault(endpoint, Map.of()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** Answers {@code endpoint} gave, whatever their status. */
  public long total(Endpoint endpoint) {
    return total(endpoint.label());
  }

  /** Answers of all endpoints. */
  public long total() {
    return byEndpoint.keySet().stream().mapToLong(this::total).sum();
  }
}
