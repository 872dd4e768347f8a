package io.phantommesh.perf.soak;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.phantommesh.perf.config.SoakBlock;
import io.phantommesh.perf.config.SoakProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the HTML report draws of a soak: the target's memory and CPU over simulated time, and the
 * schedule's phase bands over the same time.
 *
 * <p>Stateless, pure. CPU use between two consecutive samples is CPU seconds over wall seconds, as
 * a percentage of all cores (the figure {@link SoakAnalysis} averages); the first sample and a step
 * where the counter went down have none.
 */
public final class SoakView {
  private SoakView() {}

  /**
   * The series of the samples with values, by simulated time.
   *
   * @param simulatedSeconds simulated seconds since the soak's start
   * @param rssBytes resident memory, bytes
   * @param cpuPercent CPU use since the sample before, percent of all cores; null for the first
   */
  @JsonPropertyOrder({"simulated_seconds", "rss_bytes", "cpu_percent"})
  public record Series(
      @JsonProperty("simulated_seconds") List<Double> simulatedSeconds,
      @JsonProperty("rss_bytes") List<Long> rssBytes,
      @JsonProperty("cpu_percent") List<Double> cpuPercent) {}

  /**
   * One stretch of the schedule.
   *
   * @param fromSeconds start, simulated seconds since the soak's start
   * @param toSeconds end (exclusive), simulated seconds
   * @param phase the block's label (peak, shoulder, low…)
   * @param users the block's active users
   */
  @JsonPropertyOrder({"from_simulated_seconds", "to_simulated_seconds", "phase", "users"})
  public record Phase(
      @JsonProperty("from_simulated_seconds") double fromSeconds,
      @JsonProperty("to_simulated_seconds") double toSeconds,
      @JsonProperty("phase") String phase,
      @JsonProperty("users") int users) {}

  /**
   * {@code extra.soak} of result.json: the analysis' figures, then the series and the phases.
   *
   * @param result the figures the verdicts judged
   * @param series the samples, for the chart
   * @param phases the schedule over the samples' span
   */
  @JsonPropertyOrder({"series", "phases"})
  public record Extra(
      @JsonUnwrapped SoakAnalysis.Result result,
      @JsonProperty("series") Series series,
      @JsonProperty("phases") List<Phase> phases) {}

  /** The extra of a run: series of {@code samples} and the phases up to the last one. */
  public static Extra extra(
      SoakAnalysis.Result result,
      List<SoakSample> samples,
      int cores,
      SoakProfile profile,
      int startHour) {
    Series s = series(samples, cores);
    double end =
        s.simulatedSeconds().isEmpty()
            ? 0
            : s.simulatedSeconds().get(s.simulatedSeconds().size() - 1);
    return new Extra(result, s, phases(profile, startHour, end));
  }

  /** The samples with values, oldest first, with the CPU use between neighbours. */
  public static Series series(List<SoakSample> samples, int cores) {
    List<SoakSample> ok =
        samples.stream()
            .filter(SoakSample::isOk)
            .sorted(Comparator.comparing(SoakSample::wallTime))
            .toList();
    List<Double> t = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int i = 0; i < ok.size(); i++) {
      SoakSample s = ok.get(i);
      t.add(round3(s.simulatedSeconds()));
      rss.add(s.rssBytes());
      Double c = null;
      if (i > 0) {
        double dc = s.cpuSeconds() - ok.get(i - 1).cpuSeconds();
        double dw = (s.wallTime().toEpochMilli() - ok.get(i - 1).wallTime().toEpochMilli()) / 1e3;
        if (dc >= 0 && dw > 0 && Double.isFinite(dc)) {
          c = Math.round(dc / dw / Math.max(1, cores) * 100 * 100) / 100.0;
        }
      }
      cpu.add(c);
    }
    return new Series(t, rss, cpu);
  }

  /**
   * The schedule's blocks from simulated second 0 (clock {@code startHour}:00, 0..23) to {@code
   * simulatedSeconds}, in order, each clipped to that span.
   */
  public static List<Phase> phases(SoakProfile profile, int startHour, double simulatedSeconds) {
    List<Phase> out = new ArrayList<>();
    if (!(simulatedSeconds > 0)) {
      return out;
    }
    double t = 0;
    int guard = 0;
    while (t < simulatedSeconds && guard++ < 10_000) {
      int clockMinute = (int) Math.floorMod((long) Math.floor(startHour * 60 + t / 60), 1440);
      SoakBlock b = profile.blockAt(clockMinute);
      int intoBlock = Math.floorMod(clockMinute - b.fromMinute(), SoakBlock.DAY_MINUTES);
      double left = (b.lengthMinutes() - intoBlock) * 60.0 - (t % 60);
      double end = Math.min(simulatedSeconds, t + Math.max(1, left));
      Phase last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.phase().equals(b.phase()) && last.users() == b.users()) {
        out.set(out.size() - 1, new Phase(last.fromSeconds(), end, b.phase(), b.users()));
      } else {
        out.add(new Phase(t, end, b.phase(), b.users()));
      }
      t = end;
    }
    return out;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
