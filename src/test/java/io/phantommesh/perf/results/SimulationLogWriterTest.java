package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationLogWriterTest {

  @TempDir Path dir;

  private static byte[] write(
      RunInfo run,
      List<byte[]> assertions,
      java.util.function.Consumer<SimulationLogWriter> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SimulationLogWriter writer = SimulationLogWriter.of(out, "mem.log", run, assertions)) {
      records.accept(writer);
    }
    return out.toByteArray();
  }

  @Test
  void writesExactlyTheHandBuiltBytes() {
    byte[] written =
        write(
            TinyLogs.everyRecordTypeRun(),
            List.of(TinyLogs.ASSERTION),
            TinyLogs::writeEveryRecordType);

    assertThat(written).isEqualTo(TinyLogs.everyRecordType());
  }

  @Test
  void writesEmptyStringAsBareZeroLengthEvenWhenCached() {
    RunInfo run = new RunInfo("3.15.1", "S", 0, "", List.of("s"), 0);

    byte[] written = write(run, List.of(), w -> w.writeError("", 4));

    LogBytes expected = LogBytes.log();
    expected.b(0).latin1("3.15.1").latin1("S").l(0).i(0).i(1).latin1("s").i(0);
    expected.b(4).i(1).i(0).i(4); // Error: new entry 1 = "" (bare 0 length, no coder), at 4 ms
    assertThat(written).isEqualTo(expected.bytes());
  }

  @Test
  void roundTripsRandomRecordsThroughTheReader() {
    Random random = new Random(20261123);
    String[] names = {"login", "Zürich", "東京", "🔒 unlock", "", "status 500"};
    List<List<String>> paths = List.of(List.of(), List.of("g"), List.of("g", "東京"));
    RunInfo run = new RunInfo("3.15.1", "S", TinyLogs.START, "d", List.of("a", "b"), 0);
    TinyLogs.Transcript expected = new TinyLogs.Transcript();
    expected.onRun(run);

    byte[] written =
        write(
            run,
            List.of(),
            w -> {
              for (int i = 0; i < 5_000; i++) {
                int start = random.nextInt(100_000);
                int end = start + random.nextInt(3_000);
                boolean ok = random.nextBoolean();
                List<String> path = paths.get(random.nextInt(paths.size()));
                String name = names[random.nextInt(names.length)];
                switch (random.nextInt(4)) {
                  case 0 -> {
                    w.writeUser(i % 2, ok, start);
                    expected.onUser(i % 2, run.scenarios().get(i % 2), ok, start);
                  }
                  case 1 -> {
                    w.writeRequest(
                        path,
                        name,
                        start,
                        end,
                        ok,
                        ok ? "" : names[random.nextInt(names.length)] + i % 10);
                    expected.onRequest(path, name, start, end, ok, ok ? "" : null);
                  }
                  case 2 -> {
                    List<String> group = path.isEmpty() ? List.of("top") : path;
                    w.writeGroup(group, start, end, end - start - 1, ok);
                    expected.onGroup(group, start, end, end - start - 1, ok);
                  }
                  default -> {
                    w.writeError(name, start);
                    expected.onError(name, start);
                  }
                }
              }
            });

    // KO messages were random: compare everything but them, then the bytes of a second copy.
    TinyLogs.Transcript actual = new TinyLogs.Transcript();
    try (SimulationLogReader reader =
        SimulationLogReader.of(new ByteArrayInputStream(written), "mem.log")) {
      reader.readAll(actual);
    }
    assertThat(actual.lines).hasSameSizeAs(expected.lines);
    for (int i = 0; i < actual.lines.size(); i++) {
      String want = expected.lines.get(i);
      if (want.endsWith("[null]")) {
        assertThat(actual.lines.get(i))
            .startsWith(want.substring(0, want.length() - "[null]".length()));
      } else {
        assertThat(actual.lines.get(i)).isEqualTo(want);
      }
    }
    assertThat(copy(written)).isEqualTo(written);
  }

  @Test
  void copiesALogByteForByteThroughReaderAndWriter() {
    byte[] original = TinyLogs.everyRecordType();

    assertThat(copy(original)).isEqualTo(original);
  }

  @Test
  void replacesAnExistingFile() throws IOException {
    Path log = Files.write(dir.resolve("simulation.log"), new byte[100_000]);

    try (SimulationLogWriter w =
        SimulationLogWriter.create(
            log, TinyLogs.everyRecordTypeRun(), List.of(TinyLogs.ASSERTION))) {
      TinyLogs.writeEveryRecordType(w);
    }

    assertThat(Files.readAllBytes(log)).isEqualTo(TinyLogs.everyRecordType());
  }

  @Test
  void refusesToWriteAnUnknownGatlingVersion() {
    RunInfo run = new RunInfo("3.13.5", "S", 0, "", List.of("s"), 0);

    assertThatThrownBy(() -> write(run, List.of(), w -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3.13.5")
        .hasMessageContaining("3.16.0");
  }

  @Test
  void writesTheVersionOfTheRunAsIs() {
    RunInfo run = new RunInfo("3.14.9", "S", 0, "", List.of("s"), 0);

    byte[] bytes = write(run, List.of(), w -> {});

    LogBytes expected = LogBytes.log();
    expected.b(0).latin1("3.14.9").latin1("S").l(0).i(0).i(1).latin1("s").i(0);
    assertThat(bytes).isEqualTo(expected.bytes());
  }

  @Test
  void refusesAssertionCountThatDoesNotMatchTheBlobs() {
    RunInfo run = new RunInfo("3.15.1", "S", 0, "", List.of("s"), 2);

    assertThatThrownBy(() -> write(run, List.of(TinyLogs.ASSERTION), w -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 assertion(s) but 1");
  }

  @Test
  void refusesScenarioIndexTheRunDoesNotDeclare() {
    RunInfo run = new RunInfo("3.15.1", "S", 0, "", List.of("s"), 0);

    assertThatThrownBy(() -> write(run, List.of(), w -> w.writeUser(1, true, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenario index 1");
  }

  /** Reads a log and writes its records again: the writer's output for the reader's records. */
  static byte[] copy(byte[] log) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SimulationLogReader reader =
            SimulationLogReader.of(new ByteArrayInputStream(log), "in.log");
        SimulationLogWriter writer =
            SimulationLogWriter.of(out, "out.log", reader.run(), reader.pickledAssertions())) {
      reader.readAll(new CopyingVisitor(writer));
    }
    return out.toByteArray();
  }

  /** Writes every visited record (but the Run record, which the writer wrote already). */
  static final class CopyingVisitor implements LogRecordVisitor {
    private final SimulationLogWriter writer;

    CopyingVisitor(SimulationLogWriter writer) {
      this.writer = writer;
    }

    @Override
    public void onUser(int scenarioIndex, String scenario, boolean isStart, int timestamp) {
      writer.writeUser(scenarioIndex, isStart, timestamp);
    }

    @Override
    public void onRequest(
        List<String> groupPath, String name, int start, int end, boolean isOk, String message) {
      writer.writeRequest(groupPath, name, start, end, isOk, message);
    }

    @Override
    public void onGroup(List<String> groupPath, int start, int end, int cumulated, boolean isOk) {
      writer.writeGroup(groupPath, start, end, cumulated, isOk);
    }

    @Override
    public void onError(String message, int timestamp) {
      writer.writeError(message, timestamp);
    }
  }
}
