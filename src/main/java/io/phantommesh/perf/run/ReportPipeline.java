package io.phantommesh.perf.run;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.document.BaselineComparator;
import io.phantommesh.perf.document.BaselineComparison;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.GatlingHtmlAssertions;
import io.phantommesh.perf.run.live.LiveStop;
import io.phantommesh.perf.verdict.InjectorHealth;
import io.phantommesh.perf.verdict.InjectorHealthAssessor;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report pipeline: a pure function from what was read of a run ({@link RunInputs}: the decoded
 * logs and the run's facts) and the settings to one result document. No I/O: reading is {@link
 * RunInputs#read}'s, writing {@link ResultStore}'s, and {@link PostProcessor} strings them
 * together. Stateless.
 */
public final class ReportPipeline {
  private ReportPipeline() {}

  /**
   * What the caller decided about the result beyond the run itself.
   *
   * @param runId the result folder's name
   * @param profile the load model whose thresholds apply; empty: from the run's facts or class
   * @param gatlingReport Gatling's HTML report relative to the result folder, if there is one
   * @param gatlingAssertions Gatling's assertion outcomes from that report (overrides the inputs')
   * @param merge the merge's facts for {@code extra.merge}, for several run folders
   * @param baseline the run to compare with, if any
   * @param baselineLocation where the baseline was read, relative to the result folder if possible
   */
  public record Request(
      String runId,
      Optional<String> profile,
      Optional<String> gatlingReport,
      Optional<List<GatlingHtmlAssertions.Outcome>> gatlingAssertions,
      Optional<Map<String, Object>> merge,
      Optional<ResultDocument> baseline,
      String baselineLocation) {}

  /**
   * The pipeline's product.
   *
   * @param document the result document
   * @param files files to copy beside it (e.g. a soak's samples)
   * @param notes what the reader should know beyond the figures, one line each
   */
  public record Assembled(ResultDocument document, List<Path> files, List<String> notes) {
    public Assembled {
      files = List.copyOf(files);
      notes = List.copyOf(notes);
    }
  }

  /** The load model of a run: as asked, else as the run recorded, else from its class name. */
  public static String profileOf(RunInputs inputs, Optional<String> asked) {
    return asked
        .or(() -> inputs.firstFact(RunSidecar::profile))
        .orElseGet(() -> profileOfClass(inputs.statistics().runs().get(0).simulationClass()));
  }

  /**
   * Judges a run: SLO verdicts, the model's analyses, injector health, baseline comparison.
   *
   * @param analyses model-specific analyses, each deciding whether it applies
   */
  public static Assembled assemble(
      RunInputs inputs, PerfSettings settings, List<ModelAnalysis> analyses, Request request) {
    String profile = profileOf(inputs, request.profile());
    SloSettings slo =
        settings.profileSlos().containsKey(profile) ? settings.sloFor(profile) : settings.slo();
    String simulation = inputs.statistics().runs().get(0).simulationClass();
    String target = inputs.firstFact(RunSidecar::target).orElse(null);
    RunMetadata meta = RunMetadata.of(request.runId(), profile, simulation, target);
    if (request.gatlingReport().isPresent()) {
      meta = meta.withGatlingReport(request.gatlingReport().get());
    }
    Optional<List<GatlingHtmlAssertions.Outcome>> gatling =
        request.gatlingAssertions().or(inputs::gatlingAssertions);
    if (gatling.isPresent() && !gatling.get().isEmpty()) {
      meta = meta.withGatlingAssertions(GatlingAssertionText.toReport(gatling.get()));
    }
    InjectorHealth health =
        InjectorHealthAssessor.assess(
            inputs.sidecars().stream()
                .map(RunSidecar::injectorSamples)
                .filter(Objects::nonNull)
                .toList());
    if (health != null) {
      meta = meta.withInjectorHealth(health);
    }
    Optional<WarmUpFacts> warmUp =
        WarmUpFacts.combine(
            inputs.sidecars().stream().map(RunSidecar::warmUp).filter(Objects::nonNull).toList());
    if (warmUp.isPresent()) {
      meta = meta.withWarmUp(warmUp.get());
    }
    Map<String, Map<Integer, Long>> embedded = embeddedRequests(inputs.sidecars());
    if (!embedded.isEmpty()) {
      meta = meta.withExtra("embedded_service_requests", embedded);
    }
    List<Verdict> verdicts = new ArrayList<>(VerdictEvaluator.evaluate(inputs.statistics(), slo));
    List<Path> files = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    ModelAnalysis.Context context = new ModelAnalysis.Context(profile, inputs, settings);
    for (ModelAnalysis analysis : analyses) {
      Optional<ModelAnalysis.Contribution> c = analysis.analyze(context);
      if (c.isPresent()) {
        if (c.get().extra() != null) {
          meta = meta.withExtra(c.get().extraKey(), c.get().extra());
        }
        verdicts.addAll(c.get().verdicts());
        files.addAll(c.get().files());
        notes.addAll(c.get().notes());
      }
    }
    if (request.merge().isPresent()) {
      meta = meta.withExtra(MergeStaging.EXTRA_KEY, request.merge().get());
    }
    ResultDocument doc = ResultAssembler.assemble(inputs.statistics(), meta, verdicts);
    // A run the live monitor stopped early is marked so, with the rule's CRITICAL verdict; of a
    // merged run's injectors, the first to stop (ISO-8601 UTC instants sort as text).
    Optional<LiveStop> stop =
        inputs.sidecars().stream()
            .map(RunSidecar::liveStop)
            .filter(Objects::nonNull)
            .min(Comparator.comparing(s -> s.stoppedEarly().firedAt()));
    if (stop.isPresent()) {
      doc = doc.withStoppedEarly(stop.get().stoppedEarly(), stop.get().verdict());
    }
    if (request.baseline().isPresent()) {
      BaselineComparison comparison =
          BaselineComparator.compare(
              doc,
              ResultStore.RESULT_JSON,
              request.baseline().get(),
              request.baselineLocation(),
              settings.compare());
      doc = doc.withBaselineComparison(comparison);
    }
    return new Assembled(doc, files, notes);
  }

  /**
   * The profile of a simulation class by the suite's naming convention, for a run folder without
   * run facts: {@code HealthBaselineSimulation} is {@code health-baseline}.
   */
  static String profileOfClass(String simulationClass) {
    String simple = simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
    return simple
        .replaceAll("Simulation$", "")
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
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
}
