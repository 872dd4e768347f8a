package io.phantommesh.perf.run;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.document.BaselineComparator;
import io.phantommesh.perf.document.BaselineComparison;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.ConsoleVerdictTable;
import io.phantommesh.perf.report.HtmlReportRenderer;
import io.phantommesh.perf.report.JUnitXmlRenderer;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.report.MarkdownReportRenderer;
import io.phantommesh.perf.results.GatlingHtmlAssertions;
import io.phantommesh.perf.results.InjectorSamples;
import io.phantommesh.perf.results.LogMerger;
import io.phantommesh.perf.results.RunAggregator;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.SimulationLogException;
import io.phantommesh.perf.results.SimulationLogReader;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.InjectorHealth;
import io.phantommesh.perf.verdict.InjectorHealthAssessor;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns one Gatling run folder (or several: the injectors of one distributed run) into {@code
 * <output>/<run-id>/result.json}, {@code report.md}, {@code report.html} and {@code junit.xml}.
 *
 * <p>Several run folders also get one merged {@code simulation.log} in a Gatling run folder, {@code
 * <run-id>/gatling/<run-id>/}, and Gatling's own HTML report rendered from it ({@link
 * GatlingHtmlReport}; its absence is a note, not a failure, unless asked for). With a baseline the
 * regression verdicts join the run's ({@link #withBaseline}). After each result, {@code
 * <output>/index.html} is rewritten ({@link RunIndex}); a failure there is a note, since the result
 * is already in place.
 *
 * <p>Owns paths and writes; the figures come from {@code results}, the documents from {@code
 * report}. Output is written into a temporary folder that is renamed into place at the end, so a
 * failed run leaves no partial result, and an existing result folder is never overwritten (a second
 * report of the same run gets {@code <run-id>-2}).
 */
public final class PostProcessor {
  /** Files written into every result folder. */
  public static final String RESULT_JSON = "result.json";

  public static final String REPORT_MD = "report.md";
  public static final String JUNIT_XML = "junit.xml";
  public static final String REPORT_HTML = "report.html";

  private static final Map<String, String> PROFILE_OF_CLASS =
      Map.of(
          "RampUpSimulation", "ramp-up",
          "SmokeSimulation", "smoke",
          "SpikeSimulation", "spike",
          "SustainedSimulation", "sustained",
          "SoakSimulation", "soak",
          "HealthBaselineSimulation", "health-baseline");

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
    if (runFolders.isEmpty()) {
      throw new IllegalArgumentException("no run folder given");
    }
    RunStatistics stats =
        RunAggregator.aggregate(
            runFolders,
            options.allowPartial()
                ? RunAggregator.Options.ALLOW_PARTIAL
                : RunAggregator.Options.STRICT);
    List<RunSidecar> sidecars = new ArrayList<>();
    for (Path folder : runFolders) {
      RunSidecar.read(folder).ifPresent(sidecars::add);
    }
    String simulation = stats.runs().get(0).simulationClass();
    String profile =
        options
            .profile()
            .or(() -> sidecars.stream().map(RunSidecar::profile).filter(p -> p != null).findFirst())
            .orElseGet(() -> profileOfClass(simulation));
    SloSettings slo =
        settings.profileSlos().containsKey(profile) ? settings.sloFor(profile) : settings.slo();
    String runId =
        options
            .runId()
            .orElseGet(
                () ->
                    (runFolders.size() == 1 ? "" : "merged-")
                        + runFolders.get(0).toAbsolutePath().normalize().getFileName());
    String target =
        sidecars.stream().map(RunSidecar::target).filter(t -> t != null).findFirst().orElse(null);

