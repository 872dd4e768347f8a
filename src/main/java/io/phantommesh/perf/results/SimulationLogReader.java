package io.phantommesh.perf.results;

import io.phantommesh.perf.results.SimulationLogException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Streaming decoder of the binary {@code simulation.log} written by every Gatling version in {@link
 * #SUPPORTED_GATLING_VERSIONS}: reads one record at a time through a fixed buffer and hands it to a
 * {@link LogRecordVisitor}, so memory does not grow with the log, only with its distinct strings.
 *
 * <p>The format (big-endian; see {@code docs/results.md}): a Run record, then User, Request, Group
 * and Error records. Strings are an int byte length, the bytes of the JDK's internal representation
 * and a coder byte (0 Latin-1, 1 UTF-16 little-endian, as Gatling copies it from {@code
 * String.value} on x86/ARM); the empty string is a bare 0 length. Names and messages are cached: a
 * positive int introduces the next entry, a negative one refers back to an earlier one.
 *
 * <p>Refuses logs of any other Gatling version, naming the supported ones. Every failure is a
 * {@link SimulationLogException} naming the source, the byte offset and the problem; a truncated
 * log fails with {@link Problem#TRUNCATED} only after every complete record before the cut has been
 * visited, so callers can still use them (see {@link RunAggregator.Options#allowPartial()}). Not
 * thread-safe; owns and closes its input.
 */
public final class SimulationLogReader implements AutoCloseable {

  /**
   * Every Gatling version whose log layout this reader knows, oldest first: their log writers
   * ({@code LogFileDataWriter}, {@code RecordHeader}, {@code StringInternals}) are the same from
   * 3.14.0 to 3.15.1 in Gatling's sources, and 3.16.0's compiled writer classes are byte-identical
   * to 3.15.1's (docs/results.md says how this was checked). Add a version here only after checking
   * its writer and committing a fixture log of a real run of it.
   */
  public static final List<String> SUPPORTED_GATLING_VERSIONS =
      List.of(
          "3.14.0", "3.14.1", "3.14.2", "3.14.3", "3.14.4", "3.14.5", "3.14.6", "3.14.7", "3.14.8",
          "3.14.9", "3.15.0", "3.15.1", "3.16.0");

  /** The Gatling version the suite runs on (the pom's {@code gatling.version}). */
  public static final String PINNED_GATLING_VERSION = "3.16.0";

  /**
   * The Gatling version the suite runs on.
   *
   * @deprecated the reader accepts every version of {@link #SUPPORTED_GATLING_VERSIONS}; use {@link
   *     #PINNED_GATLING_VERSION} for the suite's own version
   */
  @Deprecated public static final String SUPPORTED_GATLING_VERSION = PINNED_GATLING_VERSION;

  /** The name Gatling gives the log inside a run folder. */
  public static final String LOG_FILE_NAME = "simulation.log";

  /** Longest string accepted, in bytes (16 MiB); longer lengths mean the bytes are not a log. */
  static final int MAX_STRING_BYTES = 16 << 20;

  /** Longest version string accepted, in bytes; Gatling versions are like "3.15.1". */
  private static final int MAX_VERSION_BYTES = 64;

  /** Deepest group nesting accepted; Gatling has no limit, but a deeper one means garbage. */
  static final int MAX_GROUP_DEPTH = 1024;

  /** Most scenarios or assertions a Run record may declare. */
  private static final int MAX_RUN_ENTRIES = 1 << 16;

  /** Largest pickled assertion accepted, in bytes (1 MiB). */
  private static final int MAX_ASSERTION_BYTES = 1 << 20;

  /** Run starts outside [1970, 3000) are not epoch milliseconds. */
  private static final long MAX_PLAUSIBLE_EPOCH_MILLIS = 32_503_680_000_000L;

  private static final int BUFFER_SIZE = 1 << 20;

  /** Bytes the fast path needs in the buffer: the largest record it decodes. */
  private static final int FAST_WINDOW = 256;

  /** Deepest group path the fast path decodes; deeper ones take the careful path. */
  private static final int FAST_MAX_DEPTH = 32;

  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+[0-9A-Za-z.+-]*");

  private static final byte RUN = 0;
  private static final byte REQUEST = 1;
  private static final byte USER = 2;
  private static final byte GROUP = 3;
  private static final byte ERROR = 4;

  /** Where bytes come from: a file channel or a stream. */
  private interface Source extends AutoCloseable {
    /** Like InputStream.read: bytes read, or -1 at the end. */
    int read(byte[] into, int offset, int length) throws IOException;

    @Override
    void close() throws IOException;
  }

  private final String sourceName;
  private final Source source;
  private final long size;

  private final byte[] buf = new byte[BUFFER_SIZE];
  private long bufStart;
  private int pos;
  private int lim;

  private String[] cache = new String[256];
  private int cacheSize;
  private final GroupNode rootGroup = new GroupNode(List.of());

  private RunInfo run;
  private String logVersion;
  private List<byte[]> pickledAssertions = List.of();
  private String[] scenarios;

  private long recordNumber;
  private long recordStart;
  private String recordKind = "the Run record";

  private SimulationLogReader(String sourceName, Source source, long size) {
    this.sourceName = sourceName;
    this.source = source;
    this.size = size;
  }

  /**
   * Opens a log for reading.
   *
   * @param folderOrLog a Gatling run folder (the log is its {@code simulation.log}) or the log
   * @throws SimulationLogException MISSING, EMPTY or IO when there is no readable, non-empty log
   */
  public static SimulationLogReader open(Path folderOrLog) {
    Path log = RunFolders.locateLog(folderOrLog);
    try {
      FileChannel channel = FileChannel.open(log, StandardOpenOption.READ);
      long size = channel.size();
      return new SimulationLogReader(
          log.toString(),
          new Source() {
            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
              return channel.read(ByteBuffer.wrap(into, offset, length));
            }

            @Override
            public void close() throws IOException {
              channel.close();
            }
          },
          size);
    } catch (IOException e) {
      throw new SimulationLogException(
          Problem.IO,
          log.toString(),
          SimulationLogException.NO_OFFSET,
          "Could not open " + log + ": " + e,
          e);
    }
  }

  /**
   * Reads a log from a stream, which the reader closes when it is closed.
   *
   * @param in the log's bytes from the first one; need not be buffered
   * @param sourceName how messages name the source, e.g. a file name or URL
   */
  public static SimulationLogReader of(InputStream in, String sourceName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    return new SimulationLogReader(
        sourceName,
        new Source() {
          @Override
          public int read(byte[] into, int offset, int length) throws IOException {
            return in.read(into, offset, length);
          }

          @Override
          public void close() throws IOException {
            in.close();
          }
        },
        -1);
  }

  /**
   * Reads only the Run record of a log: version check included, records left unread.
   *
   * @param folderOrLog a Gatling run folder or its {@code simulation.log}
   */
  public static RunInfo readRunInfo(Path folderOrLog) {
    try (SimulationLogReader reader = open(folderOrLog)) {
      return reader.run();
    }
  }

  /** Whether this reader knows the log layout of a Gatling version, e.g. {@code "3.15.1"}. */
  public static boolean isSupported(String gatlingVersion) {
    return SUPPORTED_GATLING_VERSIONS.contains(gatlingVersion);
  }

  /**
   * The supported versions for messages, a range per minor version: {@code "3.14.0 to 3.14.9,
   * 3.15.0 to 3.15.1, 3.16.0"}.
   */
  public static String supportedVersionsText() {
    StringBuilder out = new StringBuilder();
    List<String> versions = SUPPORTED_GATLING_VERSIONS;
    for (int i = 0; i < versions.size(); ) {
      String minor = minorOf(versions.get(i));
      int j = i;
      while (j + 1 < versions.size() && minorOf(versions.get(j + 1)).equals(minor)) {
        j++;
      }
      out.append(out.length() == 0 ? "" : ", ").append(versions.get(i));
      if (j > i) {
        out.append(" to ").append(versions.get(j));
      }
      i = j + 1;
    }
    return out.toString();
  }

  private static String minorOf(String version) {
    return version.substring(0, version.lastIndexOf('.'));
  }

  /**
   * The Run record, read (and its version checked) on the first call.
   *
   * @throws SimulationLogException EMPTY, TRUNCATED, WRONG_VERSION, NOT_A_LOG or IO
   */
  public RunInfo run() {
    if (run == null) {
      readRunRecord();
    }
    return run;
  }

  /**
   * The assertions of the Run record, as the opaque bytes Gatling pickled them (boopickle), in
   * order; what a writer needs to copy them. Reads the Run record if needed.
   */
  public List<byte[]> pickledAssertions() {
    run();
    return pickledAssertions;
  }

  /**
   * Visits the Run record, then every record to the end of the log.
   *
   * @return the number of records visited after the Run record
   * @throws SimulationLogException on the first defect; records before it have been visited
   */
  public long readAll(LogRecordVisitor visitor) {
    visitor.onRun(run());
    long count = 0;
    while (next(visitor)) {
      count++;
    }
    return count;
  }

  /**
   * Visits the next record after the Run record (which it reads first if needed, without visiting
   * it).
   *
   * @return false at the end of the log, when no record was visited
   * @throws SimulationLogException when the record is cut short or malformed; nothing is visited
   */
  public boolean next(LogRecordVisitor visitor) {
    run();
    // Only on bytes already read: waiting for a full window would hold back complete records of
    // a log that is still being written (the live monitor's tail). The careful path refills.
    if (lim - pos >= FAST_WINDOW) {
      byte header = buf[pos];
      if (header == REQUEST ? fastRequest(visitor) : header == USER && fastUser(visitor)) {
        return true;
      }
    }
    recordStart = offset();
    if (!fill(1)) {
      return false;
    }
    byte header = buf[pos++];
    recordNumber++;
    switch (header) {
      case REQUEST:
        readRequest(visitor);
        return true;
      case USER:
        readUser(visitor);
        return true;
      case GROUP:
        readGroup(visitor);
        return true;
      case ERROR:
        readError(visitor);
        return true;
      default:
        recordKind = "a record";
        throw notALog(
            recordStart,
            "unknown record type "
                + header
                + " (known: 0 Run, first only; 1 Request; 2 User; 3 Group; 4 Error)");
    }
  }

  /** Bytes consumed so far: the offset of the next byte to read. */
  public long position() {
    return offset();
  }

  /** Records read so far, the Run record included. */
  public long recordCount() {
    return recordNumber;
  }

  /** Size of the log in bytes, when reading a file. */
  public OptionalLong size() {
    return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
  }

  /** Name of the source, as messages give it. */
  public String sourceName() {
    return sourceName;
  }

  @Override
  public void close() {
    try {
      source.close();
    } catch (IOException e) {
      throw new SimulationLogException(
          Problem.IO,
          sourceName,
          SimulationLogException.NO_OFFSET,
          "Could not close " + sourceName + ": " + e,
          e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Records

  private void readRunRecord() {
    recordStart = 0;
    recordKind = "the Run record";
    if (!fill(1)) {
      throw new SimulationLogException(
          Problem.EMPTY,
          sourceName,
          0,
          sourceName + " is empty (0 bytes): Gatling wrote no record, not even the Run header.",
          null);
    }
    recordNumber = 1;
    byte header = buf[pos];
    if (header != RUN) {
      rejectFirstByte(header);
    }
    pos++;
    long versionAt = offset();
    String version = readString(MAX_VERSION_BYTES);
    if (!VERSION.matcher(version).matches()) {
      throw notALog(
          versionAt,
          "the Run record should start with a Gatling version, found \""
              + printable(version)
              + "\"");
    }
    if (!isSupported(version)) {
      throw new SimulationLogException(
          Problem.WRONG_VERSION,
          sourceName,
          versionAt,
          sourceName
              + " was written by Gatling "
              + version
              + ", but this reader knows the log layout of Gatling "
              + supportedVersionsText()
              + " only (the binary format may change between versions). Re-run the simulation"
              + " with one of those, or use a release of this tool that knows "
              + version
              + ".",
          null);
    }
    logVersion = version;
    String simulationClass = readString(MAX_STRING_BYTES);
    long startAt = offset();
    long start = readLong();
    if (start < 0 || start >= MAX_PLAUSIBLE_EPOCH_MILLIS) {
      throw notALog(startAt, "run start " + start + " is not a time in epoch milliseconds");
    }
    String description = readString(MAX_STRING_BYTES);
    int scenarioCount = readCount(MAX_RUN_ENTRIES, "scenario count");
    String[] names = new String[scenarioCount];
    for (int i = 0; i < scenarioCount; i++) {
      names[i] = readString(MAX_STRING_BYTES);
    }
    int assertionCount = readCount(MAX_RUN_ENTRIES, "assertion count");
    List<byte[]> assertions = new ArrayList<>(assertionCount);
    for (int i = 0; i < assertionCount; i++) {
      int length = readCount(MAX_ASSERTION_BYTES, "pickled assertion length");
      assertions.add(readBytes(length));
    }
    scenarios = names;
    pickledAssertions = Collections.unmodifiableList(assertions);
    run = new RunInfo(version, simulationClass, start, description, List.of(names), assertionCount);
  }

  private void rejectFirstByte(byte header) {
    if (header == 'R'
        && fill(4)
        && buf[pos + 1] == 'U'
        && buf[pos + 2] == 'N'
        && buf[pos + 3] == '\t') {
      String version = textLogVersion();
      throw new SimulationLogException(
          Problem.WRONG_VERSION,
          sourceName,
          0,
          sourceName
              + " is a text simulation.log"
              + (version.isEmpty() ? "" : " written by Gatling " + version)
              + ", the format of Gatling 3.12 and older; this reader knows only the"
              + " binary log of Gatling "
              + supportedVersionsText()
              + ". Re-run the simulation with one of those.",
          null);
    }
    throw notALog(0, "a log starts with a Run record (byte 0), this one with byte " + header);
  }

  /** The last tab-separated field of the first line of an old text log: its Gatling version. */
  private String textLogVersion() {
    fill(Math.min(4096, buf.length));
    int end = pos;
    while (end < lim && buf[end] != '\n' && buf[end] != '\r') {
      end++;
    }
    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
    String last = line.substring(line.lastIndexOf('\t') + 1).trim();
    return VERSION.matcher(last).matches() ? last : "";
  }

  private void readRequest(LogRecordVisitor visitor) {
    recordKind = "a Request record";
    List<String> groups = readGroupPath(false);
    String name = readCachedString();
    int start = readInt();
    int end = readInt();
    boolean ok = readBoolean();
    String message = readCachedString();
    visitor.onRequest(groups, name, start, end, ok, message);
  }

  private void readUser(LogRecordVisitor visitor) {
    recordKind = "a User record";
    long indexAt = offset();
    int scenario = readInt();
    if (scenario < 0 || scenario >= scenarios.length) {
      throw notALog(
          indexAt,
          "scenario index "
              + scenario
              + " but the Run record declares "
              + scenarios.length
              + " scenario(s)");
    }
    boolean start = readBoolean();
    int timestamp = readInt();
    visitor.onUser(scenario, scenarios[scenario], start, timestamp);
  }

  private void readGroup(LogRecordVisitor visitor) {
    recordKind = "a Group record";
    List<String> groups = readGroupPath(true);
    int start = readInt();
    int end = readInt();
    int cumulated = readInt();
    boolean ok = readBoolean();
    visitor.onGroup(groups, start, end, cumulated, ok);
  }

  private void readError(LogRecordVisitor visitor) {
    recordKind = "an Error record";
    String message = readCachedString();
    int timestamp = readInt();
    visitor.onError(message, timestamp);
  }

  private List<String> readGroupPath(boolean isGroupRecord) {
    long countAt = offset();
    int depth = readInt();
    if (depth < (isGroupRecord ? 1 : 0) || depth > MAX_GROUP_DEPTH) {
      throw notALog(
          countAt,
          "group count "
              + depth
              + ", expected "
              + (isGroupRecord ? 1 : 0)
              + " to "
              + MAX_GROUP_DEPTH);
    }
    GroupNode node = rootGroup;
    for (int i = 0; i < depth; i++) {
      int index = readCachedIndex();
      node = node.child(index, cache[index]);
    }
    return node.path;
  }

  // ---------------------------------------------------------------------------------------------
  // Fast path: the common records, decoded straight from the buffer

  /**
   * Decodes a Request record at {@link #pos} whose strings are all back-references to the cache and
   * whose group path is at most {@value #FAST_MAX_DEPTH} deep: the bulk of every log. Needs {@value
   * #FAST_WINDOW} bytes in the buffer, so no field read checks the buffer's end. Anything else (a
   * new string, an odd value) returns false with nothing consumed or visited, and the careful path
   * reads the record again, with its checks and messages.
   */
  private boolean fastRequest(LogRecordVisitor visitor) {
    byte[] b = buf;
    int p = pos + 1;
    int depth = intAt(b, p);
    p += 4;
    if (depth < 0 || depth > FAST_MAX_DEPTH) {
      return false;
    }
    GroupNode node = rootGroup;
    for (int i = 0; i < depth; i++) {
      int index = -intAt(b, p);
      p += 4;
      if (index <= 0 || index > cacheSize) {
        return false;
      }
      node = node.child(index, cache[index]);
    }
    int name = -intAt(b, p);
    int start = intAt(b, p + 4);
    int end = intAt(b, p + 8);
    byte ok = b[p + 12];
    int message = -intAt(b, p + 13);
    if (name <= 0 || name > cacheSize || message <= 0 || message > cacheSize || (ok & ~1) != 0) {
      return false;
    }
    pos = p + 17;
    recordNumber++;
    visitor.onRequest(node.path, cache[name], start, end, ok == 1, cache[message]);
    return true;
  }

  /** Like {@link #fastRequest} for a User record of a known scenario. */
  private boolean fastUser(LogRecordVisitor visitor) {
    byte[] b = buf;
    int p = pos + 1;
    int scenario = intAt(b, p);
    byte start = b[p + 4];
    int timestamp = intAt(b, p + 5);
    if (scenario < 0 || scenario >= scenarios.length || (start & ~1) != 0) {
      return false;
    }
    pos = p + 9;
    recordNumber++;
    visitor.onUser(scenario, scenarios[scenario], start == 1, timestamp);
    return true;
  }

  /** A big-endian int, without a bounds check beyond the array's own. */
  private static int intAt(byte[] b, int p) {
    return (b[p] << 24) | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
  }

  // ---------------------------------------------------------------------------------------------
  // Fields

  private String readCachedString() {
    // Not cache[readCachedIndex()]: Java would index the array as it was before a new entry grew
    // it.
    int index = readCachedIndex();
    return cache[index];
  }

  /** Reads a cached string and returns its index in {@link #cache}. */
  private int readCachedIndex() {
    long at = offset();
    int index = readInt();
    if (index > 0) {
      if (index != cacheSize + 1) {
        throw notALog(
            at,
            "string cache entry "
                + index
                + " is introduced, but the next new entry"
                + " must be "
                + (cacheSize + 1));
      }
      String value = readString(MAX_STRING_BYTES);
      if (index == cache.length) {
        cache = Arrays.copyOf(cache, cache.length * 2);
      }
      cache[index] = value;
      cacheSize = index;
      return index;
    }
    if (index < 0 && index != Integer.MIN_VALUE && -index <= cacheSize) {
      return -index;
    }
    throw notALog(
        at,
        "string cache reference "
            + index
            + " points to no entry (entries 1 to "
            + cacheSize
            + " exist, references are their negation)");
  }

  private String readString(int maxBytes) {
    long at = offset();
    int length = readInt();
    if (length == 0) {
      return "";
    }
    if (length < 0 || length > maxBytes) {
      throw notALog(at, "string length " + length + ", expected 0 to " + maxBytes + " bytes");
    }
    byte[] bytes;
    int from;
    if (length < buf.length) {
      require(length + 1);
      bytes = buf;
      from = pos;
      pos += length;
    } else {
      bytes = readBytes(length);
      from = 0;
    }
    long coderAt = offset();
    byte coder = readByte();
    if (coder == 0) {
      return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
    if (coder != 1) {
      throw notALog(coderAt, "string coder " + coder + ", expected 0 (Latin-1) or 1 (UTF-16)");
    }
    if ((length & 1) != 0) {
      throw notALog(at, "UTF-16 string of odd length " + length);
    }
    // The JDK keeps UTF-16 strings in native byte order, little-endian on every platform Gatling
    // runs on; decoded by hand so that unpaired surrogates survive a round trip unchanged.
    char[] chars = new char[length / 2];
    for (int i = 0; i < chars.length; i++) {
      int p = from + 2 * i;
      chars[i] = (char) ((bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8);
    }
    return new String(chars);
  }

  private int readCount(int max, String what) {
    long at = offset();
    int value = readInt();
    if (value < 0 || value > max) {
      throw notALog(at, what + " " + value + ", expected 0 to " + max);
    }
    return value;
  }

  private boolean readBoolean() {
    long at = offset();
    byte value = readByte();
    if (value == 1) {
      return true;
    }
    if (value == 0) {
      return false;
    }
    throw notALog(at, "boolean byte " + value + ", expected 0 or 1");
  }

  private byte readByte() {
    require(1);
    return buf[pos++];
  }

  private int readInt() {
    require(4);
    int value = intAt(buf, pos);
    pos += 4;
    return value;
  }

  private long readLong() {
    require(8);
    long value = (long) intAt(buf, pos) << 32 | (intAt(buf, pos + 4) & 0xFFFF_FFFFL);
    pos += 8;
    return value;
  }

  private byte[] readBytes(int length) {
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      if (pos == lim && !fill(1)) {
        throw truncated();
      }
      int chunk = Math.min(length - done, lim - pos);
      System.arraycopy(buf, pos, out, done, chunk);
      pos += chunk;
      done += chunk;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Buffer

  private long offset() {
    return bufStart + pos;
  }

  private void require(int bytes) {
    if (lim - pos < bytes && !fill(bytes)) {
      throw truncated();
    }
  }

  /** Makes {@code bytes} bytes available at {@link #pos}; false when the log ends first. */
  private boolean fill(int bytes) {
    if (lim - pos >= bytes) {
      return true;
    }
    int kept = lim - pos;
    System.arraycopy(buf, pos, buf, 0, kept);
    bufStart += pos;
    pos = 0;
    lim = kept;
    try {
      while (lim < bytes) {
        int read = source.read(buf, lim, buf.length - lim);
        if (read < 0) {
          return false;
        }
        lim += read;
      }
    } catch (IOException e) {
      throw new SimulationLogException(
          Problem.IO,
          sourceName,
          bufStart + lim,
          "Could not read " + sourceName + " at byte " + (bufStart + lim) + ": " + e,
          e);
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  private SimulationLogException truncated() {
    // Bytes past the buffer are unknown for a stream; for a file, size says where it ends.
    long end = size >= 0 ? size : bufStart + lim;
    String where =
        recordNumber <= 1
            ? "inside the Run record, the header every log starts with, so there is nothing to read"
            : "inside "
                + recordKind
                + " (record #"
                + recordNumber
                + ", which starts at byte "
                + recordStart
                + " and needs more bytes than the "
                + (end - recordStart)
                + " left); the "
                + (recordNumber - 1)
                + " records before it are complete";
    return new SimulationLogException(
        Problem.TRUNCATED,
        sourceName,
        recordStart,
        sourceName
            + ": truncated at byte "
            + recordStart
            + " of "
            + end
            + ", "
            + where
            + ". A log"
            + " ends like this when Gatling was killed mid-run or the file was copied while being"
            + " written.",
        null);
  }

  private SimulationLogException notALog(long at, String problem) {
    return new SimulationLogException(
        Problem.NOT_A_LOG,
        sourceName,
        at,
        sourceName
            + ": not a Gatling "
            + (logVersion == null ? "" : logVersion + " ")
            + "simulation.log: "
            + problem
            + ", at byte "
            + at
            + " inside "
            + recordKind
            + " (record #"
            + recordNumber
            + ", which starts at byte "
            + recordStart
            + "). The file is corrupt or is not a"
            + " Gatling log.",
        null);
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < MAX_VERSION_BYTES; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
    }
    return out.toString();
  }

  /** One distinct group path, interned: children are keyed by string cache index. */
  private static final class GroupNode {
    final List<String> path;
    private int[] keys = new int[0];
    private GroupNode[] children = new GroupNode[0];

    GroupNode(List<String> path) {
      this.path = path;
    }

    GroupNode child(int cacheIndex, String name) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == cacheIndex) {
          return children[i];
        }
      }
      List<String> childPath = new ArrayList<>(path.size() + 1);
      childPath.addAll(path);
      childPath.add(name);
      GroupNode child = new GroupNode(List.copyOf(childPath));
      keys = Arrays.copyOf(keys, keys.length + 1);
      children = Arrays.copyOf(children, children.length + 1);
      keys[keys.length - 1] = cacheIndex;
      children[children.length - 1] = child;
      return child;
    }
  }
}
