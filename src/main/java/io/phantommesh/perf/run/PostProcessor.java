package io.phantommesh.perf.run;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.files.AtomicFiles.Content;
import io.phantommesh.perf.report.ConsoleVerdictTable;
import io.phantommesh.perf.report.HtmlReportRenderer;
import io.phantommesh.perf.report.JUnitXmlRenderer;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.report.MarkdownReportRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one Gatling run folder (or several: the injectors of one distributed run) into {@code
 * <output>/<run-id>/result.json}, {@code report.md}, {@code report.html} and {@code junit.xml}:
 * reads the folders ({@link RunInputs}), judges the run ({@link ReportPipeline}, pure), renders the
 * files ({@code report}) and publishes them in one step ({@link ResultStore}).
 *
 * <p>Several run folders also get one merged {@code simulation.log} in a Gatling run folder, {@code
 * <run-id>/gatling/<run-id>/}, and Gatling's own HTML report rendered from it ({@link
 * MergeStaging}, {@link GatlingHtmlReport}; its absence is a note, not a failure, unless asked
 * for). With a baseline the regression verdicts join the run's ({@link #withBaseline}). After each
 * result, {@code <output>/index.html} is rewritten ({@link RunIndex}); a failure there is a note,
 * since the result is already in place. A failed run leaves no partial result, and an existing
 * result folder is never overwritten (a second report of the same run gets {@code <run-id>-2}).
 */
public final class PostProcessor {
  /** The result document's file name. */
  public static final String RESULT_JSON = ResultStore.RESULT_JSON;

  /** The Markdown summary's file name. */
  public static final String REPORT_MD = ResultStore.REPORT_MD;

  /** The HTML page's file name. */
  public static final String REPORT_HTML = ResultStore.REPORT_HTML;

  /** The JUnit XML file's name. */
  public static final String JUNIT_XML = ResultStore.JUNIT_XML;

  private final PerfSettings settings;
  private final List<ModelAnalysis> analyses;
  private final GatlingHtmlReport html;
  private final boolean writeIndex;
  private final Optional<Baseline> baseline;
  private final boolean lastPassBaseline;

  /**
   * Renders a merged run's Gatling HTML report when Gatling can be found, updates the reports
   * folder's index.html after each result, compares with no baseline.
   *
   * @param settings thresholds per model
   * @param analyses model-specific analyses to run on every report
   */
  public PostProcessor(PerfSettings settings, List<ModelAnalysis> analyses) {
    this(settings, analyses, GatlingHtmlReport.auto(), true, Optional.empty(), false);
  }

  private PostProcessor(
      PerfSettings settings,
      List<ModelAnalysis> analyses,
      GatlingHtmlReport html,
      boolean writeIndex,
      Optional<Baseline> baseline,
      boolean lastPassBaseline) {
    this.settings = settings;
    this.analyses = List.copyOf(analyses);
    this.html = html;
    this.writeIndex = writeIndex;
    this.baseline = baseline;
    this.lastPassBaseline = lastPassBaseline;
  }

  /** This post-processor rendering merged runs' Gatling HTML reports as {@code html} says. */
  public PostProcessor withGatlingHtml(GatlingHtmlReport html) {
    return new PostProcessor(settings, analyses, html, writeIndex, baseline, lastPassBaseline);
  }

  /** This post-processor updating (or not) {@code <output>/index.html} after each result. */
  public PostProcessor withIndex(boolean write) {
    return new PostProcessor(settings, analyses, html, write, baseline, lastPassBaseline);
  }

  /**
   * This post-processor comparing every run with {@code baseline}: its regression verdicts join the
   * run's own (report.md, junit.xml, the exit code) and the comparison goes to {@code
   * extra.baseline_comparison}.
   */
  public PostProcessor withBaseline(Baseline baseline) {
    return new PostProcessor(settings, analyses, html, writeIndex, Optional.of(baseline), false);
  }

  /**
   * This post-processor comparing every run with the newest PASS result of the same load model in
   * the output folder ({@code --baseline-last-pass}); without one, the result says so in a note and
   * carries no comparison.
   */
  public PostProcessor withLastPassBaseline() {
    return new PostProcessor(settings, analyses, html, writeIndex, Optional.empty(), true);
  }

  /**
   * A baseline run's result.
   *
   * @param document its result.json
   * @param file where it was read
   */
  public record Baseline(ResultDocument document, Path file) {}

  /**
   * What to produce.
   *
   * @param outputRoot folder that receives {@code <run-id>/}
   * @param runId the result folder's name; empty: the run folder's name ({@code merged-…} for
   *     several)
   * @param profile the load model whose thresholds apply; empty: from the run's sidecar or class
   * @param allowPartial report the complete records of a truncated log, marked partial
   */
  public record Options(
      Path outputRoot, Optional<String> runId, Optional<String> profile, boolean allowPartial) {

    /** Defaults: into {@code outputRoot}, names and profile from the run. */
    public static Options into(Path outputRoot) {
      return new Options(outputRoot, Optional.empty(), Optional.empty(), false);
    }
  }

