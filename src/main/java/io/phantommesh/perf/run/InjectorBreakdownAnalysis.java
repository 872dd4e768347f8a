package io.phantommesh.perf.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.verdict.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A merged run's figures per injector, each log aggregated alone: so a reviewer sees whether one
 * injector was slower, failed more or carried less than its share. Added under {@code
 * extra.injectors} for runs of several folders; no verdict (the merged figures are judged). Decodes
 * each log a second time, alone.
 */
final class InjectorBreakdownAnalysis implements ModelAnalysis {

  /**
   * One injector's figures.
   *
   * @param runFolder the injector's Gatling run folder name
   * @param requests responses, OK plus KO
   * @param ko KO responses
   * @param errorRate KO over responses, fraction
   * @param p50Ms exact P50, ms
   * @param p99Ms exact P99, ms
   * @param peakRps responses in its busiest whole second
   * @param durationS its run length, s
   */
  @JsonPropertyOrder({
    "run_folder",
    "requests",
    "ko",
    "error_rate",
    "p50_ms",
    "p99_ms",
    "peak_rps",
    "duration_s"
  })
  record Injector(
      @JsonProperty("run_folder") String runFolder,
      @JsonProperty("requests") long requests,
      @JsonProperty("ko") long ko,
      @JsonProperty("error_rate") double errorRate,
      @JsonProperty("p50_ms") long p50Ms,
      @JsonProperty("p99_ms") long p99Ms,
      @JsonProperty("peak_rps") long peakRps,
      @JsonProperty("duration_s") double durationS) {}

  @Override
  public Optional<Contribution> analyze(Context context) {
    RunInputs in = context.inputs();
    if (in.perFolder().isEmpty()) {
      return Optional.empty();
    }
    List<Injector> rows = new ArrayList<>();
    for (int i = 0; i < in.perFolder().size(); i++) {
      RunStatistics s = in.perFolder().get(i);
      LatencyStats l = s.global().latency();
      rows.add(
          new Injector(
              in.runFolders().get(i).toAbsolutePath().normalize().getFileName().toString(),
              s.global().count(),
              s.global().koCount(),
              Rounding.fraction(s.global().errorRate()),
              l.p50Millis(),
              l.p99Millis(),
              s.peakRps(),
              Rounding.seconds(s.durationSeconds())));
    }
    return Optional.of(new Contribution("injectors", rows, List.of(), List.of(), List.of()));
  }
}
