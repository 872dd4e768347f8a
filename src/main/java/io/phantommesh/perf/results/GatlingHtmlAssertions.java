package io.phantommesh.perf.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Gatling's own assertion outcomes from its HTML report ({@code index.html}), the only place
 * Gatling 3.15 records them. Tied to the pinned Gatling version like the log decoder: a test runs
 * it on a report made by a real run, so a layout change fails loudly.
 */
public final class GatlingHtmlAssertions {
  private static final Pattern ROW =
      Pattern.compile(
          "<td class=\"error-col-1 (ok|ko) total\">\\s*(.*?)\\s*<span class=\"value\"",
          Pattern.DOTALL);

  private GatlingHtmlAssertions() {}

  /**
   * One assertion as Gatling judged it.
   *
   * @param description Gatling's text, e.g. "Global: 99th percentile of response time is less than
   *     or equal to 200.0"
   * @param passed Gatling's outcome
   */
  public record Outcome(String description, boolean passed) {}

  /** The outcomes of the report in a run folder; empty when the folder has no HTML report. */
  public static Optional<List<Outcome>> read(Path runFolder) {
    Path index = runFolder.resolve("index.html");
    if (!Files.isRegularFile(index)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(Files.readString(index, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + index, e);
    }
  }

  /** The outcomes listed in the assertion table of a Gatling index.html. */
  public static List<Outcome> parse(String html) {
    int table = html.indexOf("id=\"container_assertions\"");
    if (table < 0) {
      return List.of();
    }
    int end = html.indexOf("</table>", table);
    Matcher m = ROW.matcher(html.substring(table, end < 0 ? html.length() : end));
    List<Outcome> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Outcome(unescape(m.group(2).strip()), m.group(1).equals("ok")));
    }
    return out;
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
