package io.phantommesh.perf.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * What a simulation knows of its silent warm-up that {@code simulation.log} cannot say (its
 * requests are silent): where it went, at what rate, for how long, and how many requests it sent.
 * Carried in the run's sidecar ({@link RunSidecar#warmUp()}).
 *
 * <p>Immutable.
 *
 * @param target where the warm-up went, without credentials: {@code embedded warm-up service
 *     (http://127.0.0.1:port)} or the run's target
 * @param separateService true when it went to an embedded instance of its own, never to the target
 *     the run measures
 * @param rate request rate of this injector's warm-up, req/s, >= 0
 * @param lengthSeconds planned length, seconds, >= 0
 * @param plannedRequests requests the plan sends (rate times length, rounded)
 * @param sentRequests requests the separate warm-up service answered; {@code null} when the warm-up
 *     went to the target (the count is then the planned one)
 */
@JsonPropertyOrder({
  "target",
  "separate_service",
  "rate",
  "length_seconds",
  "planned_requests",
  "sent_requests"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WarmUpFacts(
    @JsonProperty("target") String target,
    @JsonProperty("separate_service") boolean separateService,
    @JsonProperty("rate") double rate,
    @JsonProperty("length_seconds") double lengthSeconds,
    @JsonProperty("planned_requests") long plannedRequests,
    @JsonProperty("sent_requests") Long sentRequests) {

  /** These facts with the separate service's own count of the requests it answered. */
  public WarmUpFacts withSentRequests(long sent) {
    return new WarmUpFacts(target, separateService, rate, lengthSeconds, plannedRequests, sent);
  }

  /** Requests sent: counted when the separate service counted them, planned otherwise. */
  public long requests() {
    return sentRequests != null ? sentRequests : plannedRequests;
  }

  /**
   * The warm-up of several injectors as one: rates and requests summed, the longest length, the
   * first target; empty when none recorded one.
   */
  public static Optional<WarmUpFacts> combine(List<WarmUpFacts> injectors) {
    if (injectors.isEmpty()) {
      return Optional.empty();
    }
    WarmUpFacts first = injectors.get(0);
    boolean allCounted = injectors.stream().allMatch(f -> f.sentRequests() != null);
    return Optional.of(
        new WarmUpFacts(
            first.target(),
            injectors.stream().allMatch(WarmUpFacts::separateService),
            injectors.stream().mapToDouble(WarmUpFacts::rate).sum(),
            injectors.stream().mapToDouble(WarmUpFacts::lengthSeconds).max().orElse(0),
            injectors.stream().mapToLong(WarmUpFacts::plannedRequests).sum(),
            allCounted ? injectors.stream().mapToLong(WarmUpFacts::requests).sum() : null));
  }
}
