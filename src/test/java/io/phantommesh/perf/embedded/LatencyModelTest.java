package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The added-latency model and its reproducible draws. */
class LatencyModelTest {

  @Test
  void fixedLatencyIsExact() {
    LatencyModel m = new LatencyModel(Duration.ofMillis(200), Duration.ZERO);
    assertThat(m.delayNanos(0.99)).isEqualTo(200_000_000L);
  }

  @Test
  void tailIsExponentialWithTheGivenMean() {
    // Inverse CDF at u: -mean x ln(1 - u). u = 1 - 1/e gives exactly the mean.
    LatencyModel m = new LatencyModel(Duration.ofMillis(5), Duration.ofMillis(10));
    assertThat(m.delayNanos(0.0)).isEqualTo(5_000_000L);
    assertThat(m.delayNanos(1 - Math.exp(-1))).isCloseTo(15_000_000L, within(1_000L));
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      sum += m.delayNanos(Draws.uniform(1L, i)) - 5_000_000L;
    }
    assertThat(sum / n / 1e6).isCloseTo(10.0, within(0.2));
  }

  @Test
  void drawsAreUniformAndReproducible() {
    assertThat(Draws.uniform(3L, 17L)).isEqualTo(Draws.uniform(3L, 17L));
    int below = 0;
    for (int i = 0; i < 100_000; i++) {
      double u = Draws.uniform(3L, i);
      assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      below += u < 0.25 ? 1 : 0;
    }
    assertThat(below).isBetween(24_000, 26_000);
  }

  @Test
  void rejectsNegativeOrHugeLatency() {
    assertThatThrownBy(() -> new LatencyModel(Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencyModel(Duration.ZERO, Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
