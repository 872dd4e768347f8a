package io.phantommesh.perf.run;

import io.phantommesh.perf.cli.ExitCodes;

/**
 * A result document or reports folder the command was pointed at is missing, unreadable or not a
 * result: exit {@link ExitCodes#UNUSABLE_INPUT}. The message names the path and what to pass
 * instead.
 */
public final class UnusableInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnusableInputException(String message) {
    super(message);
  }

  public UnusableInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
