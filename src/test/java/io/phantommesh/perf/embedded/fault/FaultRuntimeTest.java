package io.phantommesh.perf.embedded.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.phantommesh.perf.config.FaultSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault decisions as pure functions of the seed and the arrival number. */
class FaultRuntimeTest {

  private static FaultSettings settings(
      long seed, double reset, double stall, FaultSettings.FirstByte fb) {
    return new FaultSettings(seed, reset, stall, fb, 0, List.of());
  }

  private static List<Fate> fates(FaultSettings s, int n) {
    FaultRuntime r = new FaultRuntime(s);
    List<Fate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(r.nextFate());
    }
    return out;
  }

  @Test
  void theSameSeedGivesTheSameFatesAndAnotherSeedOthers() {
    FaultSettings.FirstByte fb =
        new FaultSettings.FirstByte(
            Duration.ZERO, Duration.ofMillis(10), FaultSettings.Tail.PARETO, 2.0);
    assertThat(fates(settings(1, 0.1, 0.1, fb), 1000))
        .isEqualTo(fates(settings(1, 0.1, 0.1, fb), 1000));
    assertThat(fates(settings(2, 0.1, 0.1, fb), 1000))
        .isNotEqualTo(fates(settings(1, 0.1, 0.1, fb), 1000));
  }

  @Test
  void ratiosHoldOverManyRequestsAndEachFateIsCounted() {
    FaultRuntime r = new FaultRuntime(settings(7, 0.1, 0.05, FaultSettings.FirstByte.NONE));
    int n = 100_000;
    int resets = 0;
    int stalls = 0;
    for (int i = 0; i < n; i++) {
      switch (r.nextFate().kind()) {
        case RESET -> resets++;
        case STALL -> stalls++;
        default -> {}
      }
    }
    // 3 standard deviations of a binomial: sqrt(n p (1-p)) ~ 95 and 66
    assertThat(resets).isBetween(10_000 - 285, 10_000 + 285);
    // stalls are drawn among the requests not reset: 0.9 x 0.05
    assertThat(stalls).isBetween(4_500 - 200, 4_500 + 200);
    assertThat(r.counters().get(Fault.RESET)).isEqualTo(resets);
    assertThat(r.counters().get(Fault.STALL)).isEqualTo(stalls);
  }

  @Test
  void bothTailsHaveTheConfiguredMean() {
    for (FaultSettings.Tail tail : FaultSettings.Tail.values()) {
      FirstByteDelay d =
          new FirstByteDelay(
              new FaultSettings.FirstByte(Duration.ofMillis(5), Duration.ofMillis(40), tail, 3.0));
      int n = 200_000;
      double sum = 0;
      long min = Long.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        long nanos = d.nanos((i + 0.5) / n); // a stratified uniform sample
        sum += nanos;
        min = Math.min(min, nanos);
      }
      assertThat(min).as(tail + " minimum").isGreaterThanOrEqualTo(5_000_000L);
      // mean = fixed + tail mean; the Pareto's variance is finite for shape 3
      assertThat(sum / n / 1e6).as(tail + " mean ms").isCloseTo(45.0, within(1.5));
    }
  }

  @Test
  void theParetoTailIsHeavierThanTheExponential() {
    FirstByteDelay exp =
        new FirstByteDelay(
            new FaultSettings.FirstByte(
                Duration.ZERO, Duration.ofMillis(10), FaultSettings.Tail.EXPONENTIAL, 2.0));
    FirstByteDelay pareto =
        new FirstByteDelay(
            new FaultSettings.FirstByte(
                Duration.ZERO, Duration.ofMillis(10), FaultSettings.Tail.PARETO, 1.5));
    // P99.9: exponential 10 ms x ln 1000 = 69 ms; Lomax(1.5, 5 ms): 5 x (1000^(1/1.5) - 1) = 495 ms
    assertThat(exp.nanos(0.999) / 1e6).isCloseTo(69.08, within(0.1));
    assertThat(pareto.nanos(0.999) / 1e6).isCloseTo(495.0, within(0.1));
  }

  @Test
  void withoutFaultsEveryRequestIsAnsweredAtOnce() {
    FaultRuntime r = FaultRuntime.none();
    for (int i = 0; i < 100; i++) {
      assertThat(r.nextFate()).isEqualTo(Fate.ANSWER_NOW);
    }
    assertThat(r.report().isEmpty()).isTrue();
  }
}
