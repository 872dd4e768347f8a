package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.report.ConsoleVerdictTable;
import io.phantommesh.perf.report.GatlingAssertions;
import io.phantommesh.perf.report.JUnitXmlRenderer;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.report.MarkdownReportRenderer;
import io.phantommesh.perf.report.ResultAssembler;
import io.phantommesh.perf.report.ResultDocument;
import io.phantommesh.perf.report.RunMetadata;
import io.phantommesh.perf.report.Verdict;
import io.phantommesh.perf.report.VerdictEvaluator;
import io.phantommesh.perf.results.GatlingHtmlAssertions;
import io.phantommesh.perf.results.RunAggregator;
import io.phantommesh.perf.results.RunSidecar;
import io.phantommesh.perf.results.RunStatistics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns one Gatling run folder (or several: the injectors of one distributed run) into {@code
 * <output>/<run-id>/result.json}, {@code report.md} and {@code junit.xml}.
 *
 * <p>Owns paths and writes; the figures come from {@code results}, the documents from {@code
 * report}. Output is written into a temporary folder that is renamed into place at the end, so a
 * failed run leaves no partial result, and an existing result folder is never overwritten (a
 * second report of the same run gets {@code <run-id>-2}).
 */
public final class PostProcessor {
  /** Files written into every result folder. */
  public static final String RESULT_JSON = "result.json";

  public static final String REPORT_MD = "report.md";
  public static final String JUNIT_XML = "junit.xml";

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

  /**
   * @param settings thresholds per model
   * @param analyses model-specific analyses to run on every report
   */
  public PostProcessor(PerfSettings settings, List<ModelAnalysis> analyses) {
    this.settings = settings;
    this.analyses = List.copyOf(analyses);
  }

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
   * @param written files written, result folder first
   */
  public record Outcome(Path outputDir, ResultDocument document, List<Path> written) {

    /** The console verdict table followed by the paths written. */
    public String consoleSummary() {
      return ConsoleVerdictTable.render(document, written.stream().map(Path::toString).toList());
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
            options.allowPartial() ? RunAggregator.Options.ALLOW_PARTIAL : RunAggregator.Options.STRICT);
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
    RunMetadata meta = RunMetadata.of(finalDir.getFileName().toString(), profile, simulation, target);
    if (runFolders.size() == 1) {
      Path gatlingIndex = runFolders.get(0).toAbsolutePath().normalize().resolve("index.html");
      meta = meta.withGatlingReport(finalDir.relativize(gatlingIndex).toString().replace('\\', '/'));
      Optional<List<GatlingHtmlAssertions.Outcome>> gatling =
          GatlingHtmlAssertions.read(runFolders.get(0));
      if (gatling.isPresent() && !gatling.get().isEmpty()) {
        meta = meta.withGatlingAssertions(toReport(gatling.get()));
      }
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
    ResultDocument doc = ResultAssembler.assemble(stats, meta, verdicts);
    return write(outputRoot, finalDir, doc, extraFiles);
  }

  private static Outcome write(Path outputRoot, Path finalDir, ResultDocument doc, List<Path> extraFiles) {
    try {
      Files.createDirectories(outputRoot);
      Path tmp = Files.createTempDirectory(outputRoot, ".tmp-" + finalDir.getFileName() + "-");
      try {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonResultWriter.write(doc, json);
        Files.write(tmp.resolve(RESULT_JSON), json.toByteArray());
        Files.writeString(tmp.resolve(REPORT_MD), MarkdownReportRenderer.render(doc), StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve(JUNIT_XML), JUnitXmlRenderer.render(doc), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>(List.of(RESULT_JSON, REPORT_MD, JUNIT_XML));
        for (Path f : extraFiles) {
          Files.copy(f, tmp.resolve(f.getFileName()));
          names.add(f.getFileName().toString());
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
      throw new UncheckedIOException("cannot write results under " + outputRoot + ": " + e.getMessage(), e);
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
        simple, simple.replaceAll("Simulation$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
  }

  private static Map<String, Map<Integer, Long>> embeddedRequests(List<RunSidecar> sidecars) {
    Map<String, Map<Integer, Long>> sum = new TreeMap<>();
    for (RunSidecar s : sidecars) {
      s.embeddedRequests()
          .forEach(
              (endpoint, byStatus) ->
                  byStatus.forEach(
                      (status, n) ->
                          sum.computeIfAbsent(endpoint, k -> new TreeMap<>()).merge(status, n, Long::sum)));
    }
    return sum;
  }

  /** Gatling's outcomes with the metric each assertion encodes (see SloAssertions' order). */
  static GatlingAssertions toReport(List<GatlingHtmlAssertions.Outcome> outcomes) {
    List<GatlingAssertions.Outcome> mapped = new ArrayList<>();
    boolean allPassed = true;
    for (GatlingHtmlAssertions.Outcome o : outcomes) {
      mapped.add(new GatlingAssertions.Outcome(metricOf(o.description()), o.description(), o.passed()));
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
