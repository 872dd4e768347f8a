package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.run.GatlingHtmlReport;
import io.phantommesh.perf.run.ModelAnalyses;
import io.phantommesh.perf.run.PostProcessor;
import io.phantommesh.perf.run.ReportWarmUp;
import io.phantommesh.perf.run.Results;
import io.phantommesh.perf.run.RunInputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report <run-folder>…}: turns Gatling run folders into result.json, report.md and
 * junit.xml. Several folders are the injectors of one distributed run and are merged into one
 * result, one simulation.log and one Gatling HTML report. With {@code --baseline} or {@code
 * --baseline-last-pass} the run is also compared with a baseline. The exit code is the overall
 * verdict, regression verdicts included.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Turn Gatling run folders (target/gatling/<run-id>) into <out>/<run-id>/result.json, report.md and junit.xml.",
      "Several folders are the injectors of one distributed run: they are merged into one result, one",
      "simulation.log and one Gatling HTML report (<out>/<run-id>/gatling/). Then <out>/index.html is rewritten."
    },
    footer = {"", ExitCodes.HELP})
public final class ReportCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "RUN_FOLDER",
      description = "Gatling run folder(s) holding simulation.log.")
  List<Path> runFolders;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description = "Folder receiving <run-id>/ (default: phantom.report.output-dir, reports).")
  Path out;

  @Option(
      names = "--run-id",
      paramLabel = "NAME",
      description =
          "Name of the result folder (default: the run folder's name, merged-<first> for several).")
  String runId;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Load model whose thresholds apply, e.g. ramp-up (default: from the run).")
  String profile;

  @Option(
      names = "--allow-partial",
      description =
          "Report the complete records of a truncated log, marked partial, instead of failing.")
  boolean allowPartial;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the result folder, not the verdict table.")
  boolean quiet;

  @Option(
      names = "--gatling-html",
      negatable = true,
      description = {
        "Several run folders: render Gatling's HTML report of the merged simulation.log into <run-id>/gatling/.",
        "Default: when Gatling can be found (this JVM's class path, --gatling-classpath, or Maven in --project-dir), else a note.",
        "--gatling-html: render or fail; --no-gatling-html: never."
      })
  Boolean gatlingHtml;

  @Option(
      names = "--gatling-classpath",
      paramLabel = "CP|@FILE",
      description = "Gatling's class path (or a file holding it) for the HTML report.")
  String gatlingClasspath;

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description =
          "Maven project whose test class path holds Gatling (default: the current directory).")
  Path projectDir;

  @Option(
      names = "--maven-arg",
      paramLabel = "ARG",
      description =
          "Extra Maven argument when asking Maven for Gatling's class path, repeatable, e.g. --maven-arg=--offline.")
  List<String> mavenArgs;

  /** At most one baseline: picocli rejects both together (exit 64) before the command runs. */
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  BaselineChoice baselineChoice;

  /** {@code --baseline <result>} or {@code --baseline-last-pass}. */
  static final class BaselineChoice {
    @Option(
        names = "--baseline",
        paramLabel = "RESULT",
        description =
            "Compare with this baseline result (result.json or its folder): regression verdicts join the run's.")
    Path baseline;

    @Option(
        names = "--baseline-last-pass",
        description = "Compare with the newest PASS result of the same model in the output folder.")
    boolean lastPass;
  }

  @Option(names = "--no-index", description = "Do not rewrite <out>/index.html after the result.")
  boolean noIndex;

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
    Path baseline = baselineChoice == null ? null : baselineChoice.baseline;
    boolean baselineLastPass = baselineChoice != null && baselineChoice.lastPass;
    // The logs are decoded on a second core while the settings are read on this one.
    RunInputs.Pending inputs = RunInputs.start(runFolders, allowPartial);
    PerfSettings s = settings.get();
    // Jackson is ready (or being readied by the thread Main started): let it finish first.
    ReportWarmUp.await();
    PostProcessor.Options options =
        new PostProcessor.Options(
            out != null ? out : s.report().outputDir(),
            Optional.ofNullable(runId),
            Optional.ofNullable(profile),
            allowPartial);
    GatlingHtmlReport.Mode mode =
        gatlingHtml == null
            ? GatlingHtmlReport.Mode.AUTO
            : gatlingHtml ? GatlingHtmlReport.Mode.ON : GatlingHtmlReport.Mode.OFF;
    PostProcessor processor =
        new PostProcessor(s, ModelAnalyses.all())
            .withGatlingHtml(
                new GatlingHtmlReport(
                    mode,
                    Optional.ofNullable(gatlingClasspath),
                    projectDir != null ? projectDir : Path.of(""),
                    mavenArgs == null ? List.of() : mavenArgs))
            .withIndex(!noIndex);
    if (baseline != null) {
      Results.Found found = Results.read(baseline);
      processor =
          processor.withBaseline(new PostProcessor.Baseline(found.document(), found.file()));
    } else if (baselineLastPass) {
      processor = processor.withLastPassBaseline();
    }
    PostProcessor.Outcome outcome = processor.process(inputs.get(), options);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(quiet ? outcome.outputDir().toString() : outcome.consoleSummary());
    stdout.flush();
    if (quiet && !outcome.notes().isEmpty()) {
      PrintWriter stderr = spec.commandLine().getErr();
      outcome.notes().forEach(n -> stderr.println("note: " + n));
      stderr.flush();
    }
    return ExitCodes.of(outcome.document().verdict());
  }
}
