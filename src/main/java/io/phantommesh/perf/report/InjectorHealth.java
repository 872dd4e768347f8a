package io.phantommesh.perf.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How loaded the injector itself was during the run: an overloaded injector measures itself, not
 * the target.
 *
 * <p>Immutable. Every field is optional ({@code null} when not sampled) and left out of the JSON.
 *
 * @param cpuPercentAvg mean process CPU over the run, percent of all cores, 0..100
 * @param cpuPercentMax busiest sample, percent of all cores, 0..100
 * @param gcTimeMs total garbage-collection time, milliseconds, >= 0
 * @param heapMaxMb largest heap used, mebibytes, >= 0
 * @param warning one line for reviewers when the figures are suspect, e.g. "CPU above 90 %"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cpu_percent_avg", "cpu_percent_max", "gc_time_ms", "heap_max_mb", "warning"})
public record InjectorHealth(
    Double cpuPercentAvg, Double cpuPercentMax, Long gcTimeMs, Double heapMaxMb, String warning) {}