    Path outputRoot = options.outputRoot().toAbsolutePath().normalize();
    Path finalDir = freeFolder(outputRoot, runId);
    RunMetadata meta =
        RunMetadata.of(finalDir.getFileName().toString(), profile, simulation, target);
    if (runFolders.size() == 1) {
      Path gatlingIndex = runFolders.get(0).toAbsolutePath().normalize().resolve("index.html");
      meta =
          meta.withGatlingReport(finalDir.relativize(gatlingIndex).toString().replace('\\', '/'));
      Optional<List<GatlingHtmlAssertions.Outcome>> gatling =
          GatlingHtmlAssertions.read(runFolders.get(0));
      if (gatling.isPresent() && !gatling.get().isEmpty()) {
        meta = meta.withGatlingAssertions(toReport(gatling.get()));
      }
    }
    InjectorHealth health =
        InjectorHealthAssessor.assess(
            sidecars.stream().flatMap(sc -> InjectorSamples.from(sc).stream()).toList());
    if (health != null) {
      meta = meta.withInjectorHealth(health);
    }
    Map<String, Map<Integer, Long>> embedded = embeddedRequests(sidecars);
    if (!embedded.isEmpty()) {
      meta = meta.withExtra("embedded_service_requests", embedded);
    }
    List<Verdict> verdicts = new ArrayList<>(VerdictEvaluator.evaluate(stats, slo));
    List<Path> extraFiles = new ArrayList<>();
    ModelAnalysis.Context context =
        new ModelAnalysis.Context(profile, stats, runFolders, sidecars, settings);
    for (ModelAnalysis analysis : analyses) {
      Optional<ModelAnalysis.Contribution> c = analysis.analyze(context);
      if (c.isPresent()) {
        meta = meta.withExtra(c.get().extraKey(), c.get().extra());
        verdicts.addAll(c.get().verdicts());
        extraFiles.addAll(c.get().files());
      }
    }
    List<String> notes = new ArrayList<>();
    Optional<MergedRun> merged =
        runFolders.size() > 1
            ? Optional.of(stageMergedRun(runFolders, outputRoot, runId))
            : Optional.empty();
    Outcome outcome;
    try {
      if (merged.isPresent()) {
        meta = meta.withExtra(MERGE_EXTRA_KEY, merged.get().extra());
        if (merged.get().htmlIndex().isPresent()) {
          meta = meta.withGatlingReport(merged.get().htmlIndex().get());
          Optional<List<GatlingHtmlAssertions.Outcome>> gatling =
              GatlingHtmlAssertions.read(merged.get().runFolder());
          if (gatling.isPresent() && !gatling.get().isEmpty()) {
            meta = meta.withGatlingAssertions(toReport(gatling.get()));
          }
        } else {
          notes.add("merged Gatling HTML report " + merged.get().htmlNote());
        }
      }
      ResultDocument doc = ResultAssembler.assemble(stats, meta, verdicts);
      doc = compareWithBaseline(doc, outputRoot, finalDir, profile, notes);
      outcome =
          write(
              outputRoot,
              finalDir,
              doc,
              extraFiles,
              merged.map(m -> List.of(m.gatlingDir())).orElse(List.of()));
    } finally {
      merged.ifPresent(m -> deleteQuietly(m.stage()));
    }
    List<Path> written = new ArrayList<>(outcome.written());
    if (writeIndex) {
      // The result is in place: an index failure is told, never thrown.
      try {
        written.add(RunIndex.write(outputRoot, Clock.systemUTC()).page());
      } catch (RuntimeException e) {
        notes.add("reports index not updated: " + e.getMessage());
      }
    }
    return new Outcome(outcome.outputDir(), outcome.document(), written, notes);
  }

  /** {@code doc} with the baseline comparison's verdicts and {@code extra}, when there is one. */
  private ResultDocument compareWithBaseline(
      ResultDocument doc, Path outputRoot, Path finalDir, String profile, List<String> notes) {
    Optional<Baseline> base = baseline;
    if (lastPassBaseline) {
      base =
          Results.lastPass(outputRoot, profile, null)
              .map(f -> new Baseline(f.document(), f.file()));
      if (base.isEmpty()) {
        notes.add(
            "no earlier PASS result of "
                + profile
                + " in "
                + outputRoot
                + ": not compared with a baseline");
      }
    }
    if (base.isEmpty()) {
      return doc;
    }
    BaselineComparison comparison =
        BaselineComparator.compare(
            doc,
            RESULT_JSON,
            base.get().document(),
            relativeLocation(finalDir, base.get().file()),
            settings.compare());
    return doc.withAddedVerdicts(comparison.verdicts())
        .withExtra(BaselineComparison.EXTRA_KEY, JsonResultWriter.toTree(comparison));
  }

  /** Key of the merge's own facts in {@code extra}. */
  static final String MERGE_EXTRA_KEY = "merge";

  /** Folder of the merged Gatling run inside a result folder. */
  static final String GATLING_DIR = "gatling";

  /**
   * A merged run staged for the result folder.
   *
   * @param stage the hidden staging folder, deleted at the end
   * @param gatlingDir {@code stage/gatling}, moved into the result folder
   * @param runFolder {@code gatlingDir/<name>}, holding the merged simulation.log (and the HTML)
   * @param htmlIndex the HTML report relative to the result folder, when rendered
   * @param htmlNote how the HTML report was made, or why not
   */
  private record MergedRun(
      Path stage,
      Path gatlingDir,
      Path runFolder,
      Optional<String> htmlIndex,
      String htmlNote,
      Map<String, Object> extra) {}

  /**
   * Rewrites the injectors' logs as one simulation.log in a Gatling run folder layout and has
   * Gatling render its HTML report from it, in a hidden staging folder beside the results.
   */
  private MergedRun stageMergedRun(List<Path> runFolders, Path outputRoot, String runId) {
    Path stage;
    try {
      Files.createDirectories(outputRoot);
      stage = Files.createTempDirectory(outputRoot, ".tmp-gatling-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a staging folder under " + outputRoot + ": " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      Path gatlingDir = stage.resolve(GATLING_DIR);
      String name = runId.replaceAll("[^A-Za-z0-9._-]", "_");
      Path runFolder = gatlingDir.resolve(name);
      Files.createDirectories(runFolder);
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put(
          "run_folders",
          runFolders.stream()
              .map(f -> f.toAbsolutePath().normalize().getFileName().toString())
              .toList());
      String logPath = GATLING_DIR + "/" + name + "/" + SimulationLogReader.LOG_FILE_NAME;
      Optional<String> index = Optional.empty();
      String note;
      try {
        LogMerger.merge(runFolders, runFolder.resolve(SimulationLogReader.LOG_FILE_NAME));
        extra.put("merged_log", logPath);
        GatlingHtmlReport.Result r = html.render(gatlingDir, name);
        note = r.note();
        if (r.index().isPresent()) {
          index = Optional.of(GATLING_DIR + "/" + name + "/" + r.index().get().getFileName());
        }
      } catch (IllegalArgumentException | SimulationLogException e) {
        if (html.mode() == GatlingHtmlReport.Mode.ON) {
          throw e;
        }
        note = "not generated: the logs could not be merged into one: " + e.getMessage();
      }
      extra.put("gatling_html", index.<Object>map(i -> i).orElse(note));
      done = true;
      return new MergedRun(stage, gatlingDir, runFolder, index, note, extra);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot stage the merged run under " + stage + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        deleteQuietly(stage);
      }
    }
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

  private static Outcome write(
      Path outputRoot,
      Path finalDir,
      ResultDocument doc,
      List<Path> extraFiles,
      List<Path> stagedDirs) {
    try {
      Files.createDirectories(outputRoot);
      Path tmp = Files.createTempDirectory(outputRoot, ".tmp-" + finalDir.getFileName() + "-");
      try {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonResultWriter.write(doc, json);
        Files.write(tmp.resolve(RESULT_JSON), json.toByteArray());
        Files.writeString(
            tmp.resolve(REPORT_MD), MarkdownReportRenderer.render(doc), StandardCharsets.UTF_8);
        Files.writeString(
            tmp.resolve(JUNIT_XML), JUnitXmlRenderer.render(doc), StandardCharsets.UTF_8);
        Files.writeString(
            tmp.resolve(REPORT_HTML), HtmlReportRenderer.render(doc), StandardCharsets.UTF_8);
        List<String> names =
            new ArrayList<>(List.of(RESULT_JSON, REPORT_MD, REPORT_HTML, JUNIT_XML));
        for (Path f : extraFiles) {
          Files.copy(f, tmp.resolve(f.getFileName()));
          names.add(f.getFileName().toString());
        }
        for (Path d : stagedDirs) {
          // Same file system (both under outputRoot): a rename, not a copy.
          Files.move(d, tmp.resolve(d.getFileName()));
          names.add(d.getFileName().toString());
        }
        Path dir = moveIntoPlace(tmp, outputRoot, finalDir);
        List<Path> written = new ArrayList<>();
        written.add(dir);
        names.forEach(n -> written.add(dir.resolve(n)));
        return new Outcome(dir, doc, written);
      } finally {
        deleteQuietly(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write results under " + outputRoot + ": " + e.getMessage(), e);
    }
  }

  /** Renames the finished folder into place; if another process took the name, takes the next. */
  private static Path moveIntoPlace(Path tmp, Path outputRoot, Path wanted) throws IOException {
    Path target = wanted;
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        target = freeFolder(outputRoot, wanted.getFileName().toString());
      }
    }
    throw new IOException("no free result folder name for " + wanted);
  }

  /** {@code root/name}, or {@code root/name-2}, {@code -3}… whichever does not exist yet. */
  static Path freeFolder(Path root, String name) {
    Path candidate = root.resolve(name);
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = root.resolve(name + "-" + n);
    }
    return candidate;
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover hidden .tmp-* folder is harmless; the result itself was already handled
    }
  }

  /** The profile of a simulation class, by the suite's naming convention. */
  static String profileOfClass(String simulationClass) {
    String simple = simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
    return PROFILE_OF_CLASS.getOrDefault(
        simple,
        simple
            .replaceAll("Simulation$", "")
            .replaceAll("([a-z])([A-Z])", "$1-$2")
            .toLowerCase(Locale.ROOT));
  }

  private static Map<String, Map<Integer, Long>> embeddedRequests(List<RunSidecar> sidecars) {
    Map<String, Map<Integer, Long>> sum = new TreeMap<>();
    for (RunSidecar s : sidecars) {
      s.embeddedRequests()
          .forEach(
              (endpoint, byStatus) ->
                  byStatus.forEach(
                      (status, n) ->
                          sum.computeIfAbsent(endpoint, k -> new TreeMap<>())
                              .merge(status, n, Long::sum)));
    }
    return sum;
  }

  /** Gatling's outcomes with the metric each assertion encodes (see SloAssertions' order). */
  static GatlingAssertions toReport(List<GatlingHtmlAssertions.Outcome> outcomes) {
    List<GatlingAssertions.Outcome> mapped = new ArrayList<>();
    boolean allPassed = true;
    for (GatlingHtmlAssertions.Outcome o : outcomes) {
      mapped.add(
          new GatlingAssertions.Outcome(metricOf(o.description()), o.description(), o.passed()));
      allPassed &= o.passed();
    }
    return GatlingAssertions.of(allPassed, mapped);
  }

  private static final Map<String, String> METRIC_OF_TEXT = new LinkedHashMap<>();

  static {
    METRIC_OF_TEXT.put("mean of response time", VerdictEvaluator.LATENCY_MEAN);
    METRIC_OF_TEXT.put("99.9th percentile of response time", VerdictEvaluator.LATENCY_P999);
    METRIC_OF_TEXT.put("99th percentile of response time", VerdictEvaluator.LATENCY_P99);
    METRIC_OF_TEXT.put("50th percentile of response time", VerdictEvaluator.LATENCY_P50);
    METRIC_OF_TEXT.put("percentage of failed events", VerdictEvaluator.ERROR_RATE);
  }

  private static String metricOf(String description) {
    if (!description.startsWith("Global:")) {
      return null;
    }
    for (Map.Entry<String, String> e : METRIC_OF_TEXT.entrySet()) {
      if (description.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
