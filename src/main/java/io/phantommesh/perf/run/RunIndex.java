package io.phantommesh.perf.run;

import io.phantommesh.perf.document.JsonResultReader;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.files.AtomicFiles.Content;
import io.phantommesh.perf.report.RunIndexRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code <reports>/index.html}: every result folder of a reports folder, newest first, with
 * links to its files, and trend charts per load model ({@link RunIndexRenderer}).
 *
 * <p>Reads each {@code <folder>/result.json}; a folder without one, or with one that does not read,
 * is listed as skipped with the reason instead of failing the page. Hidden folders ({@code .tmp-*},
 * results being written) are left out. Links are relative, percent-encoded, and only to files that
 * exist, so the page works from {@code file://} and inside a CI artifact.
 *
 * <p>The page is written to a hidden temporary file and renamed over the old one, so a reader never
 * sees half a page; when two processes write it at once, the last rename wins with a complete page.
 * Stateless.
 */
public final class RunIndex {
  /** Name of the page in the reports folder. */
  public static final String FILE_NAME = "index.html";

  private static final Pattern COMPARISON = Pattern.compile("compare-(.+)\\.md");
  private static final String HEX = "0123456789ABCDEF";
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  private RunIndex() {}

  /**
   * What was written.
   *
   * @param page the index page
   * @param runs runs listed
   * @param skipped folders skipped
   */
  public record Outcome(Path page, int runs, int skipped) {}

  /**
   * Writes the index of {@code reportsDir}.
   *
   * @throws UncheckedIOException when the folder cannot be listed or the page not written
   */
  public static Outcome write(Path reportsDir, Clock clock) {
    Path root = reportsDir.toAbsolutePath().normalize();
    List<RunIndexRenderer.Entry> entries = scan(root);
    String html =
        RunIndexRenderer.render(
            reportsDir.toString(),
            Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
            entries);
    Path page = new ResultStore(root).replaceInRoot(FILE_NAME, Content.text(html));
    long runs = entries.stream().filter(e -> e instanceof RunIndexRenderer.Run).count();
    return new Outcome(page, (int) runs, entries.size() - (int) runs);
  }

  private static List<RunIndexRenderer.Entry> scan(Path root) {
    List<Path> folders;
    try (Stream<Path> list = Files.list(root)) {
      folders =
          list.filter(Files::isDirectory)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    List<RunIndexRenderer.Entry> entries = new ArrayList<>();
    for (Path folder : folders) {
      entries.add(entry(root, folder));
    }
    return entries;
  }

  private static RunIndexRenderer.Entry entry(Path root, Path folder) {
    String name = folder.getFileName().toString();
    Path json = folder.resolve(PostProcessor.RESULT_JSON);
    if (!Files.isRegularFile(json)) {
      return new RunIndexRenderer.Skipped(
          name, "no " + PostProcessor.RESULT_JSON + " (not a result folder, or an unfinished one)");
    }
    ResultDocument doc;
    try (InputStream in = Files.newInputStream(json)) {
      doc = JsonResultReader.read(in);
    } catch (IOException | UncheckedIOException e) {
      return new RunIndexRenderer.Skipped(
          name, PostProcessor.RESULT_JSON + " unreadable: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return new RunIndexRenderer.Skipped(
          name, PostProcessor.RESULT_JSON + " is not a result: " + e.getMessage());
    }
    List<RunIndexRenderer.Link> links = new ArrayList<>();
    Path page = folder.resolve(PostProcessor.REPORT_HTML);
    if (Files.isRegularFile(page)) {
      links.add(new RunIndexRenderer.Link("report", href(root, page)));
    }
    links.add(new RunIndexRenderer.Link("result.json", href(root, json)));
    Path md = folder.resolve(PostProcessor.REPORT_MD);
    if (Files.isRegularFile(md)) {
      links.add(new RunIndexRenderer.Link("report.md", href(root, md)));
    }
    gatlingReport(folder, doc.gatlingReport())
        .ifPresent(p -> links.add(new RunIndexRenderer.Link("Gatling HTML", href(root, p))));
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        var m = COMPARISON.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f)) {
          links.add(new RunIndexRenderer.Link("vs " + m.group(1), href(root, f)));
        }
      }
    } catch (IOException e) {
      // comparisons are extras: the row stands without them
    }
    return new RunIndexRenderer.Run(name, doc, links);
  }

  /**
   * The Gatling report a result points to, when it is a relative path to an existing file: never a
   * URL ({@code javascript:}, {@code http:}) or an absolute path from a hand-made document.
   */
  static Optional<Path> gatlingReport(Path folder, String relative) {
    if (relative == null || relative.isBlank() || SCHEME.matcher(relative).matches()) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(relative.replace('\\', '/'));
      if (p.isAbsolute()) {
        return Optional.empty();
      }
      Path resolved = folder.resolve(p).normalize();
      return Files.isRegularFile(resolved) ? Optional.of(resolved) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The relative, percent-encoded link from the index in {@code root} to {@code file}. */
  static String href(Path root, Path file) {
    Path rel = root.relativize(file.toAbsolutePath().normalize());
    List<String> segments = new ArrayList<>();
    for (Path segment : rel) {
      segments.add(encode(segment.toString()));
    }
    return String.join("/", segments);
  }

  /** A path segment with every byte but RFC 3986's unreserved characters percent-encoded. */
  private static String encode(String segment) {
    if (segment.equals("..") || segment.equals(".")) {
      return segment;
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || "-._~".indexOf(c) >= 0;
      if (unreserved) {
        sb.append(c);
      } else {
        sb.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
      }
    }
    return sb.toString();
  }
}
