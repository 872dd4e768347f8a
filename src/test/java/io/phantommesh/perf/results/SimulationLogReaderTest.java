package io.phantommesh.perf.results;

import static io.phantommesh.perf.results.LogBytes.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.phantommesh.perf.results.SimulationLogException.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulationLogReaderTest {

  @TempDir Path dir;

  private static List<String> visit(byte[] log) {
    TinyLogs.Transcript transcript = new TinyLogs.Transcript();
    try (SimulationLogReader reader =
        SimulationLogReader.of(new ByteArrayInputStream(log), "t.log")) {
      reader.readAll(transcript);
    }
    return transcript.lines;
  }

  private static SimulationLogException failure(byte[] log) {
    return catchThrowableOfType(SimulationLogException.class, () -> visit(log));
  }

  @Test
  void decodesEveryRecordTypeInFileOrder() {
    assertThat(visit(TinyLogs.everyRecordType())).isEqualTo(TinyLogs.everyRecordTypeVisits());
  }

  @Test
  void decodesLatin1AndUtf16StringsOfEveryLength() {
    LogBytes b = log();
    b.b(0).latin1("3.15.1").latin1("S").l(TinyLogs.START).latin1("");
    b.i(4).latin1("Zürich").utf16("東京").utf16("🔒").latin1("a").i(0);
    b.b(1).i(0).newUtf16(1, "x🔒y").i(0).i(1).bool(true).newLatin1(2, "é");
    byte[] bytes = b.bytes();

    List<String> visits = visit(bytes);

    assertThat(visits.get(0)).contains("[Zürich, 東京, 🔒, a]");
    assertThat(visits.get(1)).isEqualTo("request [] x🔒y 0 1 OK [é]");
  }

  @Test
  void keepsUnpairedSurrogatesOfUtf16Strings() {
    String loneSurrogate = "a\uD800b";
    LogBytes b = log().run("3.15.1", TinyLogs.START, "s");
    // Error record, new entry 1: 3 UTF-16 little-endian chars, 'a' U+D800 'b', coder 1; at 0 ms
    b.b(4).i(1).i(6).raw((byte) 'a', (byte) 0, (byte) 0x00, (byte) 0xD8, (byte) 'b', (byte) 0);
    b.b(1).i(0);
    byte[] bytes = b.bytes();

    assertThat(visit(bytes).get(1)).isEqualTo("error [" + loneSurrogate + "] 0");
  }

  @Test
  void resolvesCacheBackReferencesToTheSameInstances() {
    List<Object> seen = new ArrayList<>();
    try (SimulationLogReader reader =
        SimulationLogReader.of(new ByteArrayInputStream(TinyLogs.everyRecordType()), "t.log")) {
      reader.readAll(
          new LogRecordVisitor() {
            @Override
            public void onRequest(
                List<String> groupPath, String name, int s, int e, boolean ok, String message) {
              seen.add(groupPath);
              seen.add(name);
            }
          });
    }

    assertThat(seen.get(0)).isSameAs(seen.get(2)); // group path [outer, inner]
    assertThat(seen.get(1)).isSameAs(seen.get(3)); // name "🔒 login"
  }

  @Test
  void exposesRunHeaderAndPickledAssertionsWithoutReadingRecords() throws IOException {
    Path log = Files.write(dir.resolve("simulation.log"), TinyLogs.everyRecordType());

    try (SimulationLogReader reader = SimulationLogReader.open(dir)) {
      assertThat(reader.run()).isEqualTo(TinyLogs.everyRecordTypeRun());
      assertThat(reader.pickledAssertions()).containsExactly(TinyLogs.ASSERTION);
      assertThat(reader.recordCount()).isEqualTo(1);
      assertThat(reader.size()).hasValue(Files.size(log));
    }
  }

  @Test
  void rejectsLogFromAnotherGatlingVersion() {
    byte[] bytes = log().run("3.13.5", TinyLogs.START, "s").bytes();

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.WRONG_VERSION);
    assertThat(e.getMessage())
        .contains("t.log", "Gatling 3.13.5", "3.14.0 to 3.14.9, 3.15.0 to 3.15.1, 3.16.0");
  }

  @Test
  void rejectsTextLogOfOldGatlingNamingItsVersion() {
    byte[] bytes =
        "RUN\tcomputerdatabase.BasicSimulation\tbasicsimulation\t1587\t \t3.3.1\nUSER\tx\n"
            .getBytes(StandardCharsets.US_ASCII);

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.WRONG_VERSION);
    assertThat(e.getMessage()).contains("text simulation.log", "Gatling 3.3.1", "3.15.1");
  }

  @Test
  void rejectsUnknownRecordTypeNamingItsOffset() {
    byte[] valid = log().run("3.15.1", TinyLogs.START, "s").user(0, true, 0).bytes();
    byte[] bytes = log().raw(valid).b(9).bytes();

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.NOT_A_LOG);
    assertThat(e.byteOffset()).hasValue((long) valid.length);
    assertThat(e.getMessage())
        .contains("unknown record type 9", "at byte " + valid.length, "record #3");
  }

  @Test
  void rejectsAbsurdStringLength() {
    byte[] bytes = log().run("3.15.1", TinyLogs.START, "s").b(4).i(1).i(0x7A3B1C2D).bytes();

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.NOT_A_LOG);
    assertThat(e.getMessage()).contains("string length 2050694189", "an Error record");
  }

  @Test
  void rejectsNegativeStringLength() {
    byte[] bytes = log().run("3.15.1", TinyLogs.START, "s").b(4).i(1).i(-3).bytes();

    assertThat(failure(bytes).problem()).isEqualTo(Problem.NOT_A_LOG);
  }

  @Test
  void rejectsBackReferenceToUndefinedCacheEntry() {
    LogBytes b = log().run("3.15.1", TinyLogs.START, "s");
    b.b(4).newLatin1(1, "boom").i(0);
    b.b(4).ref(2).i(0);
    byte[] bytes = b.bytes();

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.NOT_A_LOG);
    assertThat(e.getMessage()).contains("string cache reference -2", "entries 1 to 1");
  }

  @Test
  void rejectsNewCacheEntryOutOfSequence() {
    byte[] bytes = log().run("3.15.1", TinyLogs.START, "s").b(4).newLatin1(5, "boom").i(0).bytes();

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.NOT_A_LOG);
    assertThat(e.getMessage()).contains("entry 5", "must be 1");
  }

  @Test
  void rejectsCacheIndexZero() {
    byte[] bytes = log().run("3.15.1", TinyLogs.START, "s").b(4).i(0).i(0).bytes();

    assertThat(failure(bytes).problem()).isEqualTo(Problem.NOT_A_LOG);
  }

  @Test
  void rejectsUnknownStringCoder() {
    byte[] bytes = log().run("3.15.1", TinyLogs.START, "s").b(4).i(1).i(1).b('x').b(7).i(0).bytes();

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.NOT_A_LOG);
    assertThat(e.getMessage()).contains("string coder 7");
  }

  @Test
  void rejectsScenarioIndexTheRunDoesNotDeclare() {
    byte[] bytes = log().run("3.15.1", TinyLogs.START, "s").user(1, true, 0).bytes();

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.NOT_A_LOG);
    assertThat(e.getMessage()).contains("scenario index 1", "declares 1 scenario");
  }

  @Test
  void rejectsBooleanOtherThanZeroOrOne() {
    byte[] bytes = log().run("3.15.1", TinyLogs.START, "s").b(2).i(0).b(2).i(0).bytes();

    assertThat(failure(bytes).problem()).isEqualTo(Problem.NOT_A_LOG);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 4711})
  void rejectsRandomBytesAsNotALog(long seed) {
    byte[] bytes = new byte[4096];
    new Random(seed).nextBytes(bytes);
    bytes[0] = 0; // even past a plausible first byte

    assertThat(failure(bytes).problem()).isEqualTo(Problem.NOT_A_LOG);
  }

  @Test
  void rejectsHtmlFileAsNotALog() {
    byte[] bytes = "<!DOCTYPE html><html></html>".getBytes(StandardCharsets.US_ASCII);

    SimulationLogException e = failure(bytes);

    assertThat(e.problem()).isEqualTo(Problem.NOT_A_LOG);
    assertThat(e.getMessage()).contains("starts with a Run record (byte 0), this one with byte 60");
  }

  @Test
  void reportsEveryTruncationCleanlyNamingTheRecordAndOffset() {
    byte[] full = TinyLogs.everyRecordType();
    List<Long> recordEnds = recordEnds(full);
    for (int c = 0; c < full.length; c++) {
      int cut = c;
      byte[] bytes = Arrays.copyOf(full, cut);
      if (cut == 0) {
        assertThat(failure(bytes).problem()).isEqualTo(Problem.EMPTY);
      } else if (recordEnds.contains((long) cut)) {
        // A cut between records leaves a shorter, valid log: Gatling writes no end marker.
        assertThat(visit(bytes)).hasSize(recordEnds.indexOf((long) cut) + 1);
      } else {
        long recordStart = recordEnds.stream().filter(end -> end < cut).reduce(0L, Math::max);
        SimulationLogException e = failure(bytes);
        assertThat(e.problem()).as("cut at %d", cut).isEqualTo(Problem.TRUNCATED);
        assertThat(e.byteOffset()).as("cut at %d", cut).hasValue(recordStart);
        assertThat(e.getMessage())
            .as("cut at %d", cut)
            .contains("t.log: truncated at byte " + recordStart + " of " + cut + ", inside ");
      }
    }
  }

  @Test
  void visitsEveryCompleteRecordBeforeReportingTruncation() {
    byte[] full = TinyLogs.everyRecordType();
    byte[] bytes = Arrays.copyOf(full, full.length - 3); // cut inside the last User record
    TinyLogs.Transcript transcript = new TinyLogs.Transcript();

    try (SimulationLogReader reader =
        SimulationLogReader.of(new ByteArrayInputStream(bytes), "t.log")) {
      assertThatThrownBy(() -> reader.readAll(transcript))
          .isInstanceOf(SimulationLogException.class)
          .hasMessageContaining("inside a User record (record #11")
          .hasMessageContaining("the 10 records before it are complete");
    }
    assertThat(transcript.lines).isEqualTo(TinyLogs.everyRecordTypeVisits().subList(0, 10));
  }

  @Test
  void namesTheFileAndItsSizeWhenTruncated() throws IOException {
    byte[] full = TinyLogs.everyRecordType();
    Path log = Files.write(dir.resolve("simulation.log"), Arrays.copyOf(full, 30));

    assertThatThrownBy(
            () -> {
              try (SimulationLogReader reader = SimulationLogReader.open(log)) {
                reader.readAll(new LogRecordVisitor() {});
              }
            })
        .isInstanceOf(SimulationLogException.class)
        .hasMessageStartingWith(log + ": truncated at byte 0 of 30, inside the Run record");
  }

  @Test
  void rejectsMissingRunFolder() {
    Path missing = dir.resolve("nope");

    SimulationLogException e =
        catchThrowableOfType(SimulationLogException.class, () -> SimulationLogReader.open(missing));

    assertThat(e.problem()).isEqualTo(Problem.MISSING);
    assertThat(e.getMessage()).contains(missing.toString(), "does not exist");
  }

  @Test
  void rejectsEmptyRunFolder() {
    SimulationLogException e =
        catchThrowableOfType(SimulationLogException.class, () -> SimulationLogReader.open(dir));

    assertThat(e.problem()).isEqualTo(Problem.EMPTY);
    assertThat(e.getMessage()).contains(dir.toString(), "is empty");
  }

  @Test
  void rejectsRunFolderWithoutLogListingWhatItHolds() throws IOException {
    Files.writeString(dir.resolve("index.html"), "<html/>");
    Files.createDirectory(dir.resolve("js"));

    SimulationLogException e =
        catchThrowableOfType(SimulationLogException.class, () -> SimulationLogReader.open(dir));

    assertThat(e.problem()).isEqualTo(Problem.MISSING);
    assertThat(e.getMessage()).contains("has no simulation.log", "index.html, js/");
  }

  @Test
  void pointsAtRunFoldersWhenGivenTheResultsRoot() throws IOException {
    Path run = Files.createDirectory(dir.resolve("rampupsimulation-20261123192407295"));
    Files.write(run.resolve("simulation.log"), TinyLogs.everyRecordType());

    SimulationLogException e =
        catchThrowableOfType(SimulationLogException.class, () -> SimulationLogReader.open(dir));

    assertThat(e.problem()).isEqualTo(Problem.MISSING);
    assertThat(e.getMessage()).contains("rampupsimulation-20261123192407295", "Pass one of those");
  }

  @Test
  void rejectsEmptyLogFile() throws IOException {
    Path log = Files.write(dir.resolve("simulation.log"), new byte[0]);

    SimulationLogException e =
        catchThrowableOfType(SimulationLogException.class, () -> SimulationLogReader.open(dir));

    assertThat(e.problem()).isEqualTo(Problem.EMPTY);
    assertThat(e.getMessage()).contains(log.toString(), "is empty (0 bytes)");
  }

  @Test
  void readsLogsLargerThanItsBufferAcrossRefills() throws IOException {
    Path log = dir.resolve("simulation.log");
    String longMessage = "x".repeat(3 << 20); // longer than the 1 MiB read buffer
    try (SimulationLogWriter w =
        SimulationLogWriter.create(
            log,
            new RunInfo("3.15.1", "sim.Big", TinyLogs.START, "", List.of("s"), 0),
            List.of())) {
      for (int i = 0; i < 200_000; i++) {
        w.writeRequest(
            List.of("g"), "r" + (i % 7), i, i + 5, i % 100 != 0, i % 100 != 0 ? "" : "e" + i);
      }
      w.writeError(longMessage, 7);
    }
    long[] counts = new long[2];
    String[] last = new String[1];

    try (SimulationLogReader reader = SimulationLogReader.open(log)) {
      counts[0] =
          reader.readAll(
              new LogRecordVisitor() {
                @Override
                public void onRequest(
                    List<String> groupPath, String name, int s, int e, boolean ok, String message) {
                  counts[1] += e - s;
                }

                @Override
                public void onError(String message, int timestamp) {
                  last[0] = message;
                }
              });
      assertThat(reader.position()).isEqualTo(Files.size(log));
    }
    assertThat(counts).containsExactly(200_001, 5L * 200_000);
    assertThat(last[0]).isEqualTo(longMessage);
  }

  /** Offsets where each record of {@code log} ends, the Run record's first. */
  private static List<Long> recordEnds(byte[] log) {
    List<Long> ends = new ArrayList<>();
    try (SimulationLogReader reader =
        SimulationLogReader.of(new ByteArrayInputStream(log), "t.log")) {
      reader.run();
      ends.add(reader.position());
      while (reader.next(new LogRecordVisitor() {})) {
        ends.add(reader.position());
      }
    }
    return ends;
  }
}
