package io.phantommesh.perf.spike;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.results.TimelineSecond;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SpikeRecoveryTest {
  private static final long E = 1_700_000_095L; // the second the spike ends in
  private static final long TARGET = 200;

  /** Seconds E-5 .. E+lastOffset, with the given P99 (ms) per offset from E; 100 responses each. */
  private static List<TimelineSecond> timeline(
      int lastOffset, java.util.function.IntToLongFunction p99) {
    List<TimelineSecond> out = new ArrayList<>();
    for (int i = -5; i <= lastOffset; i++) {
      out.add(new TimelineSecond(E + i, 100, 100, 0, 50, p99.applyAsLong(i)));
    }
    return out;
  }

  @Test
  void countsTheSecondsUntilTheP99StaysUnderTheTarget() {
    // over the target for E .. E+6, under from E+7: recovered 7 s after the spike
    List<TimelineSecond> t = timeline(30, i -> i < 7 ? 500 : 50);
    assertThat(SpikeRecovery.compute(t, E, TARGET, 5)).isEqualTo(OptionalLong.of(7));
  }

  @Test
  void aTargetThatNeverSuffersRecoversAtOnce() {
    assertThat(SpikeRecovery.compute(timeline(30, i -> 20), E, TARGET, 5))
        .isEqualTo(OptionalLong.of(0));
  }

  @Test
  void aShortDipUnderTheTargetIsNotARecovery() {
    // under for E+3 .. E+5 (3 s < 5), over again at E+6 .. E+7, under from E+8 on
    List<TimelineSecond> t = timeline(30, i -> i >= 3 && i <= 5 || i >= 8 ? 50 : 900);
    assertThat(SpikeRecovery.compute(t, E, TARGET, 5)).isEqualTo(OptionalLong.of(8));
    assertThat(SpikeRecovery.compute(t, E, TARGET, 3)).isEqualTo(OptionalLong.of(3));
  }

  @Test
  void aP99AtTheTargetCountsAsUnder() {
    assertThat(SpikeRecovery.compute(timeline(30, i -> i < 2 ? 201 : 200), E, TARGET, 5))
        .isEqualTo(OptionalLong.of(2));
  }

  @Test
  void neverUnderOrNotLongEnoughBeforeTheEndIsNotRecovered() {
    assertThat(SpikeRecovery.compute(timeline(30, i -> 900), E, TARGET, 5)).isEmpty();
    // under only for the last 4 seconds of the run
    assertThat(SpikeRecovery.compute(timeline(30, i -> i >= 27 ? 50 : 900), E, TARGET, 5))
        .isEmpty();
  }

  @Test
  void aSecondWithoutResponsesOrMissingFromTheTimelineBreaksTheStreak() {
    List<TimelineSecond> t = new ArrayList<>(timeline(30, i -> i < 2 ? 900 : 50));
    // E+4 answered nothing (its P99 reads 0): a stall, not a fast second
    t.set(5 + 4, new TimelineSecond(E + 4, 100, 0, 0, 50, 0));
    assertThat(SpikeRecovery.compute(t, E, TARGET, 5)).isEqualTo(OptionalLong.of(5));
    // E+7 missing altogether
    t.remove(5 + 7);
    assertThat(SpikeRecovery.compute(t, E, TARGET, 5)).isEqualTo(OptionalLong.of(8));
  }

  @Test
  void theSpikeEndsAtRunStartPlusBaselineRampUpAndHold() {
    SpikeFacts p = SpikeFacts.of(SettingsLoader.fromString("").spike(), Duration.ZERO);
    // 60 s + 5 s + 30 s = 95 s after a start at ...000.500 falls in second ...095
    assertThat(SpikeRecovery.spikeEndEpochSecond(1_700_000_000_500L, p)).isEqualTo(1_700_000_095L);
    assertThat(SpikeRecovery.spikeEndEpochSecond(1_700_000_000_999L, p)).isEqualTo(1_700_000_095L);
  }

  @Test
  void summarizesTheSpikeForTheResultDocument() {
    SpikeFacts p = SpikeFacts.of(SettingsLoader.fromString("").spike(), Duration.ZERO);
    long runStart = (E - 95) * 1000;
    List<TimelineSecond> t = new ArrayList<>();
    for (long s = E - 95; s <= E + 125; s++) {
      boolean inSpike = s >= E - 35 && s <= E;
      long p99 = inSpike ? 400 : s > E && s < E + 4 ? 250 : 30;
      t.add(new TimelineSecond(s, 0, inSpike ? 1500 : 100, 0, 10, p99));
    }
    SpikeRecovery.Summary sum = SpikeRecovery.summarize(t, runStart, p, TARGET);
    assertThat(sum.spikeStartEpochSecond()).isEqualTo(E - 35);
    assertThat(sum.spikeEndEpochSecond()).isEqualTo(E);
    assertThat(sum.recoverySeconds()).isEqualTo(4L);
    assertThat(sum.recovered()).isTrue();
    assertThat(sum.maxP99MillisDuringSpike()).isEqualTo(400);
    assertThat(sum.peakResponsesPerSecond()).isEqualTo(1500);
    assertThat(sum.stableSeconds()).isEqualTo(5);
  }
}
