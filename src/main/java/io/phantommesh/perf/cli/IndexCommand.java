package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.run.RunIndex;
import io.phantommesh.perf.run.UnusableInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code index [--reports DIR]}: rewrites {@code <reports>/index.html}, the reviewers' page of
 * every run ({@link RunIndex}). {@code report} and {@code compare} do the same after each result;
 * this command is for a reports folder put together by hand (e.g. from CI artifacts).
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Write <reports>/index.html: every run, newest first, with verdict, key figures, links and",
      "trend charts of P99 and peak req/s per model. Self-contained: works from file://."
    },
    footer = {"", "Exit codes: 0 written, 2 no such reports folder, 1 internal error."})
public final class IndexCommand implements Callable<Integer> {
  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "Reports folder (default: phantom.report.output-dir, reports).")
  Path reports;

  @Spec CommandSpec spec;

  private final Supplier<PerfSettings> settings;

  public IndexCommand() {
    this(SettingsLoader::load);
  }

  /** For tests: settings from elsewhere than the environment. */
  public IndexCommand(Supplier<PerfSettings> settings) {
    this.settings = settings;
  }

  @Override
  public Integer call() {
    Path dir = reports != null ? reports : settings.get().report().outputDir();
    if (!Files.isDirectory(dir)) {
      throw new UnusableInputException(
          "no reports folder " + dir + ": pass --reports <folder holding <run-id>/result.json>");
    }
    RunIndex.Outcome outcome = RunIndex.write(dir, Clock.systemUTC());
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "written: "
            + outcome.page()
            + " ("
            + outcome.runs()
            + (outcome.runs() == 1 ? " run" : " runs")
            + (outcome.skipped() == 0 ? "" : ", " + outcome.skipped() + " folder(s) skipped")
            + ")");
    out.flush();
    return ExitCodes.PASS;
  }
}
