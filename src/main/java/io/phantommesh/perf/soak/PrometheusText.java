package io.phantommesh.perf.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tolerant reader of the Prometheus text exposition format (version 0.0.4): enough to pick a
 * process metric out of a {@code /metrics} page.
 *
 * <p>Stateless, pure. Comments ({@code # HELP}, {@code # TYPE}, anything after {@code #}) and blank
 * lines are skipped; label sets may hold quoted values with spaces, braces and escapes; values may
 * use exponents ({@code 1.5e+09}), {@code NaN}, {@code +Inf} and {@code -Inf}; an optional
 * timestamp after the value is ignored. A line that does not parse is skipped, so one bad line
 * never hides the others; a page with no line for a metric simply has no value for it.
 */
public final class PrometheusText {
  /** One {@code name="value"} pair of a label set, with the comma after it. */
  private static final Pattern LABEL =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

  private PrometheusText() {}

  /**
   * One sample line.
   *
   * @param name metric name
   * @param labels the label set as written, without braces; empty when none
   * @param value the value, possibly NaN or infinite
   */
  public record Sample(String name, String labels, double value) {}

  /** Every sample line of a page that parses, in order. */
  public static List<Sample> parse(String page) {
    List<Sample> out = new ArrayList<>();
    for (String line : page.split("\r?\n")) {
      parseLine(line).ifPresent(out::add);
    }
    return out;
  }

  /** The value of the first sample of {@code name} (any labels), if the page has one. */
  public static Optional<Double> firstValue(String page, String name) {
    for (String line : page.split("\r?\n")) {
      Optional<Sample> s = parseLine(line);
      if (s.isPresent() && s.get().name().equals(name)) {
        return Optional.of(s.get().value());
      }
    }
    return Optional.empty();
  }

  /** One line as a sample; empty for comments, blank lines and lines that do not parse. */
  static Optional<Sample> parseLine(String raw) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return Optional.empty();
    }
    int i = 0;
    int n = line.length();
    if (!isNameStart(line.charAt(0))) {
      return Optional.empty();
    }
    while (i < n && isNamePart(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    String labels = "";
    if (i < n && line.charAt(i) == '{') {
      int close = closingBrace(line, i + 1);
      if (close < 0) {
        return Optional.empty();
      }
      labels = line.substring(i + 1, close);
      i = close + 1;
    }
    if (i >= n || !Character.isWhitespace(line.charAt(i))) {
      return Optional.empty(); // no value, or the name runs into garbage ("name=3")
    }
    String[] parts = line.substring(i).strip().split("\\s+");
    if (parts.length > 2) {
      return Optional.empty();
    }
    Optional<Double> value = parseValue(parts[0]);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (parts.length == 2 && !parts[1].matches("-?\\d+")) {
      return Optional.empty();
    }
    return Optional.of(new Sample(name, labels, value.get()));
  }

  /**
   * The labels of a label set as {@link Sample#labels()} holds it ({@code a="x",b="y \"q\""}),
   * values unescaped ({@code \\}, {@code \"}, {@code \n}), in order; a pair that does not parse
   * ends the reading, so what came before it stays.
   */
  public static Map<String, String> labels(String labelSet) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = LABEL.matcher(labelSet);
    int at = 0;
    while (at < labelSet.length() && m.find(at) && m.start() == at) {
      out.put(m.group(1), unescape(m.group(2)));
      at = m.end();
    }
    return out;
  }

  private static String unescape(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char next = v.charAt(++i);
        sb.append(next == 'n' ? '\n' : next);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A Prometheus float: Go's ParseFloat syntax as Prometheus writes it. */
  static Optional<Double> parseValue(String token) {
    switch (token) {
      case "NaN":
        return Optional.of(Double.NaN);
      case "+Inf":
      case "Inf":
        return Optional.of(Double.POSITIVE_INFINITY);
      case "-Inf":
        return Optional.of(Double.NEGATIVE_INFINITY);
      default:
        break;
    }
    // Digits, sign, point and exponent only: Java would also take "Infinity", "0x1p3" or "1d".
    if (!token.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return Optional.empty();
    }
    return Optional.of(Double.parseDouble(token));
  }

  private static int closingBrace(String line, int from) {
    boolean quoted = false;
    for (int j = from; j < line.length(); j++) {
      char c = line.charAt(j);
      if (quoted) {
        if (c == '\\') {
          j++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '}') {
        return j;
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) && c < 128 || c == '_' || c == ':';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || c >= '0' && c <= '9';
  }
}
