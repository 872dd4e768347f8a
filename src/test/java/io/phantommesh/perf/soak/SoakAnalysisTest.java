package io.phantommesh.perf.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.phantommesh.perf.config.SoakProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakAnalysisTest {
  private static final SoakProfile.Thresholds LIMITS = new SoakProfile.Thresholds(10, 80);
  private static final Instant T0 = Instant.parse("2026-01-07T00:00:00Z");
  private static final double SCALE = 60; // 5 simulated minutes = 5 wall-clock seconds
  private static final int SAMPLES = 864; // 72 h every 5 min
  private static final long MB = 1_000_000;

  /** Sample k: 5 k wall-clock seconds in, i.e. 5 k simulated minutes. */
  private static SoakSample at(int k, long rss, double cpu) {
    return SoakSample.ok(k * 300.0, T0.plusSeconds(5L * k), rss, cpu);
  }

  @Test
  void aKnownLinearLeakGivesItsExactGrowth() {
    // 100 MB at the start, 1 MB more per simulated hour (12 samples): 24 MB a day = 24 % per 24 h
    List<SoakSample> samples = new ArrayList<>();
    for (int k = 0; k < SAMPLES; k++) {
      samples.add(at(k, 100 * MB + k * MB / 12, 0));
    }
    SoakAnalysis.Result r = SoakAnalysis.analyze(samples, SCALE, 2, LIMITS);
    assertThat(r.memoryGrowthPercentPer24h()).isCloseTo(24.0, within(1e-3));
    assertThat(r.rssFittedStartBytes()).isCloseTo(100.0 * MB, within(1e3));
    assertThat(r.memoryVerdict()).isEqualTo(SoakAnalysis.Verdict.WARNING);
    assertThat(r.samples()).isEqualTo(864);
    assertThat(r.missing()).isZero();
    assertThat(r.simulatedSeconds()).isCloseTo(863 * 300, within(1e-9));
  }

  @Test
  void aFlatLineGrowsByNothingEvenWithNoise() {
    List<SoakSample> samples = new ArrayList<>();
    for (int k = 0; k < SAMPLES; k++) {
      samples.add(at(k, 200 * MB + (k % 2 == 0 ? MB : -MB), 0));
    }
    SoakAnalysis.Result r = SoakAnalysis.analyze(samples, SCALE, 2, LIMITS);
    assertThat(r.memoryGrowthPercentPer24h()).isCloseTo(0, within(0.01));
    assertThat(r.memoryVerdict()).isEqualTo(SoakAnalysis.Verdict.PASS);
  }

  @Test
  void theFitIsNotSwayedByOneOutlierAtTheEndAsFirstVersusLastWouldBe() {
    List<SoakSample> samples = new ArrayList<>();
    for (int k = 0; k < SAMPLES; k++) {
      samples.add(at(k, k == SAMPLES - 1 ? 150 * MB : 100 * MB, 0));
    }
    // first vs last: +50 % over 3 days, 16.7 % a day; the fit: about 0.09 % a day
    SoakAnalysis.Result r = SoakAnalysis.analyze(samples, SCALE, 2, LIMITS);
    assertThat(r.memoryGrowthPercentPer24h()).isBetween(0.0, 0.2);
  }

  @Test
  void missingSamplesAreCountedAndIgnored() {
    List<SoakSample> all = new ArrayList<>();
    List<SoakSample> onlyOk = new ArrayList<>();
    for (int k = 0; k < SAMPLES; k++) {
      SoakSample s = at(k, 100 * MB + k * MB / 12, k * 4.0);
      if (k % 10 == 3) {
        all.add(SoakSample.missing(k * 300.0, s.wallTime(), "answered HTTP 503"));
      } else {
        all.add(s);
        onlyOk.add(s);
      }
    }
    SoakAnalysis.Result withGaps = SoakAnalysis.analyze(all, SCALE, 2, LIMITS);
    assertThat(withGaps.missing()).isEqualTo(87);
    assertThat(withGaps.samples()).isEqualTo(SAMPLES - 87);
    assertThat(withGaps.memoryGrowthPercentPer24h()).isCloseTo(24.0, within(1e-3));
    SoakAnalysis.Result clean = SoakAnalysis.analyze(onlyOk, SCALE, 2, LIMITS);
    assertThat(withGaps.memoryGrowthPercentPer24h()).isEqualTo(clean.memoryGrowthPercentPer24h());
    assertThat(withGaps.cpuAveragePercent())
        .isEqualTo(clean.cpuAveragePercent())
        .isCloseTo(40.0, within(1e-9));
  }

  @Test
  void cpuIsAShareOfAllCoresInWallClockTime() {
    // 4 CPU seconds per 5 wall-clock seconds on 2 cores: 0.8 / 2 = 40 %
    List<SoakSample> samples = new ArrayList<>();
    for (int k = 0; k < 100; k++) {
      samples.add(at(k, 100 * MB, k * 4.0));
    }
    SoakAnalysis.Result r = SoakAnalysis.analyze(samples, SCALE, 2, LIMITS);
    assertThat(r.cpuAveragePercent()).isCloseTo(40.0, within(1e-9));
    assertThat(r.cpuVerdict()).isEqualTo(SoakAnalysis.Verdict.PASS);
    assertThat(SoakAnalysis.analyze(samples, SCALE, 1, LIMITS).cpuVerdict())
        .isEqualTo(SoakAnalysis.Verdict.WARNING);
  }

  @Test
  void aCounterResetIsSkipped() {
    // 0, 4, 8 then the target restarts: 1, 5: the drop 8 -> 1 is not counted
    List<SoakSample> samples =
        List.of(at(0, MB, 0), at(1, MB, 4), at(2, MB, 8), at(3, MB, 1), at(4, MB, 5));
    SoakAnalysis.Result r = SoakAnalysis.analyze(samples, SCALE, 1, LIMITS);
    // 12 CPU seconds over 15 wall-clock seconds on one core
    assertThat(r.cpuAveragePercent()).isCloseTo(80.0, within(1e-9));
    assertThat(r.cpuVerdict()).isEqualTo(SoakAnalysis.Verdict.WARNING);
  }

  @Test
  void tooFewSamplesGiveNoData() {
    SoakAnalysis.Result none =
        SoakAnalysis.analyze(
            List.of(SoakSample.missing(0, T0, "refused the connection")), SCALE, 2, LIMITS);
    assertThat(none.memoryGrowthPercentPer24h()).isNull();
    assertThat(none.cpuAveragePercent()).isNull();
    assertThat(none.memoryVerdict()).isEqualTo(SoakAnalysis.Verdict.NO_DATA);
    assertThat(none.cpuVerdict()).isEqualTo(SoakAnalysis.Verdict.NO_DATA);
    assertThat(none.missing()).isEqualTo(1);
  }

  @Test
  void growthIsPerSimulatedDaySoTheTimeScaleCounts() {
    // the same wall-clock samples read at time-scale 3600 span 60 x more simulated time
    List<SoakSample> samples = new ArrayList<>();
    for (int k = 0; k < SAMPLES; k++) {
      samples.add(at(k, 100 * MB + k * MB / 12, 0));
    }
    assertThat(SoakAnalysis.analyze(samples, 3600, 2, LIMITS).memoryGrowthPercentPer24h())
        .isCloseTo(24.0 / 60, within(1e-4));
  }
}
