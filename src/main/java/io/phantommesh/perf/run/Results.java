package io.phantommesh.perf.run;

import io.phantommesh.perf.document.JsonResultReader;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and reads the result documents of a reports folder: one named by its folder or file, or the
 * newest PASS of a load model (the {@code --baseline-last-pass} rule). Stateless.
 */
public final class Results {
  private Results() {}

  /**
   * A result read from disk.
   *
   * @param file its result.json
   * @param document its content
   */
  public record Found(Path file, ResultDocument document) {
    /** The result folder. */
    public Path folder() {
      return file.toAbsolutePath().normalize().getParent();
    }
  }

  /**
   * Reads the result of a result folder ({@code reports/<run-id>}) or of a result.json.
   *
   * @throws UnusableInputException when there is none or it does not read
   */
  public static Found read(Path folderOrFile) {
    Path file =
        Files.isDirectory(folderOrFile)
            ? folderOrFile.resolve(PostProcessor.RESULT_JSON)
            : folderOrFile;
    if (!Files.isRegularFile(file)) {
      String hint =
          Files.isRegularFile(folderOrFile.resolve("simulation.log"))
              ? " It is a Gatling run folder: run `report "
                  + folderOrFile
                  + "` first, then compare its result folder."
              : " Pass a result folder (reports/<run-id>) or its result.json.";
      throw new UnusableInputException("no result at " + file + "." + hint);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new Found(file, JsonResultReader.read(in));
    } catch (IOException | UncheckedIOException e) {
      throw new UnusableInputException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UnusableInputException(file + " is not a result document: " + e.getMessage(), e);
    }
  }

  /**
   * The newest result in {@code reportsDir} of load model {@code testName} whose verdict is PASS,
   * leaving out the folder {@code exclude} (the run being compared). Newest by {@code started_at},
   * then by folder name; unreadable folders are passed over.
   */
  public static Optional<Found> lastPass(Path reportsDir, String testName, Path exclude) {
    if (!Files.isDirectory(reportsDir)) {
      return Optional.empty();
    }
    Path excluded = exclude == null ? null : exclude.toAbsolutePath().normalize();
    List<Path> folders;
    try (Stream<Path> list = Files.list(reportsDir)) {
      folders =
          list.filter(Files::isDirectory)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .map(p -> p.toAbsolutePath().normalize())
              .filter(p -> !p.equals(excluded))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reportsDir + ": " + e.getMessage(), e);
    }
    return folders.stream()
        .map(Results::tryRead)
        .flatMap(Optional::stream)
        .filter(f -> Objects.equals(f.document().testName(), testName))
        .filter(f -> f.document().verdict() == Tier.PASS)
        .max(
            Comparator.comparing((Found f) -> start(f.document()))
                .thenComparing(f -> f.folder().getFileName().toString()));
  }

  private static Optional<Found> tryRead(Path folder) {
    Path file = folder.resolve(PostProcessor.RESULT_JSON);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(file));
    } catch (UnusableInputException e) {
      return Optional.empty();
    }
  }

  private static Instant start(ResultDocument d) {
    try {
      return d.startedAt() == null ? Instant.MIN : Instant.parse(d.startedAt());
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
