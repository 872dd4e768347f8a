package io.phantommesh.perf.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a binary {@code simulation.log} in the format of the Gatling versions of {@link
 * SimulationLogReader#SUPPORTED_GATLING_VERSIONS}, byte for byte what their own writer produces for
 * the same records: same string cache (one cache for group names, request names and messages,
 * entries numbered from 1 in first-use order, the empty string included), same string encoding.
 *
 * <p>Strings are written as the JDK stores them with compact strings on (its default): Latin-1
 * (coder 0) when every char is at most U+00FF, otherwise UTF-16 little-endian (coder 1), the byte
 * order of x86 and ARM. A log written by a JVM run with {@code -XX:-CompactStrings} stores every
 * string as UTF-16; such a log reads back the same but does not copy byte for byte.
 *
 * <p>The Run record is written on construction. Not thread-safe; owns and closes its output.
 */
public final class SimulationLogWriter implements AutoCloseable {

  private static final int BUFFER_SIZE = 1 << 16;

  private final WritableByteChannel out;
  private final String targetName;
  private final ByteBuffer bb = ByteBuffer.allocate(BUFFER_SIZE);
  private final Map<String, Integer> cache = new HashMap<>();
  private final int scenarioCount;
  private long flushedBytes;
  private boolean closed;

  /**
   * Starts a log on a channel by writing its Run record.
   *
   * @param out where the log goes; closed by {@link #close()}
   * @param targetName how error messages name the output
   * @param run the header; its version must be one of {@link
   *     SimulationLogReader#SUPPORTED_GATLING_VERSIONS} (it is written as is) and its assertion
   *     count the number of {@code pickledAssertions}
   * @param pickledAssertions the assertions as Gatling pickled them, copied as they are (see {@link
   *     SimulationLogReader#pickledAssertions()}); empty for none
   */
  public SimulationLogWriter(
      WritableByteChannel out, String targetName, RunInfo run, List<byte[]> pickledAssertions) {
    this.out = Objects.requireNonNull(out, "out");
    this.targetName = Objects.requireNonNull(targetName, "targetName");
    if (!SimulationLogReader.isSupported(run.gatlingVersion())) {
      throw new IllegalArgumentException(
          "can only write logs of Gatling "
              + SimulationLogReader.supportedVersionsText()
              + ", run says "
              + run.gatlingVersion());
    }
    if (run.assertionCount() != pickledAssertions.size()) {
      throw new IllegalArgumentException(
          "run declares "
              + run.assertionCount()
              + " assertion(s) but "
              + pickledAssertions.size()
              + " pickled assertion(s) were given");
    }
    this.scenarioCount = run.scenarios().size();
    writeRun(run, pickledAssertions);
  }

  /** Creates (or replaces) {@code logFile} and writes the Run record to it. */
  public static SimulationLogWriter create(
      Path logFile, RunInfo run, List<byte[]> pickledAssertions) {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              logFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + logFile, e);
    }
    return new SimulationLogWriter(channel, logFile.toString(), run, pickledAssertions);
  }

  /** Writes the log to a stream, which {@link #close()} closes. */
  public static SimulationLogWriter of(
      OutputStream out, String targetName, RunInfo run, List<byte[]> pickledAssertions) {
    return new SimulationLogWriter(Channels.newChannel(out), targetName, run, pickledAssertions);
  }

  /**
   * Writes a User record.
   *
   * @param scenarioIndex index into the run's scenarios, 0-based
   * @param isStart true when the user starts, false when it ends
   * @param timestampOffsetMillis ms from the run start
   */
  public void writeUser(int scenarioIndex, boolean isStart, int timestampOffsetMillis) {
    if (scenarioIndex < 0 || scenarioIndex >= scenarioCount) {
      throw new IllegalArgumentException(
          "scenario index " + scenarioIndex + " outside 0.." + (scenarioCount - 1));
    }
    ensure(1 + 4 + 1 + 4);
    bb.put((byte) 2)
        .putInt(scenarioIndex)
        .put(isStart ? (byte) 1 : 0)
        .putInt(timestampOffsetMillis);
  }

  /**
   * Writes a Request record.
   *
   * @param groupPath enclosing groups, outermost first; empty at top level
   * @param name request name
   * @param startOffsetMillis ms from the run start
   * @param endOffsetMillis ms from the run start
   * @param isOk status OK (true) or KO
   * @param message failure message; {@code ""} (or null) for none
   */
  public void writeRequest(
      List<String> groupPath,
      String name,
      int startOffsetMillis,
      int endOffsetMillis,
      boolean isOk,
      String message) {
    writeByte((byte) 1);
    writeGroups(groupPath);
    writeCachedString(name);
    ensure(4 + 4 + 1);
    bb.putInt(startOffsetMillis).putInt(endOffsetMillis).put(isOk ? (byte) 1 : 0);
    writeCachedString(message == null ? "" : message);
  }

  /**
   * Writes a Group record.
   *
   * @param groupPath the group, preceded by its enclosing groups; not empty
   * @param startOffsetMillis ms from the run start
   * @param endOffsetMillis ms from the run start
   * @param cumulatedResponseTimeMillis sum of the response times inside, ms
   * @param isOk status OK (true) or KO
   */
  public void writeGroup(
      List<String> groupPath,
      int startOffsetMillis,
      int endOffsetMillis,
      int cumulatedResponseTimeMillis,
      boolean isOk) {
    if (groupPath.isEmpty()) {
      throw new IllegalArgumentException("a Group record needs at least one group name");
    }
    writeByte((byte) 3);
    writeGroups(groupPath);
    ensure(4 + 4 + 4 + 1);
    bb.putInt(startOffsetMillis)
        .putInt(endOffsetMillis)
        .putInt(cumulatedResponseTimeMillis)
        .put(isOk ? (byte) 1 : 0);
  }

  /**
   * Writes an Error record.
   *
   * @param message what went wrong
   * @param timestampOffsetMillis ms from the run start
   */
  public void writeError(String message, int timestampOffsetMillis) {
    writeByte((byte) 4);
    writeCachedString(message);
    ensure(4);
    bb.putInt(timestampOffsetMillis);
  }

  /** Bytes of log produced so far, buffered ones included. */
  public long bytesWritten() {
    return flushedBytes + bb.position();
  }

  /** Flushes the buffer and closes the output; further writes fail. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close " + targetName, e);
    }
  }

  private void writeRun(RunInfo run, List<byte[]> pickledAssertions) {
    writeByte((byte) 0);
    writeString(run.gatlingVersion());
    writeString(run.simulationClass());
    ensure(8);
    bb.putLong(run.startEpochMillis());
    writeString(run.runDescription());
    writeInt(run.scenarios().size());
    for (String scenario : run.scenarios()) {
      writeString(scenario);
    }
    writeInt(pickledAssertions.size());
    for (byte[] assertion : pickledAssertions) {
      writeInt(assertion.length);
      writeBytes(assertion);
    }
  }

  private void writeGroups(List<String> groupPath) {
    writeInt(groupPath.size());
    for (String group : groupPath) {
      writeCachedString(group);
    }
  }

  private void writeCachedString(String value) {
    Objects.requireNonNull(value, "string");
    Integer index = cache.get(value);
    if (index != null) {
      writeInt(-index);
      return;
    }
    // Entries start at 1: a back-reference is the negated index, and -0 would be 0.
    int next = cache.size() + 1;
    cache.put(value, next);
    writeInt(next);
    writeString(value);
  }

  private void writeString(String value) {
    if (value.isEmpty()) {
      writeInt(0);
      return;
    }
    byte[] bytes;
    byte coder;
    if (isLatin1(value)) {
      bytes = value.getBytes(StandardCharsets.ISO_8859_1);
      coder = 0;
    } else {
      bytes = new byte[value.length() * 2];
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        bytes[2 * i] = (byte) c;
        bytes[2 * i + 1] = (byte) (c >>> 8);
      }
      coder = 1;
    }
    writeInt(bytes.length);
    writeBytes(bytes);
    writeByte(coder);
  }

  private static boolean isLatin1(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private void writeByte(byte value) {
    ensure(1);
    bb.put(value);
  }

  private void writeInt(int value) {
    ensure(4);
    bb.putInt(value);
  }

  private void writeBytes(byte[] bytes) {
    int done = 0;
    while (done < bytes.length) {
      if (!bb.hasRemaining()) {
        flushUnchecked();
      }
      int chunk = Math.min(bytes.length - done, bb.remaining());
      bb.put(bytes, done, chunk);
      done += chunk;
    }
  }

  private void ensure(int bytes) {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    if (bb.remaining() < bytes) {
      flushUnchecked();
    }
  }

  private void flushUnchecked() {
    try {
      flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + targetName, e);
    }
  }

  private void flush() throws IOException {
    bb.flip();
    while (bb.hasRemaining()) {
      flushedBytes += out.write(bb);
    }
    bb.clear();
  }
}
