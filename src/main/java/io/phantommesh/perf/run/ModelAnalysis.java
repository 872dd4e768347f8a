package io.phantommesh.perf.run;

import io.phantommesh.perf.config.PerfSettings;
import io.phantommesh.perf.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A load model's own analysis of a run (spike recovery, soak memory growth…): extra verdicts and
 * extra data for {@code result.json}'s {@code extra} object. Judges a run by the facts the run
 * recorded ({@link RunSidecar}); only the thresholds come from the settings. Stateless, no I/O.
 */
public interface ModelAnalysis {

  /** What the analysis adds; empty when it does not apply to the run. */
  Optional<Contribution> analyze(Context context);

  /**
   * Everything an analysis may read.
   *
   * @param profile the load model of the run
   * @param inputs what was read from the run folders
   * @param settings thresholds
   */
  record Context(String profile, RunInputs inputs, PerfSettings settings) {}

  /**
   * What an analysis adds to the result.
   *
   * @param extraKey key under {@code extra}, snake_case
   * @param extra a record or map serialised under that key
   * @param verdicts extra verdicts (their tiers count in the overall verdict)
   * @param files files to copy next to the result (e.g. sampled metrics)
   * @param notes what the reader should know (e.g. facts an old run folder lacks)
   */
  record Contribution(
      String extraKey, Object extra, List<Verdict> verdicts, List<Path> files, List<String> notes) {
    public Contribution {
      verdicts = List.copyOf(verdicts);
      files = List.copyOf(files);
      notes = List.copyOf(notes);
    }

    /** Data only, no verdict. */
    public static Contribution of(String key, Map<String, ?> extra) {
      return new Contribution(key, extra, List.of(), List.of(), List.of());
    }
  }
}
