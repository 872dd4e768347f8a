package io.phantommesh.perf.soak;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.phantommesh.perf.config.SoakProfile;
import java.util.Comparator;
import java.util.List;

/**
 * The soak's two extra metrics, from the samples of the target: resident-memory growth per
 * simulated 24 h and the mean CPU use.
 *
 * <p>Stateless, pure. Only {@code ok} samples count; missing ones are counted and otherwise
 * ignored.
 *
 * <ul>
 *   <li><b>Memory growth</b>: a least-squares line {@code rss = a + b x} through the samples,
 *       {@code x} being simulated seconds since the first sample ({@code wall seconds x
 *       time-scale}). The growth is {@code b x 86,400 / a x 100}: the fitted growth over a
 *       simulated day as a percentage of the fitted value at the start. A fit, not
 *       first-versus-last, so one noisy sample (a GC, a warm-up) at either end does not decide the
 *       verdict. Needs two samples at different times and {@code a > 0}.
 *   <li><b>CPU average</b>: CPU seconds used over wall-clock seconds elapsed, as a percentage of
 *       all the target's cores ({@code 100 %} = every core busy all the time, like a system CPU
 *       gauge; the seed's "CPU average &lt; 80 %"). Summed over consecutive samples, skipping a
 *       step where the counter went down (the target restarted). CPU is a rate of real work, so it
 *       is measured in wall-clock time at any time scale.
 * </ul>
 *
 * Caveat of compression: a simulated day at time-scale s carries 1/s of a real day's requests, so a
 * leak that grows with requests shows s times less growth per simulated day than in real time.
 */
public final class SoakAnalysis {
  private static final double DAY_SECONDS = 86_400;

  private SoakAnalysis() {}

  /** PASS strictly below the WARNING limit; NO_DATA when too few samples to tell. */
  public enum Verdict {
    PASS,
    WARNING,
    NO_DATA
  }

  /**
   * Analyses the samples of one run.
   *
   * @param samples rows of soak-metrics.csv, any order
   * @param timeScale the run's time scale (> 0): simulated seconds per wall-clock second
   * @param cores the target's CPU cores, >= 1
   * @param thresholds the WARNING limits
   */
  public static Result analyze(
      List<SoakSample> samples, double timeScale, int cores, SoakProfile.Thresholds thresholds) {
    if (!(timeScale > 0) || cores < 1) {
      throw new IllegalArgumentException(
          "need timeScale > 0 and cores >= 1, was " + timeScale + ", " + cores);
    }
    List<SoakSample> ok =
        samples.stream()
            .filter(SoakSample::isOk)
            .sorted(Comparator.comparing(SoakSample::wallTime))
            .toList();
    int missing = samples.size() - ok.size();

    Double growth = null;
    Double fittedStart = null;
    Double fittedEnd = null;
    double spanSimulated = 0;
    if (ok.size() >= 2) {
      long t0 = ok.get(0).wallTime().toEpochMilli();
      int n = ok.size();
      double[] x = new double[n];
      double sx = 0;
      double sy = 0;
      for (int i = 0; i < n; i++) {
        x[i] = (ok.get(i).wallTime().toEpochMilli() - t0) / 1000.0 * timeScale;
        sx += x[i];
        sy += ok.get(i).rssBytes();
      }
      double mx = sx / n;
      double my = sy / n;
      double sxx = 0;
      double sxy = 0;
      for (int i = 0; i < n; i++) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (ok.get(i).rssBytes() - my);
      }
      spanSimulated = x[n - 1];
      if (sxx > 0) {
        double slope = sxy / sxx;
        double a = my - slope * mx;
        fittedStart = a;
        fittedEnd = a + slope * x[n - 1];
        if (a > 0) {
          growth = slope * DAY_SECONDS / a * 100;
        }
      }
    }

