package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code report <run-folder>…}: turns Gatling run folders into result.json, report.md and
 * junit.xml. Several folders are the injectors of one distributed run and are merged into one
 * result. The exit code is the overall verdict.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Turn Gatling run folders (target/gatling/<run-id>) into <out>/<run-id>/result.json, report.md and junit.xml.",
      "Several folders are the injectors of one distributed run: they are merged into one result."
    },
    footer = {"", ExitCodes.HELP})
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RUN_FOLDER", description = "Gatling run folder(s) holding simulation.log.")
  List<Path> runFolders;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Folder receiving <run-id>/ (default: phantom.report.output-dir, reports).")
  Path out;

  @Option(names = "--run-id", paramLabel = "NAME", description = "Name of the result folder (default: the run folder's name, merged-<first> for several).")
  String runId;

  @Option(names = "--profile", paramLabel = "NAME", description = "Load model whose thresholds apply, e.g. ramp-up (default: from the run).")
  String profile;

  @Option(names = "--allow-partial", description = "Report the complete records of a truncated log, marked partial, instead of failing.")
  boolean allowPartial;

  @Option(names = {"-q", "--quiet"}, description = "Print only the result folder, not the verdict table.")
  boolean quiet;

  @Spec CommandSpec spec;

  private final Supplier<PerfSettings> settings;

  public ReportCommand() {
    this(SettingsLoader::load);
  }

  /** For tests: settings from elsewhere than the environment. */
  public ReportCommand(Supplier<PerfSettings> settings) {
    this.settings = settings;
  }

  @Override
  public Integer call() {
    PerfSettings s = settings.get();
    PostProcessor.Options options =
        new PostProcessor.Options(
            out != null ? out : s.report().outputDir(),
            Optional.ofNullable(runId),
            Optional.ofNullable(profile),
            allowPartial);
    PostProcessor.Outcome outcome = new PostProcessor(s, ModelAnalyses.all()).process(runFolders, options);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(quiet ? outcome.outputDir().toString() : outcome.consoleSummary());
    stdout.flush();
    return ExitCodes.of(outcome.document().verdict());
  }
}
