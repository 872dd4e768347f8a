package io.phantommesh.perf.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@code report} in a second JVM started with the options that suit a short batch job: C1 only
 * ({@code -XX:TieredStopAtLevel=1}) and, beside a jar that has one, the class-data-sharing archive
 * {@code mvn package} writes ({@code phantom-mesh-perf.jsa}). A JVM cannot choose its own JIT or
 * archive once it runs, and on two cores the default JIT's C2 compiler takes about half of a short
 * report's CPU time (docs/results.md, "Whole command").
 *
 * <p>It stays in this JVM, unchanged, whenever the relaunch could change what the user asked for: a
 * JVM option other than heap, stack, system-property, RAM-share and collector choices (an agent, a
 * debugger, a JIT flag of their own); {@code JDK_JAVA_OPTIONS} or {@code JAVA_TOOL_OPTIONS} set
 * (the second JVM would get them again); {@code -Dphantom-mesh-perf.tuned-jvm=<anything>} (the
 * second JVM has it set, {@code false} is how a user asks for one JVM); or a start that fails. Logs
 * over 256 MiB in all keep C2: at 20 M requests (634 MB) its faster code paid for its compiling
 * (2.8 s in one JVM against 3.2 s with C1), at 5 M (159 MB) it did not (2.0 s against 1.7 s).
 *
 * <p>The second JVM gets this one's options, class path, arguments, environment, standard streams
 * and working folder; its exit code is this one's. When this JVM is stopped, it stops the second.
 * Stateless.
 */
final class TunedJvm {
  /** Set in the second JVM; set by a user (to {@code false}), it keeps the command in this one. */
  static final String PROPERTY = "phantom-mesh-perf.tuned-jvm";

  /** Logs up to this size in all are decoded with C1 only. */
  static final long C1_LOG_LIMIT = 256L << 20;

  private static final String ARCHIVE_SUFFIX = ".jsa";

  /**
   * JVM options passed on as they are: heap and stack sizes, properties, RAM shares, collectors.
   */
  private static final Pattern KEPT_OPTION =
      Pattern.compile(
          "-Xm[sx]\\d+[kKmMgG]?|-Xss\\d+[kKmMgG]?|-D[^=]+(=.*)?"
              + "|-XX:(Max|Min|Initial)RAMPercentage=[\\d.]+|-XX:[+-]Use(Serial|Parallel|G1)GC");

  private TunedJvm() {}

  /**
   * What this JVM knows of itself.
   *
   * @param javaBinary the {@code java} executable
   * @param commandLine this process's arguments after the executable ({@code /proc/self/cmdline}),
   *     empty when unknown
   * @param classPath {@code java.class.path}
   * @param property {@link #PROPERTY}'s value, null when unset
   * @param environment the environment
   */
  record Self(
      Path javaBinary,
      List<String> commandLine,
      String classPath,
      String property,
      Map<String, String> environment) {

    static Self current() {
      return new Self(
          Path.of(System.getProperty("java.home"), "bin", "java"),
          ownArguments(),
          System.getProperty("java.class.path", ""),
          System.getProperty(PROPERTY),
          System.getenv());
    }
  }

  /**
   * This process's arguments after the executable: from {@code /proc/self/cmdline} where there is
   * one ({@link ProcessHandle.Info#arguments()} gives none past 4 KiB, a long class path), else
   * from {@link ProcessHandle}; empty when unknown.
   */
  private static List<String> ownArguments() {
    Path proc = Path.of("/proc/self/cmdline");
    if (Files.isReadable(proc)) {
      try {
        String all = new String(Files.readAllBytes(proc), Charset.defaultCharset());
        List<String> argv = List.of(all.split("\0"));
        return argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
      } catch (IOException e) {
        return List.of();
      }
    }
    return ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
  }

