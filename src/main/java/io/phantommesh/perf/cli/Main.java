package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.InvalidSettingsException;
import io.phantommesh.perf.results.SimulationLogException;
import io.phantommesh.perf.run.GatlingHtmlReport;
import io.phantommesh.perf.run.PreLoadFailure;
import io.phantommesh.perf.run.ReportWarmUp;
import io.phantommesh.perf.run.TargetUnavailableException;
import io.phantommesh.perf.run.UnusableInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar target/phantom-mesh-perf.jar}: the post-processor and the standalone embedded
 * service. The only class that calls {@link System#exit}: it maps failures to {@link ExitCodes},
 * prints one line and a hint, and prints a stack trace only with {@code --verbose}.
 *
 * <p>Start-up is part of what a user waits for: when the first argument names a subcommand, only
 * that subcommand's model is built (picocli reflects over every command it is given), and {@code
 * report} starts warming the result JSON code up on a second core while the arguments and settings
 * are read ({@link io.phantommesh.perf.run.ReportWarmUp}). Before that, {@code report} moves to a
 * JVM tuned for a short batch job when it can ({@link TunedJvm}).
 */
@Command(
    name = "phantom-mesh-perf",
    mixinStandardHelpOptions = true,
    version = "phantom-mesh-perf 0.1.0 (reads run folders of Gatling 3.14.x, 3.15.x, 3.16.0)",
    description =
        "PhantomMesh VPN performance suite: report on Gatling runs, compare them with a baseline, index them, serve the reference VPN core.",
    footer = {"", ExitCodes.HELP})
public final class Main {
  @Option(
      names = "--verbose",
      description = "Print stack traces of failures.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  /** The subcommands' names, as their {@code @Command} annotations give them, in help order. */
  static final List<String> SUBCOMMANDS = List.of("report", "serve", "compare", "index");

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("report")) {
      Optional<Integer> tuned =
          TunedJvm.command(args, TunedJvm.Self.current())
              .flatMap(command -> TunedJvm.run(command, List.of(args).contains("--verbose")));
      if (tuned.isPresent()) {
        System.exit(tuned.get());
      }
      ReportWarmUp.start();
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code, printing to the given streams. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    List<String> only =
        args.length > 0 && SUBCOMMANDS.contains(args[0]) ? List.of(args[0]) : SUBCOMMANDS;
    return commandLine(out, err, only).execute(args);
  }

  /** The configured command line with every subcommand (for tests). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, SUBCOMMANDS);
  }

  private static Object newSubcommand(String name) {
    return switch (name) {
      case "report" -> new ReportCommand();
      case "serve" -> new ServeCommand();
      case "compare" -> new CompareCommand();
      case "index" -> new IndexCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<String> names) {
    CommandLine cli = new CommandLine(new Main());
    for (String name : names) {
      cli.addSubcommand(name, newSubcommand(name));
    }
    cli.setOut(out).setErr(err);
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    cli.getSubcommands()
        .values()
        .forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          boolean verbose =
              parseResult.matchedOption("--verbose") != null || hasVerbose(parseResult);
          int code = codeOf(e);
          commandLine.getErr().println("phantom-mesh-perf: " + oneLine(e));
          String hint = hintOf(e);
          if (!hint.isEmpty()) {
            commandLine.getErr().println("hint: " + hint);
          }
          if (verbose) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return code;
        });
    return cli;
  }

  private static boolean hasVerbose(CommandLine.ParseResult r) {
    for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
      if (p.matchedOption("--verbose") != null) {
        return true;
      }
    }
    return false;
  }

  static int codeOf(Exception e) {
    if (e instanceof SimulationLogException) {
      return ExitCodes.UNUSABLE_INPUT;
    }
    if (PreLoadFailure.exitCodeOf(e).isPresent()) {
      return PreLoadFailure.exitCodeOf(e).get();
    }
    if (e instanceof UnusableInputException) {
      return ExitCodes.UNUSABLE_INPUT;
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage();
    if (e instanceof InvalidSettingsException) {
      return m;
    }
    return m == null ? e.getClass().getName() : m;
  }

  private static String hintOf(Exception e) {
    if (e instanceof SimulationLogException s) {
      return switch (s.problem()) {
        case MISSING, EMPTY ->
            "pass a Gatling run folder such as target/gatling/<simulation>-<timestamp>";
        case TRUNCATED ->
            "the run crashed or is still running; --allow-partial reports the complete records";
        case WRONG_VERSION ->
            "re-run the simulation with this suite's Gatling version, or use a matching suite release";
        case NOT_A_LOG -> "the folder is not a Gatling run folder";
        case IO -> "check the file's permissions and the disk";
      };
    }
    if (PreLoadFailure.exitCodeOf(e).isPresent()) {
      return PreLoadFailure.hintOf(e);
    }
    if (e instanceof UnusableInputException) {
      return "";
    }
    if (e instanceof GatlingHtmlReport.UnavailableException) {
      return "pass --project-dir <checkout> or --gatling-classpath <cp>, or --no-gatling-html to go without";
    }
    return e instanceof RuntimeException && !(e instanceof TargetUnavailableException)
        ? "re-run with --verbose for the stack trace"
        : "";
  }
}
