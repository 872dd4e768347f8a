package io.phantommesh.perf.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated memory leak: retains a number of bytes per API request, never freed, up to a cap.
 *
 * <p>Thread-safe. Bytes are held in chunks of at most 64 KiB, filled with a non-zero pattern so
 * their pages are really resident, and allocated only when the retained total crosses a chunk
 * boundary; so the memory held is {@link #retainedBytes()} rounded up to a chunk, and the hot path
 * is one compare-and-set. Retention stops for good at the cap.
 */
final class MemoryLeak {
  static final int MAX_BYTES_PER_REQUEST = 65_536;
  private static final int MAX_CHUNK_BYTES = 64 * 1024;

  private final long capBytes;
  private final int chunkBytes;
  private final AtomicLong retained = new AtomicLong();
  private final List<byte[]> chunks = new ArrayList<>(); // guarded by this
  private volatile int chunkCount;
  private volatile int bytesPerRequest;

  /**
   * @param bytesPerRequest bytes retained per request, 0..65536
   * @param capBytes retention stops here, >= 0
   */
  MemoryLeak(int bytesPerRequest, long capBytes) {
    if (capBytes < 0) {
      throw new IllegalArgumentException("leak cap must be >= 0 bytes, was " + capBytes);
    }
    this.capBytes = capBytes;
    this.chunkBytes = (int) Math.max(1, Math.min(MAX_CHUNK_BYTES, capBytes));
    setBytesPerRequest(bytesPerRequest);
  }

  /**
   * @param bytes bytes retained per request from now on, 0..65536
   */
  void setBytesPerRequest(int bytes) {
    if (bytes < 0 || bytes > MAX_BYTES_PER_REQUEST) {
      throw new IllegalArgumentException(
          "leak bytes per request must be between 0 and "
              + MAX_BYTES_PER_REQUEST
              + ", was "
              + bytes);
    }
    this.bytesPerRequest = bytes;
  }

  int bytesPerRequest() {
    return bytesPerRequest;
  }

  long capBytes() {
    return capBytes;
  }

  /** Bytes retained so far, <= the cap. */
  long retainedBytes() {
    return retained.get();
  }

  /** Retains this request's share, if any and while under the cap. */
  void onRequest() {
    int n = bytesPerRequest;
    if (n == 0) {
      return;
    }
    long before;
    long after;
    do {
      before = retained.get();
      if (before >= capBytes) {
        return;
      }
      after = Math.min(capBytes, before + n);
    } while (!retained.compareAndSet(before, after));
    long needed = (after + chunkBytes - 1) / chunkBytes;
    if (needed > chunkCount) {
      grow((int) needed);
    }
  }

  private synchronized void grow(int needed) {
    while (chunks.size() < needed) {
      byte[] chunk = new byte[chunkBytes];
      Arrays.fill(chunk, (byte) 0x5A);
      chunks.add(chunk);
    }
    chunkCount = chunks.size();
  }
}
