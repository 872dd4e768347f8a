package io.phantommesh.perf.embedded.fault;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of the faults the service injected, one {@link LongAdder} per {@link Fault}.
 * Thread-safe, lock-free.
 */
public final class FaultCounters {
  private final EnumMap<Fault, LongAdder> adders = new EnumMap<>(Fault.class);

  public FaultCounters() {
    for (Fault f : Fault.values()) {
      adders.put(f, new LongAdder());
    }
  }

  /** Counts one {@code fault}. */
  public void count(Fault fault) {
    adders.get(fault).increment();
  }

  /** Occurrences of {@code fault} so far. */
  public long get(Fault fault) {
    return adders.get(fault).sum();
  }

  /** Every fault's count, zeros included, in {@link Fault} order. */
  public Map<Fault, Long> snapshot() {
    Map<Fault, Long> m = new EnumMap<>(Fault.class);
    adders.forEach((f, a) -> m.put(f, a.sum()));
    return m;
  }
}