  /**
   * The second JVM's command for these program arguments, or empty when this JVM runs them.
   *
   * @param args the program's arguments; only {@code report …} is relaunched
   */
  static Optional<List<String>> command(String[] args, Self self) {
    if (args.length == 0 || !args[0].equals("report") || self.property() != null) {
      return Optional.empty();
    }
    if (!isBlank(self.environment().get("JDK_JAVA_OPTIONS"))
        || !isBlank(self.environment().get("JAVA_TOOL_OPTIONS"))) {
      return Optional.empty();
    }
    Optional<List<String>> options = jvmOptions(self.commandLine());
    if (options.isEmpty() || self.classPath().isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(self.javaBinary().toString());
    command.addAll(options.get());
    if (logBytes(args) <= C1_LOG_LIMIT) {
      command.add("-XX:TieredStopAtLevel=1");
    }
    Optional<Path> archive = archiveOf(self.classPath());
    archive.ifPresent(
        a -> {
          command.add("-XX:SharedArchiveFile=" + a);
          // An archive of another build or JDK is not used; the JVM's warning is left out.
          command.add("-Xlog:cds=off");
          command.add("-Xlog:cds+dynamic=off");
        });
    command.add("-D" + PROPERTY + "=true");
    command.add("-cp");
    // One jar by its absolute path, as the archive records it.
    command.add(
        archive.isPresent()
            ? Path.of(self.classPath()).toAbsolutePath().toString()
            : self.classPath());
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return Optional.of(command);
  }

  /**
   * Runs the command with this JVM's streams and waits for it.
   *
   * @return its exit code, or empty when it could not start (this JVM then runs the command)
   */
  static Optional<Integer> run(List<String> command, boolean verbose) {
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    Thread stop = new Thread(() -> stop(child), "tuned-jvm-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    if (verbose) {
      System.err.println(
          "phantom-mesh-perf: report runs in a tuned JVM, pid "
              + child.pid()
              + ": "
              + String.join(" ", command.subList(1, command.indexOf(Main.class.getName()))));
    }
    while (true) {
      try {
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        return Optional.of(code);
      } catch (InterruptedException e) {
        // Only the child's end ends this JVM's wait; a stop reaches it through the hook.
      } catch (IllegalStateException e) {
        return Optional.of(ExitCodes.INTERNAL_ERROR); // shutting down already: the hook stops it
      }
    }
  }

  /** Stops the second JVM and gives it 10 s to run its own shutdown (temporary files go). */
  private static void stop(Process child) {
    child.destroy();
    try {
      child.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * This JVM's options from its command line, when every one of them can be passed on: those before
   * {@code -jar <jar>} or the main class, class-path options left out.
   */
  static Optional<List<String>> jvmOptions(List<String> commandLine) {
    List<String> options = new ArrayList<>();
    for (int i = 0; i < commandLine.size(); i++) {
      String a = commandLine.get(i);
      if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        i++;
      } else if (a.startsWith("@")) {
        return Optional.empty(); // an argument file: its options are not known here
      } else if (a.equals("-jar") || !a.startsWith("-")) {
        return Optional.of(options);
      } else if (KEPT_OPTION.matcher(a).matches()) {
        options.add(a);
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Bytes of {@code <arg>/simulation.log} over the arguments that are run folders. */
  static long logBytes(String[] args) {
    long total = 0;
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("-")) {
        continue;
      }
      try {
        Path log = Path.of(args[i]).resolve("simulation.log");
        if (Files.isRegularFile(log)) {
          total += Files.size(log);
        }
      } catch (IOException | RuntimeException e) {
        // Not a run folder: the command itself says what is wrong with it.
      }
    }
    return total;
  }

  /** {@code <name>.jsa} beside a class path that is one jar, when it exists. */
  static Optional<Path> archiveOf(String classPath) {
    if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
      return Optional.empty();
    }
    Path jar = Path.of(classPath).toAbsolutePath();
    String name = jar.getFileName().toString();
    Path archive =
        jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ARCHIVE_SUFFIX);
    return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
