package io.phantommesh.perf.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Min and max per bucket, in the order they occurred; short series pass through. */
class MinMaxDownsamplerTest {
  private static final long[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void keepsEachBucketsMinimumAndMaximumInTheirOrder() {
    // Two buckets of 5 s: {1, 9, 3, 4, 5} -> 1 then 9; {8, 2, 2, 0, 2} -> 8 (t=5) then 0 (t=8).
    Long[] s = {1L, 9L, 3L, 4L, 5L, 8L, 2L, 2L, 0L, 2L};

    MinMaxDownsampler.Result r = MinMaxDownsampler.downsample(X, List.<Long[]>of(s), 2);

    assertThat(r.bucketSeconds()).isEqualTo(5);
    assertThat(r.x()).containsExactly(0L, 2L, 5L, 7L);
    assertThat(r.series().get(0)).containsExactly(1L, 9L, 8L, 0L);
  }

  @Test
  void aOneSecondSpikeSurvivesAnyBucketWidth() {
    Long[] s = new Long[10];
    Arrays.fill(s, 10L);
    s[6] = 1_000L;

    MinMaxDownsampler.Result r = MinMaxDownsampler.downsample(X, List.<Long[]>of(s), 3);

    assertThat(r.bucketSeconds()).isEqualTo(4); // ceil(10 / 3)
    assertThat(r.series().get(0)).contains(1_000L).hasSize(6);
  }

  @Test
  void secondsWithoutDataAreSkippedAndAnEmptyBucketIsAGap() {
    Long[] s = {null, null, null, null, null, 3L, null, 7L, null, null};

    MinMaxDownsampler.Result r = MinMaxDownsampler.downsample(X, List.<Long[]>of(s), 2);

    assertThat(r.series().get(0)).containsExactly(null, null, 3L, 7L);
  }

  @Test
  void shortSeriesPassThroughSecondBySecond() {
    Long[] s = {1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L};

    MinMaxDownsampler.Result r = MinMaxDownsampler.downsample(X, List.<Long[]>of(s), 10);

    assertThat(r.bucketSeconds()).isEqualTo(1);
    assertThat(r.x()).hasSize(10);
    assertThat(r.series().get(0)).containsExactly(s);
  }
}
