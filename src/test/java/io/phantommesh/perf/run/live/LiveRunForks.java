package io.phantommesh.perf.run.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.testsupport.GatlingProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test support: a short SustainedSimulation in a forked Gatling JVM, and its console's lines. */
final class LiveRunForks {
  /**
   * A live line's window figures: P50, P99 (whole ms, or {@code < 1}: read them with {@link
   * #millis}), error percentage, responses.
   */
  static final Pattern FIGURES =
      Pattern.compile(
          "\\| (?:last \\d+s|whole run): P50 (< 1|\\d+) ms, P99 (< 1|\\d+) ms, errors"
              + " (\\d+\\.\\d\\d) % of (\\d+) \\|");

  /** A whole live line, as docs/live-monitor.md describes it. */
  static final Pattern LINE =
      Pattern.compile(
          "^phantom-mesh-perf live( \\(final\\))? \\| sustained \\| (.+?) \\| (\\d+:\\d\\d:\\d\\d)"
              + " of (\\d+:\\d\\d:\\d\\d), ETA (\\d+:\\d\\d:\\d\\d) \\| asked (\\d+\\.\\d)/s"
              + " achieved (\\d+\\.\\d|-)/s \\| .+ \\| so far: .+ \\| injector (ok|BOTTLENECK)"
              + ".*$");

  private LiveRunForks() {}

  /** A sustained run of {@code hold} at {@code rate} req/s against {@code baseUri}. */
  static GatlingProcess.Result sustained(
      Path work, URI baseUri, String token, double rate, Duration hold, List<String> more) {
    List<String> props = new ArrayList<>();
    props.add("-Dphantom.target.base-url=" + baseUri);
    props.add("-Dphantom.target.api-token=" + token);
    props.add("-Dphantom.target.preflight=false");
    props.add("-Dphantom.journey.warm-up=0s");
    props.add("-Dphantom.profiles.sustained.rate=" + rate);
    props.add("-Dphantom.profiles.sustained.ramp-in=0s");
    props.add("-Dphantom.profiles.sustained.hold=" + hold.toSeconds() + "s");
    props.add("-Dphantom.live.interval=2s");
    props.add("-Dphantom.report.output-dir=" + work.resolve("reports"));
    props.addAll(more);
    GatlingProcess.Result run =
        GatlingProcess.run(
            props,
            List.of(
                "-s",
                "io.phantommesh.perf.simulation.SustainedSimulation",
                "-rf",
                work.resolve("gatling").toString()),
            Duration.ofSeconds(240),
            work.resolve("gatling-output.txt"));
    // Kept for a look after the temporary folder is gone.
    try {
      Path kept = Path.of("target", "live-runs");
      Files.createDirectories(kept);
      Files.writeString(kept.resolve(work.getFileName() + ".txt"), run.output());
    } catch (IOException e) {
      // only a convenience
    }
    return run;
  }

  /** The only result folder's result.json. */
  static JsonNode result(Path work, GatlingProcess.Result run) {
    Path reports = work.resolve("reports");
    try (Stream<Path> dirs = Files.list(reports)) {
      List<Path> found =
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .toList();
      if (found.size() != 1) {
        throw new AssertionError(
            "one result folder expected, found " + found + ":\n" + run.tail(60));
      }
      return new ObjectMapper().readTree(found.get(0).resolve("result.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("no result under " + reports + ":\n" + run.tail(60), e);
    }
  }

  /** Lines of the console that are live lines with figures. */
  static List<String> liveLines(String output) {
    return output
        .lines()
        .filter(
            l ->
                l.startsWith("phantom-mesh-perf live |")
                    || l.startsWith("phantom-mesh-perf live (final) |"))
        .toList();
  }

  static Matcher figures(String line) {
    Matcher m = FIGURES.matcher(line);
    if (!m.find()) {
      throw new AssertionError("no window figures in: " + line);
    }
    return m;
  }

  /** A live line's latency figure in ms: {@code < 1} (a 0 ms percentile) reads 0. */
  static double millis(String figure) {
    return figure.equals("< 1") ? 0 : Double.parseDouble(figure);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
