package io.phantommesh.perf.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phantommesh.perf.document.ResultJson;

/**
 * JSON for an inline {@code <script type="application/json">} data block: text no HTML parser can
 * end early. Every {@code <}, {@code >} and {@code &} becomes a {@code \}{@code u} escape, so the
 * data holds no {@code </script>}, {@code <!--} or {@code <script} however request names and error
 * messages read; U+2028 and U+2029 are escaped too. The escapes are JSON string escapes: {@code
 * JSON.parse} gives back the very characters (outside strings JSON has none of these).
 *
 * <p>Stateless.
 */
public final class ScriptJson {
  private static final ObjectMapper MAPPER = ResultJson.MAPPER;

  private ScriptJson() {}

  /** {@code value} as JSON safe inside a script data block. */
  public static String of(Object value) {
    try {
      return escape(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + value.getClass().getName(), e);
    }
  }

  /** {@code json} with the characters that could end or open markup escaped. */
  static String escape(String json) {
    StringBuilder sb = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
