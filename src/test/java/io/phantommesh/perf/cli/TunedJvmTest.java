package io.phantommesh.perf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phantommesh.perf.testsupport.Processes;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When {@code report} moves to a tuned JVM, with what command, and that it reports the same. */
class TunedJvmTest {
  private static final Path JAVA = Path.of("/jdk/bin/java");
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/gatling-3.16.0");

  private static TunedJvm.Self self(List<String> commandLine, String classPath) {
    return new TunedJvm.Self(JAVA, commandLine, classPath, null, Map.of());
  }

  @Test
  void reportMovesWithTheHeapOptionAndC1(@TempDir Path dir) {
    String[] args = {"report", "some/run", "--quiet"};
    List<String> command =
        TunedJvm.command(
                args, self(List.of("-Xmx256m", "-Dx=y", "-jar", "p.jar", "report"), "p.jar"))
            .orElseThrow();
    assertEquals(
        List.of(
            JAVA.toString(),
            "-Xmx256m",
            "-Dx=y",
            "-XX:TieredStopAtLevel=1",
            "-D" + TunedJvm.PROPERTY + "=true",
            "-cp",
            "p.jar",
            Main.class.getName(),
            "report",
            "some/run",
            "--quiet"),
        command);
  }

  @Test
  void theArchiveBesideTheJarIsUsedByItsAbsolutePath(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("tool.jar"));
    Path archive = Files.createFile(dir.resolve("tool.jsa"));
    List<String> command =
        TunedJvm.command(
                new String[] {"report", "r"}, self(List.of("-jar", jar.toString()), jar.toString()))
            .orElseThrow();
    assertTrue(
        command.contains("-XX:SharedArchiveFile=" + archive.toAbsolutePath()), command::toString);
    assertTrue(command.contains("-Xlog:cds+dynamic=off"), command::toString);
    assertEquals(jar.toAbsolutePath().toString(), command.get(command.indexOf("-cp") + 1));
    Files.delete(archive);
    assertFalse(
        String.join(
                " ",
                TunedJvm.command(
                        new String[] {"report", "r"},
                        self(List.of("-jar", jar.toString()), jar.toString()))
                    .orElseThrow())
            .contains("SharedArchiveFile"));
  }

  @Test
  void optionsItCannotPassOnKeepTheCommandHere() {
    for (String option :
        List.of(
            "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
            "-javaagent:a.jar",
            "-XX:TieredStopAtLevel=4",
            "-XX:+UnlockDiagnosticVMOptions",
            "-Xint",
            "@argfile")) {
      assertEquals(
          Optional.empty(),
          TunedJvm.command(
              new String[] {"report", "r"}, self(List.of(option, "-jar", "p.jar"), "p.jar")),
          option);
    }
    assertEquals(
        Optional.of(List.of("-Xms64m", "-XX:+UseSerialGC")),
        TunedJvm.jvmOptions(
            List.of("-Xms64m", "-cp", "a:b", "-XX:+UseSerialGC", "x.Main", "-Xint")));
    assertEquals(Optional.empty(), TunedJvm.jvmOptions(List.of()), "unknown command line");
  }

  @Test
  void otherCommandsTheChildAndAnOptOutStayHere() {
    List<String> line = List.of("-jar", "p.jar");
    assertEquals(Optional.empty(), TunedJvm.command(new String[] {"serve"}, self(line, "p.jar")));
    assertEquals(Optional.empty(), TunedJvm.command(new String[] {}, self(line, "p.jar")));
    for (String value : List.of("true", "false")) {
      assertEquals(
          Optional.empty(),
          TunedJvm.command(
              new String[] {"report", "r"},
              new TunedJvm.Self(JAVA, line, "p.jar", value, Map.of())),
          value);
    }
    for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
      assertEquals(
          Optional.empty(),
          TunedJvm.command(
              new String[] {"report", "r"},
              new TunedJvm.Self(JAVA, line, "p.jar", null, Map.of(variable, "-Xss2m"))),
          variable);
    }
  }

  @Test
  void aLogOverTheLimitKeepsC2(@TempDir Path dir) throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    try (RandomAccessFile log =
        new RandomAccessFile(run.resolve("simulation.log").toFile(), "rw")) {
      log.setLength(TunedJvm.C1_LOG_LIMIT + 1); // sparse: no disk space
    }
    String[] args = {"report", run.toString(), "--out", dir.toString()};
    assertEquals(TunedJvm.C1_LOG_LIMIT + 1, TunedJvm.logBytes(args));
    assertFalse(
        TunedJvm.command(args, self(List.of("-jar", "p.jar"), "p.jar"))
            .orElseThrow()
            .contains("-XX:TieredStopAtLevel=1"));
  }

  /** A real relaunch: the same files and exit code as in one JVM, and the child was another JVM. */
  @Test
  void theTunedJvmReportsExactlyWhatOneJvmDoes(@TempDir Path dir) throws IOException {
    Processes.Result one = report(dir.resolve("one"), "-D" + TunedJvm.PROPERTY + "=false");
    Processes.Result tuned = report(dir.resolve("tuned"), "-Xss2m");
    assertEquals(ExitCodes.CRITICAL, one.exitCode(), one.output());
    assertEquals(one.exitCode(), tuned.exitCode(), tuned.output());
    assertFalse(one.output().contains("runs in a tuned JVM"), one.output());
    assertTrue(
        tuned
            .output()
            .matches(
                "(?s).*report runs in a tuned JVM, pid \\d+: -Xmx256m -Xss2m -XX:TieredStopAtLevel=1 .*"),
        tuned.output());
    Path a = dir.resolve("one/gatling-3.16.0");
    Path b = dir.resolve("tuned/gatling-3.16.0");
    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(a)) {
      s.filter(Files::isRegularFile).forEach(f -> files.add(f.getFileName().toString()));
    }
    assertTrue(files.contains("result.json"), files::toString);
    for (String f : files) {
      assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
    }
  }

  private static Processes.Result report(Path out, String option) {
    return Processes.run(
        Path.of("").toAbsolutePath(),
        Map.of("JDK_JAVA_OPTIONS", "", "JAVA_TOOL_OPTIONS", ""),
        Duration.ofSeconds(120),
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            option,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "report",
            FIXTURE.toString(),
            "--out",
            out.toString(),
            "--no-gatling-html",
            "--no-index",
            "--verbose"));
  }
}
