package io.phantommesh.perf.soak;

import io.phantommesh.perf.config.SoakProfile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The files one soak run leaves for the post-processor: {@code <output-dir>/<sampler start epoch
 * ms>/soak-metrics.csv} and, beside it, {@code soak-run.properties} with what the analysis needs
 * (time scale, cores, limits), so a run folder can be analysed without the settings it ran with.
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

  /** The description's file name. */
  public static final String PROPERTIES = "soak-run.properties";

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

  /** Writes {@code soak-run.properties} into {@code folder}. */
  public void write(Path folder) {
    Properties p = new Properties();
    p.setProperty("sampler_start_epoch_ms", Long.toString(samplerStartEpochMillis));
    p.setProperty("time_scale", Double.toString(timeScale));
    p.setProperty("start_hour", Integer.toString(startHour));
    p.setProperty("sample_interval_ms", Long.toString(sampleIntervalMillis));
    p.setProperty("expected_samples", Integer.toString(expectedSamples));
    p.setProperty("cores", Integer.toString(cores));
    p.setProperty("memory_growth_limit_percent", Double.toString(memoryGrowthLimitPercent));
    p.setProperty("cpu_limit_percent", Double.toString(cpuLimitPercent));
    p.setProperty("metrics_url", metricsUrl);
    Path file = folder.resolve(PROPERTIES);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "phantom-mesh-perf soak run; samples in " + CSV);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads {@code soak-run.properties} from a run folder. */
  public static SoakRun read(Path folder) {
    Path file = folder.resolve(PROPERTIES);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      return new SoakRun(
          Long.parseLong(p.getProperty("sampler_start_epoch_ms")),
          Double.parseDouble(p.getProperty("time_scale")),
          Integer.parseInt(p.getProperty("start_hour")),
          Long.parseLong(p.getProperty("sample_interval_ms")),
          Integer.parseInt(p.getProperty("expected_samples")),
          Integer.parseInt(p.getProperty("cores")),
          Double.parseDouble(p.getProperty("memory_growth_limit_percent")),
          Double.parseDouble(p.getProperty("cpu_limit_percent")),
          p.getProperty("metrics_url", ""));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is incomplete or malformed: " + e.getMessage(), e);
    }
  }

  /** Reads a run folder's description and samples and analyses them. */
  public static SoakAnalysis.Result analyze(Path folder) {
    SoakRun run = read(folder);
    return SoakAnalysis.analyze(
        SoakCsv.read(folder.resolve(CSV)), run.timeScale(), run.cores(), run.thresholds());
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
