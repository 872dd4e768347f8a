package io.phantommesh.perf.run;

import io.phantommesh.perf.files.AtomicFiles;
import io.phantommesh.perf.files.AtomicFiles.Content;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A reports folder: owns the naming of result folders ({@code <run-id>}, {@code <run-id>-2}… so an
 * earlier run's result is never overwritten) and publishes every result in one step. A result is
 * put together in a hidden staging folder ({@code .tmp-…}) and renamed into place when whole, so a
 * failed run leaves no partial result and a reader never sees half of one. All writes go through
 * {@link AtomicFiles}.
 *
 * <p>Immutable; safe to share. Concurrent processes writing into one reports folder each get their
 * own result folder.
 */
public final class ResultStore {
  /** The result document. */
  public static final String RESULT_JSON = "result.json";

  /** The reviewer's Markdown summary. */
  public static final String REPORT_MD = "report.md";

  /** The JUnit XML file for CI test reporters. */
  public static final String JUNIT_XML = "junit.xml";

  /** The reviewer's HTML page (self-contained). */
  public static final String REPORT_HTML = "report.html";

  private final Path root;

  /** A store over {@code root}; the folder is created on the first write. */
  public ResultStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The reports folder. */
  public Path root() {
    return root;
  }

  /**
   * Where a result of {@code runId} would be published now: {@code <root>/<run-id>}, or the first
   * free {@code -2}, {@code -3}… (if another process takes it first, publishing takes the next).
   */
  public Path plannedFolder(String runId) {
    return AtomicFiles.freeName(root, runId);
  }

  /** A hidden folder under the reports folder for work that ends up in a result (a merged run). */
  public Path stagingFolder(String prefix) {
    return AtomicFiles.stagingFolder(root, prefix);
  }

  /**
   * One result folder's files.
   *
   * @param files name and content of each file to write
   * @param copies existing files to copy in under their own names
   * @param moves folders (staged under this store) to move in under their own names
   */
  public record Result(List<Named> files, List<Path> copies, List<Path> moves) {
    public Result {
      files = List.copyOf(files);
      copies = List.copyOf(copies);
      moves = List.copyOf(moves);
    }
  }

  /** A file of a result: its name in the result folder and its content. */
  public record Named(String name, Content content) {}

  /**
   * Publishes a result as {@code wanted}'s name (or the next free one).
   *
   * @return the folder first, then each file and folder in it, in the order given
   */
  public List<Path> publish(Path wanted, Result result) {
    Path stage = AtomicFiles.stagingFolder(root, wanted.getFileName().toString());
    try {
      List<String> names = new ArrayList<>();
      for (Named f : result.files()) {
        AtomicFiles.replace(stage.resolve(f.name()), f.content());
        names.add(f.name());
      }
      for (Path f : result.copies()) {
        AtomicFiles.replace(stage.resolve(f.getFileName().toString()), Content.copyOf(f));
        names.add(f.getFileName().toString());
      }
      for (Path d : result.moves()) {
        names.add(AtomicFiles.moveInto(d, stage).getFileName().toString());
      }
      Path dir = AtomicFiles.publishFolder(stage, root, wanted.getFileName().toString());
      List<Path> written = new ArrayList<>();
      written.add(dir);
      names.forEach(n -> written.add(dir.resolve(n)));
      return written;
    } finally {
      AtomicFiles.deleteTree(stage);
    }
  }

  /** Rewrites a file of the reports folder itself (the index) in one step. */
  public Path replaceInRoot(String name, Content content) {
    return AtomicFiles.replace(root.resolve(name), content);
  }

  /**
   * Publishes files that belong together beside a result (a comparison's {@code .json} and {@code
   * .md}) under one free stem, never replacing a file.
   */
  public static List<Path> publishBeside(
      Path resultFolder, String stem, List<String> suffixes, List<Content> contents) {
    return AtomicFiles.createNewGroup(resultFolder, stem, suffixes, contents);
  }
}
