package io.phantommesh.perf.embedded;

/**
 * A request body the API cannot accept: malformed JSON, or a required field missing or invalid. The
 * service answers it with 400 and the message as {@code {"error": ...}}.
 *
 * <p>The message names the field and the rule and never echoes more than the field's name, so it is
 * safe to return to any client.
 */
final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message, null, false, false);
  }
}
