package io.phantommesh.perf.run;

import java.util.List;

/** The model-specific analyses every report runs; each decides whether it applies. */
public final class ModelAnalyses {
  private ModelAnalyses() {}

  /** All analyses, in the order their verdicts are listed. */
  public static List<ModelAnalysis> all() {
    return List.of(
        new SpikeAnalysis(),
        new SoakResultAnalysis(),
        new FaultAnalysis(),
        new InjectorBreakdownAnalysis());
  }
}
