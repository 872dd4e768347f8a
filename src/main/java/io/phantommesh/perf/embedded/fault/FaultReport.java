package io.phantommesh.perf.embedded.fault;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.phantommesh.perf.config.FaultSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the embedded service did on purpose during a run: every fault's count and the outages as
 * they happened (wall-clock times). Travels in the run's sidecar ({@code embedded_faults}).
 *
 * <p>Immutable.
 *
 * @param counts fault label ({@link Fault#label()}) to occurrences, every fault listed
 * @param outages outages that began, in order
 */
@JsonPropertyOrder({"counts", "outages"})
public record FaultReport(
    @JsonProperty("counts") Map<String, Long> counts,
    @JsonProperty("outages") List<OutageRecord> outages) {
  /** Nothing done (also what a real target reports). */
  public static final FaultReport NONE = new FaultReport(Map.of(), List.of());

  public FaultReport {
    counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    outages = outages == null ? List.of() : List.copyOf(outages);
  }

  /** Occurrences of {@code fault}; 0 when not counted. */
  public long count(Fault fault) {
    return counts.getOrDefault(fault.label(), 0L);
  }

  /** True when no fault was counted and no outage began. */
  @JsonIgnore
  public boolean isEmpty() {
    return outages.isEmpty() && counts.values().stream().allMatch(n -> n == 0);
  }

  /**
   * One outage as it happened.
   *
   * @param mode how the service was down: {@code refuse} or {@code 503} ({@link
   *     FaultSettings.OutageMode#configValue()})
   * @param startEpochMillis when it went down, epoch ms
   * @param endEpochMillis when it was back, epoch ms; null while still down
   */
  @JsonPropertyOrder({"mode", "start_epoch_ms", "end_epoch_ms"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OutageRecord(
      @JsonProperty("mode") String mode,
      @JsonProperty("start_epoch_ms") long startEpochMillis,
      @JsonProperty("end_epoch_ms") Long endEpochMillis) {

    public OutageRecord {
      FaultSettings.OutageMode.of(mode); // refuse or 503, else IllegalArgumentException
    }

    /** An outage of {@code mode}. */
    public OutageRecord(FaultSettings.OutageMode mode, long startEpochMillis, Long endEpochMillis) {
      this(mode.configValue(), startEpochMillis, endEpochMillis);
    }

    /** The mode. */
    public FaultSettings.OutageMode outageMode() {
      return FaultSettings.OutageMode.of(mode);
    }
  }
}
