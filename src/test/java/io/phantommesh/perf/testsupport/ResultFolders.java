package io.phantommesh.perf.testsupport;

import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.config.SloSettings;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.report.JsonResultWriter;
import io.phantommesh.perf.report.MarkdownReportRenderer;
import io.phantommesh.perf.results.ErrorCount;
import io.phantommesh.perf.results.LatencyStats;
import io.phantommesh.perf.results.RequestStats;
import io.phantommesh.perf.results.RunInfo;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.results.TimelineSecond;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built result folders ({@code result.json} + {@code report.md}) for the index and compare
 * tests: exact figures chosen in the test, judged with the model's SLO of reference.conf. Test
 * support.
 */
public final class ResultFolders {
  private ResultFolders() {}

  /**
   * The figures of a hand-built run.
   *
   * @param testName the load model, also the SLO used (must be a known profile, or the global SLO)
   * @param startEpochMillis run start
   * @param requestName the one request name
   * @param errorMessage the KO message, when ko > 0
   */
  public record Spec(
      String testName,
      long startEpochMillis,
      double meanMillis,
      long p50,
      long p99,
      long ok,
      long ko,
      long peakRps,
      String requestName,
      String errorMessage,
      boolean partial,
      String gatlingReport) {}

  public static ResultDocument document(String runId, Spec s) {
    LatencyStats l =
        new LatencyStats(
            s.ok() + s.ko(),
            1,
            s.p99() * 2,
            s.meanMillis(),
            s.p50(),
            s.p50(),
            s.p99(),
            s.p99(),
            s.p99(),
            s.p99() * 2);
    RequestStats global = new RequestStats("all", List.of(), s.ok(), s.ko(), l);
    List<TimelineSecond> timeline = new ArrayList<>();
    long first = s.startEpochMillis() / 1000;
    for (int i = 0; i < 10; i++) {
      timeline.add(new TimelineSecond(first + i, s.peakRps() - i, s.peakRps() - i, 0, 10, s.p99()));
    }
    RunStatistics stats =
        new RunStatistics(
            List.of(
                new RunInfo(
                    "3.15.1",
                    "io.phantommesh.perf.simulation.RampUpSimulation",
                    s.startEpochMillis(),
                    "",
                    List.of("vpn session"),
                    0)),
            s.startEpochMillis(),
            s.startEpochMillis() + 10_000,
            global,
            List.of(new RequestStats(s.requestName(), List.of(), s.ok(), s.ko(), l)),
            List.of(),
            s.ko() == 0 ? List.of() : List.of(new ErrorCount(s.errorMessage(), s.ko())),
            timeline,
            s.peakRps(),
            (s.ok() + s.ko()) / 10.0,
            s.partial(),
            s.partial() ? "simulation.log ends inside a record" : "");
    var settings = SettingsLoader.fromString("");
    SloSettings slo = settings.profileSlos().getOrDefault(s.testName(), settings.slo());
    RunMetadata meta = RunMetadata.of(runId, s.testName(), null, "embedded (http://127.0.0.1:1)");
    if (s.gatlingReport() != null) {
      meta = meta.withGatlingReport(s.gatlingReport());
    }
    return ResultAssembler.assemble(stats, meta, VerdictEvaluator.evaluate(stats, slo));
  }

  /** Writes {@code reports/<runId>/result.json} and {@code report.md}; returns the folder. */
  public static Path write(Path reports, String runId, Spec s) {
    return write(reports, document(runId, s));
  }

  public static Path write(Path reports, ResultDocument doc) {
    try {
      Path folder = reports.resolve(doc.runId());
      Files.createDirectories(folder);
      Files.writeString(
          folder.resolve("result.json"),
          JsonResultWriter.writeToString(doc),
          StandardCharsets.UTF_8);
      Files.writeString(
          folder.resolve("report.md"), MarkdownReportRenderer.render(doc), StandardCharsets.UTF_8);
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