    double cpu = 0;
    double wall = 0;
    for (int i = 1; i < ok.size(); i++) {
      double dc = ok.get(i).cpuSeconds() - ok.get(i - 1).cpuSeconds();
      double dw =
          (ok.get(i).wallTime().toEpochMilli() - ok.get(i - 1).wallTime().toEpochMilli()) / 1000.0;
      if (dc >= 0 && dw > 0 && Double.isFinite(dc)) {
        cpu += dc;
        wall += dw;
      }
    }
    Double cpuPercent = wall > 0 ? cpu / wall / cores * 100 : null;

    return new Result(
        ok.size(),
        missing,
        timeScale,
        spanSimulated,
        fittedStart,
        fittedEnd,
        ok.stream().mapToLong(SoakSample::rssBytes).min().orElse(0),
        ok.stream().mapToLong(SoakSample::rssBytes).max().orElse(0),
        growth,
        thresholds.memoryGrowthPercentPer24h(),
        verdict(growth, thresholds.memoryGrowthPercentPer24h()),
        cores,
        cpuPercent,
        thresholds.cpuAveragePercent(),
        verdict(cpuPercent, thresholds.cpuAveragePercent()));
  }

  private static Verdict verdict(Double value, double limit) {
    return value == null ? Verdict.NO_DATA : value < limit ? Verdict.PASS : Verdict.WARNING;
  }

  /**
   * The soak figures of a run, ready to serialize ({@code extra.soak} of result.json).
   *
   * @param samples samples with values
   * @param missing slots without values (failed, garbage, late, or after the run ended)
   * @param timeScale simulated seconds per wall-clock second
   * @param simulatedSeconds simulated time from the first to the last sample with values
   * @param rssFittedStartBytes the fitted resident memory at the first sample; null without a fit
   * @param rssFittedEndBytes the fitted resident memory at the last sample; null without a fit
   * @param rssMinBytes smallest resident memory sampled (0 without samples)
   * @param rssMaxBytes largest resident memory sampled (0 without samples)
   * @param memoryGrowthPercentPer24h fitted growth per simulated 24 h, percent; null without a fit
   * @param memoryGrowthLimitPercent the WARNING limit
   * @param memoryVerdict PASS below the limit, WARNING at or above, NO_DATA without a fit
   * @param cores the target's cores the CPU average is a share of
   * @param cpuAveragePercent mean CPU use, percent of all cores; null with fewer than two samples
   * @param cpuLimitPercent the WARNING limit
   * @param cpuVerdict PASS below the limit, WARNING at or above, NO_DATA without figures
   */
  @JsonPropertyOrder({
    "samples",
    "missing_samples",
    "time_scale",
    "simulated_seconds",
    "rss_fitted_start_bytes",
    "rss_fitted_end_bytes",
    "rss_min_bytes",
    "rss_max_bytes",
    "memory_growth_percent_per_24h",
    "memory_growth_limit_percent",
    "memory_verdict",
    "cores",
    "cpu_average_percent",
    "cpu_limit_percent",
    "cpu_verdict"
  })
  public record Result(
      @JsonProperty("samples") int samples,
      @JsonProperty("missing_samples") int missing,
      @JsonProperty("time_scale") double timeScale,
      @JsonProperty("simulated_seconds") double simulatedSeconds,
      @JsonProperty("rss_fitted_start_bytes") Double rssFittedStartBytes,
      @JsonProperty("rss_fitted_end_bytes") Double rssFittedEndBytes,
      @JsonProperty("rss_min_bytes") long rssMinBytes,
      @JsonProperty("rss_max_bytes") long rssMaxBytes,
      @JsonProperty("memory_growth_percent_per_24h") Double memoryGrowthPercentPer24h,
      @JsonProperty("memory_growth_limit_percent") double memoryGrowthLimitPercent,
      @JsonProperty("memory_verdict") Verdict memoryVerdict,
      @JsonProperty("cores") int cores,
      @JsonProperty("cpu_average_percent") Double cpuAveragePercent,
      @JsonProperty("cpu_limit_percent") double cpuLimitPercent,
      @JsonProperty("cpu_verdict") Verdict cpuVerdict) {}
}
