package io.phantommesh.perf.soak;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.phantommesh.perf.config.SoakProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The soak's run facts: what its analysis needs beside the samples in {@code <output-dir>/<sampler
 * start epoch ms>/soak-metrics.csv} (time scale, schedule start, sampling, cores, limits), carried
 * in the run's sidecar ({@code soak}), so a run folder is analysed by the schedule it ran, without
 * the settings it ran with.
 *
 * <p>Immutable.
 *
 * @param samplerStartEpochMillis when sampling began (the simulation's {@code before()}), a few
 *     milliseconds before Gatling's own run start
 * @param timeScale simulated seconds per wall-clock second
 * @param startHour simulated clock hour of the start
 * @param sampleIntervalMillis simulated time between samples
 * @param expectedSamples rows the CSV holds when the run completes
 * @param cores the target's cores the CPU average is a share of
 * @param memoryGrowthLimitPercent WARNING limit of memory growth per simulated 24 h
 * @param cpuLimitPercent WARNING limit of the CPU average
 * @param metricsUrl the sampled endpoint, without credentials
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "sampler_start_epoch_millis",
  "time_scale",
  "start_hour",
  "sample_interval_millis",
  "expected_samples",
  "cores",
  "memory_growth_limit_percent",
  "cpu_limit_percent",
  "metrics_url"
})
public record SoakRun(
    long samplerStartEpochMillis,
    double timeScale,
    int startHour,
    long sampleIntervalMillis,
    int expectedSamples,
    int cores,
    double memoryGrowthLimitPercent,
    double cpuLimitPercent,
    String metricsUrl) {
  /** The samples' file name. */
  public static final String CSV = "soak-metrics.csv";

  /** The description of a run of {@code profile} started at {@code samplerStartEpochMillis}. */
  public static SoakRun of(
      SoakProfile profile, long samplerStartEpochMillis, int cores, String metricsUrl) {
    return new SoakRun(
        samplerStartEpochMillis,
        profile.timeScale(),
        profile.startHour(),
        profile.sampleInterval().toMillis(),
        profile.expectedSamples(),
        cores,
        profile.thresholds().memoryGrowthPercentPer24h(),
        profile.thresholds().cpuAveragePercent(),
        metricsUrl);
  }

  /** The run's folder under the soak output folder. */
  public Path folder(Path outputDir) {
    return outputDir.resolve(Long.toString(samplerStartEpochMillis));
  }

  /** The limits as settings hold them. */
  public SoakProfile.Thresholds thresholds() {
    return new SoakProfile.Thresholds(memoryGrowthLimitPercent, cpuLimitPercent);
  }

  /** Analyses the samples of this run, read from {@code csv}. */
  public SoakAnalysis.Result analyze(Path csv) {
    return SoakAnalysis.analyze(SoakCsv.read(csv), timeScale, cores, thresholds());
  }

  /**
   * The run folder of the soak run whose Gatling run started at {@code runStartEpochMillis}: the
   * latest folder under {@code outputDir} named at most 1 s after that start and at most 60 s
   * before it (the sampler starts in {@code before()}, just before Gatling stamps its run).
   */
  public static Optional<Path> locate(Path outputDir, long runStartEpochMillis) {
    if (!Files.isDirectory(outputDir)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(outputDir)) {
      return dirs.filter(d -> d.getFileName().toString().matches("\\d{1,19}"))
          .filter(d -> Files.isRegularFile(d.resolve(CSV)))
          .filter(
              d -> {
                long t = Long.parseLong(d.getFileName().toString());
                return t <= runStartEpochMillis + 1_000 && t >= runStartEpochMillis - 60_000;
              })
          .max(Comparator.comparingLong(d -> Long.parseLong(d.getFileName().toString())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + outputDir, e);
    }
  }
}
