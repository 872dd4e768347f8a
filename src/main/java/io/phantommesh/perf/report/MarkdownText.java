package io.phantommesh.perf.report;

/**
 * Escaping of free text (request names, error messages, run ids) for Markdown table cells and
 * paragraphs, GitHub-flavoured: nothing in the text can start a tag, an entity, emphasis, a code
 * span, a link or a new table cell, and the text stays readable as plain text.
 */
final class MarkdownText {
  private MarkdownText() {}

  /** {@code text} safe inside a table cell or a paragraph, on one line; {@code "n/a"} for null. */
  static String escape(String text) {
    if (text == null) {
      return "n/a";
    }
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '|', '~' -> sb.append('\\').append(c);
        // Only '<' before a letter, '/', '!' or '?' can open raw HTML or an autolink.
        case '<' -> sb.append(startsTag(next) ? "&lt;" : "<");
        // Only '&' before a letter or '#' can start an entity.
        case '&' -> sb.append(Character.isLetter(next) || next == '#' ? "&amp;" : "&");
        case '\n', '\r', '\t' -> sb.append(' ');
        default -> sb.append(Character.isISOControl(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  /** A relative link target: spaces, parentheses and angle brackets percent-encoded. */
  static String linkTarget(String path) {
    StringBuilder sb = new StringBuilder();
    for (char c : path.toCharArray()) {
      switch (c) {
        case ' ' -> sb.append("%20");
        case '(' -> sb.append("%28");
        case ')' -> sb.append("%29");
        case '<' -> sb.append("%3C");
        case '>' -> sb.append("%3E");
        case '\\' -> sb.append('/');
        default -> sb.append(Character.isISOControl(c) ? "" : String.valueOf(c));
      }
    }
    return sb.toString();
  }

  private static boolean startsTag(char next) {
    return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
  }
}
