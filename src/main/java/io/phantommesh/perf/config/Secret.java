package io.phantommesh.perf.config;

import java.util.Objects;

/**
 * A secret value (the API token) that never prints itself.
 *
 * <p>Immutable. {@link #toString()} returns a mask, so a secret that reaches a log line, an
 * exception message or a result file shows as {@code ****}; only {@link #reveal()} gives the value,
 * and only the HTTP layer calls it.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps {@code value}; an empty string means "no secret". */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  /** Returns the secret in clear: for the Authorization header only. */
  public String reveal() {
    return value;
  }

  /** True when no secret was configured. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "<none>" : "****";
  }
}
