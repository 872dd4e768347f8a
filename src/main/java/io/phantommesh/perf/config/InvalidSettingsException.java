package io.phantommesh.perf.config;

import java.util.List;

/**
 * Thrown when settings are unknown, mistyped or out of range; lists every problem found.
 *
 * <p>Each problem names the full key, the value given, the rule it breaks and where the value came
 * from (file and line, system property or environment).
 */
public final class InvalidSettingsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidSettingsException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder sb =
        new StringBuilder("Invalid phantom-mesh-perf settings (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems")
            .append("):");
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    return sb.toString();
  }

  /** No stack trace: this is a user-facing error whose message says everything. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
