package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

/**
 * What a real run of {@code fixture/TinyLogSimulation} logs, whatever the Gatling version: the
 * counts, names, groups and errors that its fixed journey produces.
 */
final class TinyRunExpectations {

  static final String KO_MESSAGE = "status.find.is(200), found 500";
  static final String CRASH = "crash: No attribute named 'missing' is defined ";

  private TinyRunExpectations() {}

  /** Asserts the figures of one run of the tiny simulation written by the given Gatling. */
  static void assertRunOf(RunStatistics stats, String gatlingVersion, String simulationClass) {
    RunInfo run = stats.runs().get(0);
    assertThat(run.gatlingVersion()).isEqualTo(gatlingVersion);
    assertThat(run.simulationClass()).isEqualTo(simulationClass);
    assertThat(run.scenarios()).containsExactly("Zürich users", "東京 🔒 users");
    assertThat(run.assertionCount()).isEqualTo(1);
    assertThat(stats.global().okCount()).isEqualTo(9);
    assertThat(stats.global().koCount()).isEqualTo(3);
    assertThat(stats.requests())
        .extracting(
            RequestStats::groupPath,
            RequestStats::name,
            RequestStats::okCount,
            RequestStats::koCount)
        .containsExactlyInAnyOrder(
            tuple(List.of("outer", "inner"), "Zürich", 3L, 0L),
            tuple(List.of("outer"), "東京 🔒", 0L, 3L),
            tuple(List.of(), "Zürich", 3L, 0L),
            tuple(List.of(), "plain", 3L, 0L));
    assertThat(stats.groups())
        .extracting(
            RequestStats::groupPath,
            RequestStats::name,
            RequestStats::okCount,
            RequestStats::koCount)
        .containsExactlyInAnyOrder(
            tuple(List.of("outer"), "inner", 3L, 0L), tuple(List.of(), "outer", 0L, 3L));
    // "inner" holds one request, so its cumulated response times are that request's.
    RequestStats innerRequest =
        stats.requests().stream().filter(r -> r.groupPath().size() == 2).findFirst().orElseThrow();
    RequestStats innerGroup =
        stats.groups().stream().filter(g -> g.name().equals("inner")).findFirst().orElseThrow();
    assertThat(innerGroup.latency()).isEqualTo(innerRequest.latency());
    assertThat(stats.errors())
        .containsExactlyInAnyOrder(new ErrorCount(KO_MESSAGE, 3), new ErrorCount(CRASH, 3));
    assertThat(stats.timeline().stream().mapToLong(TimelineSecond::responses).sum()).isEqualTo(12);
    assertThat(stats.timeline().stream().mapToLong(TimelineSecond::activeUsers).max().orElseThrow())
        .isEqualTo(3);
  }
}
