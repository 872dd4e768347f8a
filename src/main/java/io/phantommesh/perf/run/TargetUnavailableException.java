package io.phantommesh.perf.run;

/**
 * The target failed the preflight check: unreachable, unhealthy, or it refused the API token.
 *
 * <p>The message says what is wrong and how to fix it; it never contains the token.
 */
public final class TargetUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public TargetUnavailableException(String message) {
    super(message);
  }

  /** No stack trace: this is a user-facing error whose message says everything. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