  /**
   * What was produced.
   *
   * @param outputDir the result folder
   * @param document the result document
   * @param written files written, result folder first (and the updated index.html last)
   * @param notes what the reader should know beyond the figures (e.g. why a merged run has no
   *     Gatling HTML report); one line each
   */
  public record Outcome(
      Path outputDir, ResultDocument document, List<Path> written, List<String> notes) {

    public Outcome {
      written = List.copyOf(written);
      notes = List.copyOf(notes);
    }

    public Outcome(Path outputDir, ResultDocument document, List<Path> written) {
      this(outputDir, document, written, List.of());
    }

    /** The console verdict table followed by the paths written and the notes. */
    public String consoleSummary() {
      String table =
          ConsoleVerdictTable.render(document, written.stream().map(Path::toString).toList());
      if (notes.isEmpty()) {
        return table;
      }
      StringBuilder sb = new StringBuilder(table);
      if (!table.endsWith("\n")) {
        sb.append('\n');
      }
      notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
      return sb.toString().stripTrailing();
    }
  }

  /**
   * Reports the given run folders as one run.
   *
   * @throws io.phantommesh.perf.results.SimulationLogException for a missing, empty, truncated,
   *     foreign or unreadable run folder; nothing is written then
   */
  public Outcome process(List<Path> runFolders, Options options) {
    return process(RunInputs.read(runFolders, options.allowPartial()), options);
  }

  /**
   * Reports run folders already read (e.g. decoded while the settings were read, {@link
   * RunInputs#start}) as one run; {@code options.allowPartial()} is the reading's business then.
   */
  public Outcome process(RunInputs inputs, Options options) {
    List<Path> runFolders = inputs.runFolders();
    ResultStore store = new ResultStore(options.outputRoot());
    String runId =
        options
            .runId()
            .orElseGet(
                () ->
                    (runFolders.size() == 1 ? "" : "merged-")
                        + runFolders.get(0).toAbsolutePath().normalize().getFileName());
    Path finalDir = store.plannedFolder(runId);
    List<String> notes = new ArrayList<>();
    Optional<Baseline> base = baseline(store, inputs, options, notes);
    Optional<MergeStaging.Staged> merged =
        runFolders.size() > 1
            ? Optional.of(MergeStaging.stage(store, runFolders, runId, html))
            : Optional.empty();
    try {
      Optional<String> gatlingReport =
          merged.isPresent()
              ? merged.get().htmlIndex()
              : Optional.of(
                  relativeLocation(
                      finalDir,
                      runFolders.get(0).toAbsolutePath().normalize().resolve("index.html")));
      merged
          .filter(m -> m.htmlIndex().isEmpty())
          .ifPresent(m -> notes.add("merged Gatling HTML report " + m.htmlNote()));
      ReportPipeline.Assembled result =
          ReportPipeline.assemble(
              inputs,
              settings,
              analyses,
              new ReportPipeline.Request(
                  finalDir.getFileName().toString(),
                  options.profile(),
                  gatlingReport,
                  merged.flatMap(MergeStaging.Staged::gatlingAssertions),
                  merged.map(MergeStaging.Staged::extra),
                  base.map(Baseline::document),
                  base.map(b -> relativeLocation(finalDir, b.file())).orElse(null)));
      notes.addAll(result.notes());
      ResultDocument doc = result.document();
      List<Path> written =
          new ArrayList<>(
              store.publish(
                  finalDir,
                  new ResultStore.Result(
                      renderings(doc),
                      result.files(),
                      merged.map(m -> List.of(m.gatlingDir())).orElse(List.of()))));
      if (writeIndex) {
        // The result is in place: an index failure is told, never thrown.
        try {
          written.add(RunIndex.write(store.root(), Clock.systemUTC()).page());
        } catch (RuntimeException e) {
          notes.add("reports index not updated: " + e.getMessage());
        }
      }
      return new Outcome(written.get(0), doc, written, notes);
    } finally {
      merged.ifPresent(MergeStaging.Staged::discard);
    }
  }

  /** The files of a result folder, rendered from its document. */
  static List<ResultStore.Named> renderings(ResultDocument doc) {
    return List.of(
        new ResultStore.Named(RESULT_JSON, out -> JsonResultWriter.write(doc, out)),
        new ResultStore.Named(REPORT_MD, Content.text(MarkdownReportRenderer.render(doc))),
        new ResultStore.Named(REPORT_HTML, Content.text(HtmlReportRenderer.render(doc))),
        new ResultStore.Named(JUNIT_XML, Content.text(JUnitXmlRenderer.render(doc))));
  }

  /** The baseline to compare with: the one given, or the last PASS of the model, or none. */
  private Optional<Baseline> baseline(
      ResultStore store, RunInputs inputs, Options options, List<String> notes) {
    if (!lastPassBaseline) {
      return baseline;
    }
    String profile = ReportPipeline.profileOf(inputs, options.profile());
    Optional<Baseline> last =
        Results.lastPass(store.root(), profile, null)
            .map(f -> new Baseline(f.document(), f.file()));
    if (last.isEmpty()) {
      notes.add(
          "no earlier PASS result of "
              + profile
              + " in "
              + store.root()
              + ": not compared with a baseline");
    }
    return last;
  }

  /** {@code file} relative to {@code folder} when both are on one tree, else absolute. */
  private static String relativeLocation(Path folder, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    try {
      return folder.relativize(abs).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return abs.toString();
    }
  }
}
