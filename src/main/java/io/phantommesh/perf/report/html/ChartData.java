package io.phantommesh.perf.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data the report page's charts draw, taken from the result document: the per-second timeline
 * (downsampled by {@link MinMaxDownsampler} past {@value #MAX_BUCKETS} seconds), the SLO lines, the
 * percentile distribution, and the spike and soak views. Serialized into the page with {@link
 * ScriptJson}; the page's script reads it by the key names below.
 *
 * <p>Pure and stateless.
 */
final class ChartData {
  /** Timelines up to this many seconds (5.5 h) are drawn second by second. */
  static final int MAX_BUCKETS = 20_000;

  private ChartData() {}

  static Map<String, Object> of(ResultDocument doc) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("verdict", doc.verdict() == null ? null : doc.verdict().name());
    data.put("timeline", timeline(doc.timeline()));
    data.put("slo", slo(doc.verdicts()));
    data.put("distribution", distribution(doc.latencyDistribution()));
    JsonNode spike = doc.extra().get("spike");
    if (spike != null && spike.isObject()) {
      data.put("spike", spike(spike));
    }
    JsonNode soak = doc.extra().get("soak");
    if (soak != null && soak.has("series")) {
      data.put("soak", soak(soak));
    }
    return data;
  }

  private static Map<String, Object> timeline(List<ResultDocument.TimelineEntry> timeline) {
    int n = timeline.size();
    long[] x = new long[n];
    Long[] started = new Long[n];
    Long[] responses = new Long[n];
    Long[] errors = new Long[n];
    Long[] users = new Long[n];
    Long[] p50 = new Long[n];
    Long[] p99 = new Long[n];
    for (int i = 0; i < n; i++) {
      ResultDocument.TimelineEntry e = timeline.get(i);
      x[i] = e.epochSecond();
      started[i] = e.started();
      responses[i] = e.responses();
      errors[i] = e.errors();
      users[i] = e.activeUsers();
      // A second without responses has no latency: a gap, not a 0 ms.
      p50[i] = e.responses() == 0 ? null : e.p50();
      p99[i] = e.responses() == 0 ? null : e.p99();
    }
    MinMaxDownsampler.Result r =
        MinMaxDownsampler.downsample(
            x, List.of(responses, started, errors, users, p50, p99), MAX_BUCKETS);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bucket_seconds", r.bucketSeconds());
    out.put("seconds", n);
    out.put("x", r.x());
    out.put("responses", r.series().get(0));
    out.put("started", r.series().get(1));
    out.put("errors", r.series().get(2));
    out.put("users", r.series().get(3));
    out.put("p50", r.series().get(4));
    out.put("p99", r.series().get(5));
    return out;
  }

  private static Map<String, Object> slo(List<Verdict> verdicts) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Verdict v : verdicts) {
      if (v.metric().equals("latency_p99")) {
        out.put("p99_target", v.target());
        out.put("p99_critical", v.critical());
      } else if (v.metric().equals("latency_p50")) {
        out.put("p50_target", v.target());
      }
    }
    return out;
  }

  private static Map<String, Object> distribution(List<ResultDocument.DistributionPoint> points) {
    List<Double> p = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    for (ResultDocument.DistributionPoint d : points) {
      // The plot's x is 1 / (1 - p): 100 % itself has no place on it.
      if (d.percentile() < 100) {
        p.add(d.percentile());
        v.add(d.value());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("percentile", p);
    out.put("value", v);
    return out;
  }

  private static Map<String, Object> spike(JsonNode s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("start", number(s, "spike_start_epoch_second"));
    out.put("end", number(s, "spike_end_epoch_second"));
    Number recovery = number(s, "recovery_seconds");
    Number end = number(s, "spike_end_epoch_second");
    out.put(
        "recovered_at",
        recovery == null || end == null ? null : end.longValue() + recovery.longValue());
    out.put("p99_target", number(s, "p99_target_ms"));
    return out;
  }

  private static Map<String, Object> soak(JsonNode s) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode series = s.get("series");
    out.put("simulated_seconds", series.get("simulated_seconds"));
    out.put("rss_bytes", series.get("rss_bytes"));
    out.put("cpu_percent", series.get("cpu_percent"));
    out.put("phases", s.get("phases"));
    out.put("cpu_limit_percent", number(s, "cpu_limit_percent"));
    JsonNode t = series.get("simulated_seconds");
    Number start = number(s, "rss_fitted_start_bytes");
    Number endValue = number(s, "rss_fitted_end_bytes");
    if (start != null && endValue != null && t != null && t.size() > 0) {
      double t0 = t.get(0).asDouble();
      Number span = number(s, "simulated_seconds");
      Map<String, Object> trend = new LinkedHashMap<>();
      trend.put("from_simulated_seconds", t0);
      trend.put("to_simulated_seconds", t0 + (span == null ? 0 : span.doubleValue()));
      trend.put("from_bytes", start);
      trend.put("to_bytes", endValue);
      trend.put("growth_percent_per_24h", number(s, "memory_growth_percent_per_24h"));
      out.put("trend", trend);
    }
    return out;
  }

  private static Number number(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || !v.isNumber() ? null : v.numberValue();
  }
}
