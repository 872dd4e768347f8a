package io.phantommesh.perf.results;

/**
 * How often one error message occurred (KO response messages and Error records alike).
 *
 * <p>Immutable.
 */
public record ErrorCount(String message, long count) {}
