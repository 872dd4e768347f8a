package io.phantommesh.perf.results;

import static io.phantommesh.perf.results.LogBytes.log;

import java.util.ArrayList;
import java.util.List;

/** Small hand-built logs shared by the reader, writer and aggregator tests. */
final class TinyLogs {

  /** 2023-11-14T22:13:20.000Z: a whole second, so offsets read as wall-clock milliseconds. */
  static final long START = 1_700_000_000_000L;

  /** The three opaque bytes standing in for a pickled assertion. */
  static final byte[] ASSERTION = {0x0A, 0x0B, 0x0C};

  static final String KO_MESSAGE = "status.find.is(200), found 500";
  static final String CRASH = "crash: No attribute named 'missing' is defined ";

  private TinyLogs() {}

  /**
   * Every record type, nested groups, Latin-1 and UTF-16 strings, new and back-referenced cache
   * entries, empty strings. String cache: 1 outer, 2 inner, 3 "🔒 login", 4 "", 5 KO_MESSAGE, 6
   * "Zürich", 7 CRASH.
   */
  static byte[] everyRecordType() {
    LogBytes b = log();
    // Run: version, class, start, description, 2 scenarios, 1 assertion of 3 bytes
    b.b(0).latin1("3.15.1").latin1("io.example.VpnSimulation").l(START).utf16("nuit 🌙");
    b.i(2).latin1("Zürich users").utf16("東京 users");
    b.i(1).i(3).raw(ASSERTION);
    b.user(0, true, 0);
    b.user(1, true, 2);
    // Request outer/inner/"🔒 login": 10 -> 35 ms, OK, no message
    b.b(1).i(2).newLatin1(1, "outer").newLatin1(2, "inner").newUtf16(3, "🔒 login");
    b.i(10).i(35).bool(true).newLatin1(4, "");
    // Request outer/inner/"🔒 login" again: 40 -> 90 ms, KO
    b.b(1).i(2).ref(1).ref(2).ref(3).i(40).i(90).bool(false).newLatin1(5, KO_MESSAGE);
    // Group outer/inner: 5 -> 95 ms, cumulated 25 + 50 = 75 ms, KO
    b.b(3).i(2).ref(1).ref(2).i(5).i(95).i(75).bool(false);
    // Group outer: 5 -> 100 ms, cumulated 75 ms, KO
    b.b(3).i(1).ref(1).i(5).i(100).i(75).bool(false);
    // Request top-level "Zürich": 1200 -> 1210 ms, OK
    b.b(1).i(0).newLatin1(6, "Zürich").i(1200).i(1210).bool(true).ref(4);
    // Error at 1300 ms
    b.b(4).newLatin1(7, CRASH).i(1300);
    b.user(0, false, 1400);
    b.user(1, false, 1401);
    return b.bytes();
  }

  /** The records of {@link #everyRecordType()}, in the visitor's words. */
  static List<String> everyRecordTypeVisits() {
    return List.of(
        "run 3.15.1 io.example.VpnSimulation 1700000000000 [nuit 🌙] [Zürich users, 東京 users] 1",
        "user 0 Zürich users start 0",
        "user 1 東京 users start 2",
        "request [outer, inner] 🔒 login 10 35 OK []",
        "request [outer, inner] 🔒 login 40 90 KO [" + KO_MESSAGE + "]",
        "group [outer, inner] 5 95 75 KO",
        "group [outer] 5 100 75 KO",
        "request [] Zürich 1200 1210 OK []",
        "error [" + CRASH + "] 1300",
        "user 0 Zürich users end 1400",
        "user 1 東京 users end 1401");
  }

  /** The Run record of {@link #everyRecordType()}. */
  static RunInfo everyRecordTypeRun() {
    return new RunInfo(
        "3.15.1",
        "io.example.VpnSimulation",
        START,
        "nuit 🌙",
        List.of("Zürich users", "東京 users"),
        1);
  }

  /** Writes {@link #everyRecordType()}'s records through {@link SimulationLogWriter}. */
  static void writeEveryRecordType(SimulationLogWriter w) {
    List<String> inner = List.of("outer", "inner");
    w.writeUser(0, true, 0);
    w.writeUser(1, true, 2);
    w.writeRequest(inner, "🔒 login", 10, 35, true, "");
    w.writeRequest(inner, "🔒 login", 40, 90, false, KO_MESSAGE);
    w.writeGroup(inner, 5, 95, 75, false);
    w.writeGroup(List.of("outer"), 5, 100, 75, false);
    w.writeRequest(List.of(), "Zürich", 1200, 1210, true, "");
    w.writeError(CRASH, 1300);
    w.writeUser(0, false, 1400);
    w.writeUser(1, false, 1401);
  }

  /** Describes each visited record in one line, as {@link #everyRecordTypeVisits()} does. */
  static final class Transcript implements LogRecordVisitor {
    final List<String> lines = new ArrayList<>();

    @Override
    public void onRun(RunInfo run) {
      lines.add(
          "run "
              + run.gatlingVersion()
              + " "
              + run.simulationClass()
              + " "
              + run.startEpochMillis()
              + " ["
              + run.runDescription()
              + "] "
              + run.scenarios()
              + " "
              + run.assertionCount());
    }

    @Override
    public void onUser(int scenarioIndex, String scenario, boolean isStart, int timestamp) {
      lines.add(
          "user "
              + scenarioIndex
              + " "
              + scenario
              + " "
              + (isStart ? "start" : "end")
              + " "
              + timestamp);
    }

    @Override
    public void onRequest(
        List<String> groupPath, String name, int start, int end, boolean isOk, String message) {
      lines.add(
          "request "
              + groupPath
              + " "
              + name
              + " "
              + start
              + " "
              + end
              + " "
              + (isOk ? "OK" : "KO")
              + " ["
              + message
              + "]");
    }

    @Override
    public void onGroup(List<String> groupPath, int start, int end, int cumulated, boolean isOk) {
      lines.add(
          "group "
              + groupPath
              + " "
              + start
              + " "
              + end
              + " "
              + cumulated
              + " "
              + (isOk ? "OK" : "KO"));
    }

    @Override
    public void onError(String message, int timestamp) {
      lines.add("error [" + message + "] " + timestamp);
    }
  }
}
