package io.phantommesh.perf.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.phantommesh.perf.embedded.fault.FaultReport;
import io.phantommesh.perf.spike.SpikeRecovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the embedded service did on purpose during the run, from the sidecar ({@code
 * embedded_faults}, the service's own counters), with each outage placed on the run's timeline and
 * the time the target took to come back under the P99 target after it (the spike's recovery
 * measure, {@link SpikeRecovery}, counted from the outage's end, with {@code
 * phantom.profiles.spike.recovery-stable-seconds}). Added under {@code extra.faults}; no verdict of
 * its own: the failed requests already count in the error rate. Applies to every model; absent when
 * the service injected nothing.
 */
final class FaultAnalysis implements ModelAnalysis {
  @Override
  public Optional<Contribution> analyze(Context context) {
    Optional<FaultReport> report =
        context.inputs().sidecars().stream()
            .map(RunSidecar::embeddedFaults)
            .filter(f -> f != null)
            .findFirst();
    if (report.isEmpty() || report.get().isEmpty()) {
      return Optional.empty();
    }
    long p99Target =
        (long) Math.floor(context.settings().sloFor(context.profile()).p99Millis().target());
    int stable = context.settings().spike().recoveryStableSeconds();
    long firstSecond = Math.floorDiv(context.inputs().statistics().startEpochMillis(), 1000);
    List<Outage> outages = new ArrayList<>();
    for (FaultReport.OutageRecord o : report.get().outages()) {
      long start = Math.floorDiv(o.startEpochMillis(), 1000);
      Long end = o.endEpochMillis() == null ? null : Math.floorDiv(o.endEpochMillis(), 1000);
      OptionalLong recovery =
          end == null
              ? OptionalLong.empty()
              : SpikeRecovery.compute(
                  context.inputs().statistics().timeline(), end, p99Target, stable);
      outages.add(
          new Outage(
              o.mode(),
              o.startEpochMillis(),
              o.endEpochMillis(),
              start - firstSecond,
              end == null ? null : end - firstSecond,
              recovery.isPresent() ? recovery.getAsLong() : null,
              recovery.isPresent()));
    }
    return Optional.of(
        new Contribution(
            "faults",
            new Summary(report.get().counts(), p99Target, stable, outages),
            List.of(),
            List.of(),
            List.of()));
  }

  /**
   * The faults of a run, ready to serialize.
   *
   * @param counts every fault's count, from the service's own counters
   * @param p99TargetMillis the P99 target recovery is judged against
   * @param stableSeconds consecutive seconds under the target that count as recovered
   * @param outages the outages, in order
   */
  @JsonPropertyOrder({"counts", "p99_target_ms", "stable_seconds", "outages"})
  record Summary(
      @JsonProperty("counts") Map<String, Long> counts,
      @JsonProperty("p99_target_ms") long p99TargetMillis,
      @JsonProperty("stable_seconds") int stableSeconds,
      @JsonProperty("outages") List<Outage> outages) {}

  /**
   * One outage on the run's timeline.
   *
   * @param mode {@code refuse} or {@code 503}
   * @param startEpochMillis when the service went down
   * @param endEpochMillis when it was back; null if it never came back during the run
   * @param startT the timeline second ({@code t}) it went down in
   * @param endT the timeline second it came back in; null if never
   * @param recoverySeconds seconds from {@code endT} until the per-second P99 was back under the
   *     target for {@code stable_seconds} in a row; null when it never was before the run ended
   * @param recovered whether it recovered before the run ended
   */
  @JsonPropertyOrder({
    "mode",
    "start_epoch_ms",
    "end_epoch_ms",
    "start_t",
    "end_t",
    "recovery_seconds",
    "recovered"
  })
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Outage(
      @JsonProperty("mode") String mode,
      @JsonProperty("start_epoch_ms") long startEpochMillis,
      @JsonProperty("end_epoch_ms") Long endEpochMillis,
      @JsonProperty("start_t") long startT,
      @JsonProperty("end_t") Long endT,
      @JsonProperty("recovery_seconds") Long recoverySeconds,
      @JsonProperty("recovered") boolean recovered) {}
}
