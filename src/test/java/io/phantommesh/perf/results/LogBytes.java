package io.phantommesh.perf.results;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@code simulation.log} bytes field by field, independently of {@link SimulationLogWriter},
 * so fixtures spell the format out in plain sight.
 */
final class LogBytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static LogBytes log() {
    return new LogBytes();
  }

  LogBytes b(int value) {
    out.write(value);
    return this;
  }

  LogBytes bool(boolean value) {
    return b(value ? 1 : 0);
  }

  LogBytes i(int value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    return this;
  }

  LogBytes l(long value) {
    out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    return this;
  }

  LogBytes raw(byte... bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** A string stored as Latin-1: length, bytes, coder 0 (or the bare 0 length when empty). */
  LogBytes latin1(String s) {
    if (s.isEmpty()) {
      return i(0);
    }
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    return i(bytes.length).raw(bytes).b(0);
  }

  /** A string stored as UTF-16 little-endian: length in bytes, bytes, coder 1. */
  LogBytes utf16(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
    return i(bytes.length).raw(bytes).b(1);
  }

  /** A new string cache entry holding a Latin-1 string. */
  LogBytes newLatin1(int index, String s) {
    return i(index).latin1(s);
  }

  /** A new string cache entry holding a UTF-16 string. */
  LogBytes newUtf16(int index, String s) {
    return i(index).utf16(s);
  }

  /** A back-reference to string cache entry {@code index}. */
  LogBytes ref(int index) {
    return i(-index);
  }

  /** A Run record of Gatling {@code version} with Latin-1 scenario names and no assertion. */
  LogBytes run(String version, long startEpochMillis, String... scenarios) {
    b(0).latin1(version).latin1("sim.Tiny").l(startEpochMillis).latin1("");
    i(scenarios.length);
    for (String scenario : scenarios) {
      latin1(scenario);
    }
    return i(0);
  }

  /** A User record. */
  LogBytes user(int scenario, boolean start, int offsetMillis) {
    return b(2).i(scenario).bool(start).i(offsetMillis);
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
