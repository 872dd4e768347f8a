package io.phantommesh.perf.run.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The bytes of a file that another process or thread is still appending to, as a stream that waits
 * at its current end instead of ending: {@link #read} blocks until more bytes are written or {@link
 * #finish()} is called, and returns -1 only once finished and every byte has been read.
 *
 * <p>Gatling writes {@code simulation.log} in blocks of 8 KiB that cut records anywhere; a decoder
 * reading this stream sees each record whole, however it was cut. Thread-safe for one reader thread
 * plus any thread calling {@link #finish()} or {@link #close()}.
 */
public final class LogTail extends InputStream {
  private final FileChannel channel;
  private final long pollNanos;
  private volatile boolean finished;
  private volatile boolean closed;
  private long position;

  /**
   * Opens the file for tailing from its first byte.
   *
   * @param file the growing file; must exist
   * @param pollMillis how long to wait before looking again when no byte is new, ms (>= 1)
   */
  public LogTail(Path file, long pollMillis) throws IOException {
    if (pollMillis < 1) {
      throw new IllegalArgumentException("pollMillis must be >= 1, was " + pollMillis);
    }
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
  }

  /** No more bytes will be written: the stream ends once the reader has caught up. */
  public void finish() {
    finished = true;
  }

  /** Bytes handed out so far. */
  public long position() {
    return position;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (true) {
      if (closed) {
        return -1;
      }
      // Read "finished" before reading: bytes written before finish() are then seen below.
      boolean last = finished;
      int n = channel.read(ByteBuffer.wrap(into, offset, length), position);
      if (n > 0) {
        position += n;
        return n;
      }
      if (last) {
        return -1;
      }
      LockSupport.parkNanos(pollNanos);
      if (Thread.interrupted()) {
        throw new java.io.InterruptedIOException("tail of a growing file interrupted");
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    channel.close();
  }
}
