package io.phantommesh.perf.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Live request counters of the embedded service: one {@link LongAdder} per (endpoint, status).
 *
 * <p>Thread-safe and cheap on the hot path (no lock, no map lookup, no boxing). Memory is fixed: at
 * most {@code endpoints x 500} adders, created on first use; requests themselves are never
 * recorded.
 */
final class RequestCounters {
  private static final int MIN_STATUS = 100;
  private static final int MAX_STATUS = 599;

  private static final int STATUSES = MAX_STATUS - MIN_STATUS + 1;

  private final LongAdder received = new LongAdder();

  /** Adder of (endpoint, status) at {@code ordinal x STATUSES + status - MIN_STATUS}. */
  private final AtomicReferenceArray<LongAdder> adders =
      new AtomicReferenceArray<>(Endpoint.values().length * STATUSES);

  /** Counts one request received, whatever becomes of it. */
  void received() {
    received.increment();
  }

  /** Requests received so far. */
  long receivedCount() {
    return received.sum();
  }

  /**
   * Counts one answer.
   *
   * @param status HTTP status, 100..599
   */
  void answered(Endpoint endpoint, int status) {
    if (status < MIN_STATUS || status > MAX_STATUS) {
      throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
    }
    int i = endpoint.ordinal() * STATUSES + status - MIN_STATUS;
    LongAdder adder = adders.get(i);
    if (adder == null) {
      adders.compareAndSet(i, null, new LongAdder());
      adder = adders.get(i);
    }
    adder.increment();
  }

  /** Takes back one answer counted by {@link #answered} that never left the service. */
  void unanswered(Endpoint endpoint, int status) {
    LongAdder adder = adders.get(endpoint.ordinal() * STATUSES + status - MIN_STATUS);
    if (adder != null) {
      adder.decrement();
    }
  }

  /** Calls {@code sink} with every endpoint and its non-zero (status -> count) map. */
  void forEach(BiConsumer<Endpoint, Map<Integer, Long>> sink) {
    for (Endpoint endpoint : Endpoint.values()) {
      Map<Integer, Long> statuses = new TreeMap<>();
      int base = endpoint.ordinal() * STATUSES;
      for (int i = 0; i < STATUSES; i++) {
        LongAdder adder = adders.get(base + i);
        long n = adder == null ? 0 : adder.sum();
        if (n > 0) {
          statuses.put(i + MIN_STATUS, n);
        }
      }
      if (!statuses.isEmpty()) {
        sink.accept(endpoint, statuses);
      }
    }
  }

  /** An immutable snapshot. */
  RequestCounts snapshot() {
    Map<String, Map<Integer, Long>> map = new LinkedHashMap<>();
    forEach((endpoint, statuses) -> map.put(endpoint.label(), statuses));
    return new RequestCounts(map);
  }
}
