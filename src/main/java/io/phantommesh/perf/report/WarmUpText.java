package io.phantommesh.perf.report;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Formats;

/** One sentence on a run's silent warm-up, for the console and {@code report.md}. Stateless. */
final class WarmUpText {
  private WarmUpText() {}

  /**
   * E.g. {@code 16.2 s silent warm-up at 500.0 req/s, 7,500 requests to embedded warm-up service
   * (http://127.0.0.1:40001), left out of every figure}.
   */
  static String describe(ResultDocument.WarmUp w) {
    StringBuilder s = new StringBuilder();
    s.append(Formats.seconds(w.duration())).append(" s silent warm-up");
    if (w.rate() != null) {
      s.append(" at ").append(Formats.rate(w.rate())).append(" req/s");
    }
    if (w.requests() != null) {
      s.append(", ").append(Formats.count(w.requests())).append(" requests");
    } else {
      s.append(", ").append(Formats.count(w.users())).append(" users");
    }
    if (w.target() != null) {
      s.append(" to ").append(w.target());
    }
    s.append(", left out of every figure");
    if (w.recordsLeftOut() > 0) {
      s.append(" (").append(Formats.count(w.recordsLeftOut())).append(" logged records too)");
    }
    return s.toString();
  }
}
