package io.phantommesh.perf.simulation.support;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import io.phantommesh.perf.config.SloSettings;
import java.util.List;

/**
 * The Gatling assertion block of a load model, built from its targets in one place, so a missed
 * target fails {@code mvn gatling:test} (Gatling exits with status 2).
 *
 * <p>Each assertion encodes the PASS limit. Percentiles use {@code percentile(x)}, never {@code
 * percentile3()}, whose meaning depends on gatling.conf. Gatling has no peak-rate assertion (its
 * {@code requestsPerSec()} is a whole-run mean), so peak req/s is judged by the post-processor
 * only. Gatling's percentiles are t-digest estimates; the post-processor's verdicts use exact
 * figures and say where the two disagree.
 */
public final class SloAssertions {
  private SloAssertions() {}

  /** Mean, P50, P99, P99.9 (ms, at most the target) and the failed-request share (below target). */
  public static List<Assertion> of(SloSettings slo) {
    return List.of(
        global().responseTime().mean().lte(millis(slo.meanMillis().target())),
        global().responseTime().percentile(50.0).lte(millis(slo.p50Millis().target())),
        global().responseTime().percentile(99.0).lte(millis(slo.p99Millis().target())),
        global().responseTime().percentile(99.9).lte(millis(slo.p999Millis().target())),
        global().failedRequests().percent().lt(slo.errorRate().target() * 100.0));
  }

  // Gatling records whole milliseconds, so a fractional limit rounds down to stay strict.
  private static int millis(double value) {
    return (int) Math.floor(value);
  }
}
