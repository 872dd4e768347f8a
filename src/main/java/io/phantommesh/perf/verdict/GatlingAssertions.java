package io.phantommesh.perf.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Gatling's own assertions said about the run, and where that differs from the exact figures.
 * Gatling judges t-digest estimates seeded at random, so near a limit the two can disagree; the
 * tiered verdicts are authoritative, the disagreements are shown to reviewers.
 *
 * <p>Immutable.
 *
 * @param passed Gatling's overall outcome (its exit code), {@code null} if unknown
 * @param outcomes Gatling's outcome per assertion, when known
 * @param disagreements where Gatling's pass/fail differs from the exact figures' tier
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"passed", "outcomes", "disagreements"})
public record GatlingAssertions(
    Boolean passed, List<Outcome> outcomes, List<Disagreement> disagreements) {

  public GatlingAssertions {
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    disagreements = disagreements == null ? List.of() : List.copyOf(disagreements);
  }

  /**
   * Gatling's outcome of one assertion.
   *
   * @param metric the verdict metric this assertion encodes the target of (e.g. {@code
   *     latency_p99}), or {@code null} if it maps to none
   * @param description Gatling's text of the assertion, e.g. {@code Global: 99th percentile of
   *     response time is less than 200.0}
   * @param passed whether Gatling found it met
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"metric", "description", "passed"})
  public record Outcome(String metric, String description, boolean passed) {}

  /**
   * One place where Gatling and the exact figures differ.
   *
   * @param metric the verdict metric concerned, {@code null} for the run as a whole
   * @param description Gatling's text of the assertion, or a summary for the whole run
   * @param gatlingPassed Gatling's outcome
   * @param exactTier the tier of the exact figure ({@code PASS} means the target is met)
   * @param detail the exact figure against its target
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"metric", "description", "gatling_passed", "exact_tier", "detail"})
  public record Disagreement(
      String metric, String description, boolean gatlingPassed, Tier exactTier, String detail) {}

  /** Gatling's outcome alone, disagreements not yet computed. */
  public static GatlingAssertions of(Boolean passed, List<Outcome> outcomes) {
    return new GatlingAssertions(passed, outcomes, List.of());
  }

  /**
   * These outcomes with the disagreements recomputed against {@code verdicts}: an assertion
   * disagrees when Gatling's pass/fail differs from "the exact tier is PASS" (a Gatling assertion
   * encodes the target). When Gatling failed overall but every verdict passes, that is a
   * disagreement of the whole run.
   */
  public GatlingAssertions reconciledWith(List<Verdict> verdicts) {
    Map<String, Verdict> byMetric = new HashMap<>();
    verdicts.forEach(v -> byMetric.putIfAbsent(v.metric(), v));
    List<Disagreement> found = new ArrayList<>();
    for (Outcome o : outcomes) {
      Verdict v = o.metric() == null ? null : byMetric.get(o.metric());
      if (v != null && o.passed() != (v.tier() == Tier.PASS)) {
        found.add(new Disagreement(v.metric(), o.description(), o.passed(), v.tier(), v.detail()));
      }
    }
    boolean allPass = !verdicts.isEmpty() && verdicts.stream().allMatch(v -> v.tier() == Tier.PASS);
    if (Boolean.FALSE.equals(passed) && allPass && found.isEmpty()) {
      found.add(
          new Disagreement(
              null,
              "Gatling reported a failed assertion",
              false,
              Tier.PASS,
              "every exact figure meets its target"));
    }
    return new GatlingAssertions(passed, outcomes, found);
  }
}
