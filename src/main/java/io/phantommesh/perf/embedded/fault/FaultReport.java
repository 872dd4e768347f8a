package io.phantommesh.perf.embedded.fault;

import io.phantommesh.perf.config.FaultSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the embedded service did on purpose during a run: every fault's count and the outages as
 * they happened (wall-clock times).
 *
 * <p>Immutable.
 *
 * @param counts fault label ({@link Fault#label()}) to occurrences, every fault listed
 * @param outages outages that began, in order
 */
public record FaultReport(Map<String, Long> counts, List<OutageRecord> outages) {
  /** Key of {@link #toMap()} in a run sidecar's model parameters. */
  public static final String SIDECAR_KEY = "embedded_faults";

  /** Nothing done (also what a real target reports). */
  public static final FaultReport NONE = new FaultReport(Map.of(), List.of());

  public FaultReport {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    outages = List.copyOf(outages);
  }

  /** Occurrences of {@code fault}; 0 when not counted. */
  public long count(Fault fault) {
    return counts.getOrDefault(fault.label(), 0L);
  }

  /** True when no fault was counted and no outage began. */
  public boolean isEmpty() {
    return outages.isEmpty() && counts.values().stream().allMatch(n -> n == 0);
  }

  /** As plain maps and lists, for the run's sidecar (JSON). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("counts", counts);
    List<Map<String, Object>> list = new ArrayList<>();
    for (OutageRecord o : outages) {
      list.add(o.toMap());
    }
    m.put("outages", list);
    return m;
  }

  /** The inverse of {@link #toMap()}; tolerant: missing parts are empty. */
  @SuppressWarnings("unchecked")
  public static FaultReport fromMap(Map<?, ?> map) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (map.get("counts") instanceof Map<?, ?> c) {
      c.forEach(
          (k, v) -> {
            if (v instanceof Number n) {
              counts.put(String.valueOf(k), n.longValue());
            }
          });
    }
    List<OutageRecord> outages = new ArrayList<>();
    if (map.get("outages") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> om) {
          OutageRecord.fromMap((Map<String, Object>) om).ifPresent(outages::add);
        }
      }
    }
    return new FaultReport(counts, outages);
  }

  /**
   * One outage as it happened.
   *
   * @param mode how the service was down
   * @param startEpochMillis when it went down, epoch ms
   * @param endEpochMillis when it was back, epoch ms; null while still down
   */
  public record OutageRecord(
      FaultSettings.OutageMode mode, long startEpochMillis, Long endEpochMillis) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mode", mode.configValue());
      m.put("start_epoch_ms", startEpochMillis);
      if (endEpochMillis != null) {
        m.put("end_epoch_ms", endEpochMillis);
      }
      return m;
    }

    static java.util.Optional<OutageRecord> fromMap(Map<String, Object> m) {
      if (!(m.get("mode") instanceof String mode)
          || !(m.get("start_epoch_ms") instanceof Number s)) {
        return java.util.Optional.empty();
      }
      Long end = m.get("end_epoch_ms") instanceof Number e ? e.longValue() : null;
      try {
        return java.util.Optional.of(
            new OutageRecord(FaultSettings.OutageMode.of(mode), s.longValue(), end));
      } catch (IllegalArgumentException e) {
        return java.util.Optional.empty();
      }
    }
  }
}
