package io.phantommesh.perf.results;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception of the results package: a run folder or {@code simulation.log} that cannot be
 * read, with the category of the problem (for exit codes), the file and, when the bytes were at
 * fault, the byte offset.
 *
 * <p>The message is meant for a person: it names the file, the offset and the problem in plain
 * words, and says what to do when there is something to do. Unchecked; immutable.
 */
public final class SimulationLogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, coarse enough to map onto process exit codes. */
  public enum Problem {
    /** The run folder, or the {@code simulation.log} in it, does not exist. */
    MISSING,
    /** The run folder holds nothing, or {@code simulation.log} has 0 bytes. */
    EMPTY,
    /** The log ends inside a record (a crashed or still-running Gatling, a partial copy). */
    TRUNCATED,
    /** The log was written by another Gatling version (or in the old text format). */
    WRONG_VERSION,
    /** The bytes are not a Gatling binary log: unknown record, absurd length, bad cache index. */
    NOT_A_LOG,
    /** The operating system refused: permissions, disk errors, a directory where a file was. */
    IO
  }

  /** Marks offsets that do not apply (folder problems, I/O failures). */
  public static final long NO_OFFSET = -1;

  private final Problem problem;
  private final String source;
  private final long byteOffset;

  /**
   * @param problem category of the failure
   * @param source the file or folder at fault, as the message names it
   * @param byteOffset offset in the log where the problem was found, bytes from 0, or {@link
   *     #NO_OFFSET}
   * @param message complete, human-readable message (already naming source and offset)
   * @param cause the underlying exception, may be null
   */
  public SimulationLogException(
      Problem problem, String source, long byteOffset, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.source = Objects.requireNonNull(source, "source");
    this.byteOffset = byteOffset;
  }

  /** The category of the failure. */
  public Problem problem() {
    return problem;
  }

  /** The file or folder at fault, as given by the caller. */
  public String source() {
    return source;
  }

  /** Offset in bytes from the start of the log where the problem was found, if it applies. */
  public Optional<Long> byteOffset() {
    return byteOffset == NO_OFFSET ? Optional.empty() : Optional.of(byteOffset);
  }
}
