package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMergerTest {

  @TempDir Path dir;

  private Path log(
      String name,
      String simulation,
      long start,
      List<String> scenarios,
      Consumer<SimulationLogWriter> records) {
    Path log = dir.resolve(name + ".log");
    RunInfo run = new RunInfo("3.15.1", simulation, start, "injector " + name, scenarios, 0);
    try (SimulationLogWriter w = SimulationLogWriter.create(log, run, List.of())) {
      records.accept(w);
    }
    return log;
  }

  /** Injector A: starts at START, one "browse" user sending two requests. */
  private Path injectorA() {
    return log(
        "a",
        "sim.Vpn",
        TinyLogs.START,
        List.of("browse"),
        w -> {
          w.writeUser(0, true, 0);
          w.writeRequest(List.of("g"), "home", 100, 300, true, "");
          w.writeRequest(List.of("g"), "home", 1100, 1150, false, "timeout");
          w.writeGroup(List.of("g"), 100, 1150, 250, false);
          w.writeUser(0, false, 1200);
        });
  }

  /** Injector B: starts 1.5 s later with scenarios in another order, plus one of its own. */
  private Path injectorB() {
    return log(
        "b",
        "sim.Vpn",
        TinyLogs.START + 1500,
        List.of("login", "browse"),
        w -> {
          w.writeUser(1, true, 0);
          w.writeUser(0, true, 10);
          w.writeRequest(List.of(), "login", 10, 60, true, "");
          w.writeError("boom", 70);
          w.writeUser(0, false, 80);
          w.writeRequest(List.of("g"), "home", 100, 300, true, "");
          w.writeUser(1, false, 310);
        });
  }

  private static List<String> transcript(Path log) {
    TinyLogs.Transcript transcript = new TinyLogs.Transcript();
    try (SimulationLogReader reader = SimulationLogReader.open(log)) {
      reader.readAll(transcript);
    }
    return transcript.lines;
  }

  @Test
  void rebasesOnTheEarliestStartUnionsScenariosAndOrdersRecordsByTime() {
    Path merged = dir.resolve("simulation.log");

    RunInfo run = LogMerger.merge(List.of(injectorB(), injectorA()), merged);

    assertThat(run)
        .isEqualTo(
            new RunInfo(
                "3.15.1", "sim.Vpn", TinyLogs.START, "injector a", List.of("browse", "login"), 0));
    // B's offsets grow by 1500 ms; its "login" (0) becomes 1, its "browse" (1) becomes 0.
    assertThat(transcript(merged))
        .containsExactly(
            "run 3.15.1 sim.Vpn " + TinyLogs.START + " [injector a] [browse, login] 0",
            "user 0 browse start 0",
            "request [g] home 100 300 OK []",
            "request [g] home 1100 1150 KO [timeout]",
            "group [g] 100 1150 250 KO",
            "user 0 browse end 1200",
            "user 0 browse start 1500",
            "user 1 login start 1510",
            "request [] login 1510 1560 OK []",
            "error [boom] 1570",
            "user 1 login end 1580",
            "request [g] home 1600 1800 OK []",
            "user 0 browse end 1810");
  }

  @Test
  void mergedLogAggregatesLikeItsInjectorsTogether() {
    Path a = injectorA();
    Path b = injectorB();
    Path merged = dir.resolve("simulation.log");
    LogMerger.merge(List.of(a, b), merged);

    RunStatistics together = RunAggregator.aggregate(List.of(a, b));
    RunStatistics fromMerged = RunAggregator.aggregate(List.of(merged));

    assertThat(fromMerged.global().count()).isEqualTo(together.global().count()).isEqualTo(2 + 2);
    assertThat(fromMerged.global()).isEqualTo(together.global());
    assertThat(fromMerged.requests()).isEqualTo(together.requests());
    assertThat(fromMerged.groups()).isEqualTo(together.groups());
    assertThat(fromMerged.errors()).isEqualTo(together.errors());
    assertThat(fromMerged.timeline()).isEqualTo(together.timeline());
    assertThat(fromMerged.startEpochMillis()).isEqualTo(together.startEpochMillis());
    assertThat(fromMerged.endEpochMillis()).isEqualTo(together.endEpochMillis());
    // Per-second alignment: A's responses end in S (.300) and S+1 (.150), B's in S+1 (.560) and
    // S+1 (.800).
    assertThat(fromMerged.timeline()).extracting(TimelineSecond::responses).containsExactly(1L, 3L);
  }

  @Test
  void keepsTheEarliestLogsPickledAssertions() throws IOException {
    Path withAssertion = dir.resolve("with.log");
    Files.write(withAssertion, TinyLogs.everyRecordType());
    Path merged = dir.resolve("simulation.log");

    LogMerger.merge(List.of(withAssertion), merged);

    try (SimulationLogReader reader = SimulationLogReader.open(merged)) {
      assertThat(reader.pickledAssertions()).containsExactly(TinyLogs.ASSERTION);
    }
    // One log merged alone comes out byte for byte as it went in.
    assertThat(Files.readAllBytes(merged)).isEqualTo(TinyLogs.everyRecordType());
  }

  @Test
  void refusesLogsOfDifferentSimulations() {
    Path a = injectorA();
    Path other = log("c", "sim.Other", TinyLogs.START, List.of("x"), w -> {});

    assertThatThrownBy(() -> LogMerger.merge(List.of(a, other), dir.resolve("simulation.log")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sim.Vpn")
        .hasMessageContaining("sim.Other");
  }

  @Test
  void leavesNoOutputWhenAnInputIsTruncated() throws IOException {
    Path a = injectorA();
    Path b = injectorB();
    byte[] bytes = Files.readAllBytes(b);
    Files.write(b, Arrays.copyOf(bytes, bytes.length - 3));
    Path merged = dir.resolve("simulation.log");

    assertThatThrownBy(() -> LogMerger.merge(List.of(a, b), merged))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("truncated");
    assertThat(merged).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left)
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("a.log", "b.log");
    }
  }
}
