package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.document.BaselineComparator;
import io.phantommesh.perf.document.BaselineComparison;
import io.phantommesh.perf.files.AtomicFiles;
import io.phantommesh.perf.report.ComparisonRenderer;
import io.phantommesh.perf.run.PostProcessor;
import io.phantommesh.perf.run.ResultStore;
import io.phantommesh.perf.run.Results;
import io.phantommesh.perf.run.RunIndex;
import io.phantommesh.perf.run.UnusableInputException;
import io.phantommesh.perf.verdict.Tier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compare <run> --baseline <result> | --baseline-last-pass}: sets a run's result against a
 * baseline's, figure by figure (mean, P50, P99, P99.9, error rate, peak req/s), with the tolerances
 * of {@code phantom.compare}, and exits with the regression verdict: 0 no regression, 10 worse
 * within tolerance (the soft band), 11 a regression beyond tolerance, 2 unusable input.
 *
 * <p>Results are never overwritten, so the comparison goes into new files beside the run's result:
 * {@code <run>/compare-<baseline-run-id>.json} and {@code .md} ({@code -2}, {@code -3}… when a
 * comparison with that baseline exists already), each published atomically (a hard link of a
 * finished temporary file, which fails rather than replace). Then the reports folder's index.html
 * is rewritten so it links them.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a run's result with a baseline run's: per-figure deltas and a regression verdict.",
      "Writes <run>/compare-<baseline-run-id>.json and .md beside the run's result (new files"
          + " only)."
    },
    footer = {
      "",
      "Exit codes: 0 no regression, 10 worse within tolerance (soft band), 11 regression beyond"
          + " tolerance, 2 unusable input, 3 invalid settings, 64 usage error, 1 internal error."
    })
public final class CompareCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "RUN",
      description = "The run's result folder (reports/<run-id>) or its result.json.")
  Path run;

  /** Exactly one baseline: picocli names the missing or second one (exit 64) before the run. */
  @ArgGroup(exclusive = true, multiplicity = "1")
  BaselineChoice baselineChoice;

  /** {@code --baseline <result>} or {@code --baseline-last-pass}. */
  static final class BaselineChoice {
    @Option(
        names = "--baseline",
        paramLabel = "RESULT",
        description = "The baseline's result.json or result folder.")
    Path baseline;

    @Option(
        names = "--baseline-last-pass",
        description =
            "The newest PASS result of the same test_name in the reports folder, the run itself"
                + " left out.")
    boolean lastPass;
  }

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description =
          "Reports folder searched by --baseline-last-pass (default: the run's parent folder).")
  Path reports;

  @Option(names = "--no-write", description = "Print the comparison only; write no file.")
  boolean noWrite;

  @Option(names = "--no-index", description = "Do not rewrite the reports folder's index.html.")
  boolean noIndex;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the files written and the verdict.")
  boolean quiet;

  @Spec CommandSpec spec;

  private final Supplier<PerfSettings> settings;

  public CompareCommand() {
    this(SettingsLoader::load);
  }

  /** For tests: settings from elsewhere than the environment. */
  public CompareCommand(Supplier<PerfSettings> settings) {
    this.settings = settings;
  }

  @Override
  public Integer call() {
    Path baseline = baselineChoice.baseline;
    PerfSettings s = settings.get();
    Results.Found current = Results.read(run);
    Path reportsDir = reports != null ? reports : current.folder().getParent();
    Results.Found base;
    if (baseline != null) {
      base = Results.read(baseline);
    } else {
      base =
          Results.lastPass(reportsDir, current.document().testName(), current.folder())
              .orElseThrow(
                  () ->
                      new UnusableInputException(
                          "no PASS result of test_name '"
                              + current.document().testName()
                              + "' in "
                              + reportsDir
                              + " other than "
                              + current.folder().getFileName()
                              + ": nothing to compare with. Pass --baseline <result.json>."));
    }
    BaselineComparison comparison =
        BaselineComparator.compare(
            current.document(),
            PostProcessor.RESULT_JSON,
            base.document(),
            relative(current.folder(), base.file()),
            s.compare());

    PrintWriter out = spec.commandLine().getOut();
    if (!quiet) {
      out.print(ComparisonRenderer.markdown(comparison));
    }
    if (!noWrite) {
      String stem =
          "compare-"
              + safe(
                  base.document().runId() != null
                      ? base.document().runId()
                      : base.folder().getFileName().toString());
      List<Path> written =
          publishNew(
              current.folder(),
              stem,
              List.of(
                  new Content(".json", ComparisonRenderer.json(comparison)),
                  new Content(".md", ComparisonRenderer.markdown(comparison))));
      written.forEach(p -> out.println("written: " + p));
      if (!noIndex && reportsDir.equals(current.folder().getParent())) {
        try {
          out.println("written: " + RunIndex.write(reportsDir, Clock.systemUTC()).page());
        } catch (RuntimeException e) {
          out.println("note: reports index not updated: " + e.getMessage());
        }
      }
    }
    out.println(
        "regression verdict: "
            + comparison.verdict()
            + " ("
            + describe(comparison.verdict())
            + ")");
    out.flush();
    return ExitCodes.of(comparison.verdict());
  }

  private static String describe(Tier tier) {
    return switch (tier) {
      case PASS -> "no regression";
      case WARNING -> "worse, within tolerance";
      case CRITICAL -> "regression beyond tolerance";
    };
  }

  private static String relative(Path folder, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      return folder.relativize(abs).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return abs.toString();
    }
  }

  /** A run id as a file name part: anything but letters, digits, '.', '_' and '-' becomes '_'. */
  static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
  }

  /** One file to publish: its extension and text. */
  record Content(String extension, String text) {}

  /**
   * Publishes the contents as {@code <stem><ext>} in {@code folder}, or {@code <stem>-2<ext>}… when
   * any of them exists: all under one free stem, never replacing a file.
   */
  static List<Path> publishNew(Path folder, String stem, List<Content> contents) {
    return ResultStore.publishBeside(
        folder,
        stem,
        contents.stream().map(Content::extension).toList(),
        contents.stream().map(c -> AtomicFiles.Content.text(c.text())).toList());
  }
}
