package io.phantommesh.perf.run;

import io.phantommesh.perf.results.GatlingHtmlAssertions;
import io.phantommesh.perf.verdict.GatlingAssertions;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads which SLO metric each of Gatling's own assertions encodes, from the English text Gatling's
 * HTML report gives it ("Global: 99th percentile of response time is less than or equal to 200"),
 * so the report can set Gatling's pass/fail beside the exact verdict of the same metric. Stateless.
 */
final class GatlingAssertionText {
  private static final Map<String, String> METRIC_OF_TEXT = new LinkedHashMap<>();

  static {
    // Longest first where one text contains another ("99.9th" before "99th").
    METRIC_OF_TEXT.put("mean of response time", VerdictEvaluator.LATENCY_MEAN);
    METRIC_OF_TEXT.put("99.9th percentile of response time", VerdictEvaluator.LATENCY_P999);
    METRIC_OF_TEXT.put("99th percentile of response time", VerdictEvaluator.LATENCY_P99);
    METRIC_OF_TEXT.put("50th percentile of response time", VerdictEvaluator.LATENCY_P50);
    METRIC_OF_TEXT.put("percentage of failed events", VerdictEvaluator.ERROR_RATE);
  }

  private GatlingAssertionText() {}

  /** Gatling's outcomes with the metric each assertion encodes (see SloAssertions' order). */
  static GatlingAssertions toReport(List<GatlingHtmlAssertions.Outcome> outcomes) {
    List<GatlingAssertions.Outcome> mapped = new ArrayList<>();
    boolean allPassed = true;
    for (GatlingHtmlAssertions.Outcome o : outcomes) {
      mapped.add(
          new GatlingAssertions.Outcome(metricOf(o.description()), o.description(), o.passed()));
      allPassed &= o.passed();
    }
    return GatlingAssertions.of(allPassed, mapped);
  }

  /** The metric of a global assertion's text; null for a per-request one or an unknown text. */
  static String metricOf(String description) {
    if (!description.startsWith("Global:")) {
      return null;
    }
    for (Map.Entry<String, String> e : METRIC_OF_TEXT.entrySet()) {
      if (description.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
