package io.phantommesh.perf.run.live;

import io.phantommesh.perf.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one live line says: where the run is, the last window's exact figures and the run-so-far
 * verdicts.
 *
 * <p>Immutable.
 *
 * @param model the load model, e.g. {@code sustained}
 * @param phase the plan's step at this instant, e.g. {@code hold 1000/s}
 * @param clock the model's own clock line instead of phase and times (the soak's simulated day), or
 *     null
 * @param elapsed time since the measured load began
 * @param total planned length of the measured load
 * @param askedRps request rate the plan asks over the window, req/s
 * @param achievedRps responses per second over the window (the whole run's {@code avg_rps} in the
 *     final line)
 * @param window the window's figures; null before any whole second has been read
 * @param responsesSoFar responses read so far
 * @param soFar the run-so-far verdicts of the SLO metrics, in the result's order; empty before any
 *     record
 * @param injectorWarning the injector's own bottleneck warning, or null when it is healthy
 * @param lagMillis how far the newest decoded record trails the wall clock, ms
 * @param isFinal true for the line printed once the whole log has been read
 * @param stop the stop rule that fired, if one did
 */
public record LiveSnapshot(
    String model,
    String phase,
    String clock,
    Duration elapsed,
    Duration total,
    double askedRps,
    double achievedRps,
    WindowFigures window,
    long responsesSoFar,
    List<Verdict> soFar,
    String injectorWarning,
    long lagMillis,
    boolean isFinal,
    Optional<StopDecision> stop) {

  public LiveSnapshot {
    soFar = List.copyOf(soFar);
  }

  /** The run-so-far verdict of one metric, if known. */
  public Optional<Verdict> soFar(String metric) {
    return soFar.stream().filter(v -> v.metric().equals(metric)).findFirst();
  }
}
