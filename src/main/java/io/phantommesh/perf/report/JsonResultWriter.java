package io.phantommesh.perf.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.document.ResultJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes a result document as {@code result.json}: UTF-8, two-space indentation, {@code \n} line
 * ends, keys in the documented order, a trailing newline. Each {@code timeline} entry is one line,
 * so a long run stays readable and diffs line by line; {@code group} paths are one line too.
 *
 * <p>Stateless and thread-safe. Never closes the stream it is given.
 */
public final class JsonResultWriter {
  private JsonResultWriter() {}

  /**
   * Writes {@code doc} to {@code out} and flushes it.
   *
   * @throws UncheckedIOException when the stream fails
   */
  public static void write(ResultDocument doc, OutputStream out) {
    try (JsonGenerator gen =
        ResultJson.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      gen.setPrettyPrinter(new LayoutPrinter());
      ResultJson.MAPPER.writeValue(gen, doc);
      gen.writeRaw('\n');
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write result document: " + e.getMessage(), e);
    }
  }

  /** {@code doc} as the text {@link #write} produces. */
  public static String writeToString(ResultDocument doc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(doc, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * {@code value} as a JSON tree, serialized as the document is (snake_case names of annotated
   * records, plain decimals): how callers fill {@code extra}.
   */
  public static JsonNode toTree(Object value) {
    try {
      // Through text, so the tree equals the one a reader of the written document gets.
      return ResultJson.MAPPER.readTree(ResultJson.MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize " + value.getClass().getName(), e);
    }
  }

  /**
   * Indents objects and arrays two spaces per level, except the entries of the top-level {@code
   * timeline} and {@code latency_distribution} arrays, written on one line each, and {@code group}
   * paths, written on one line.
   */
  private static final class LayoutPrinter implements PrettyPrinter {
    private static final java.util.Set<String> COMPACT_ARRAYS =
        java.util.Set.of("timeline", "latency_distribution");
    private static final String INLINE_ARRAY = "group";
    private final Deque<Boolean> compact = new ArrayDeque<>();
    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {}

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      open(g, '{', isInCompact() || isCompactRow(g.getOutputContext()));
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      close(g, '}', entries);
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      separate(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      JsonStreamContext owner = g.getOutputContext().getParent();
      open(g, '[', isInCompact() || (owner != null && INLINE_ARRAY.equals(owner.getCurrentName())));
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      close(g, ']', values);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      separate(g);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      newLine(g);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      newLine(g);
    }

    private boolean isInCompact() {
      return !compact.isEmpty() && compact.peek();
    }

    /** True for an object (the current context) that is an element of the timeline array. */
    private static boolean isCompactRow(JsonStreamContext object) {
      JsonStreamContext array = object == null ? null : object.getParent();
      JsonStreamContext owner = array == null ? null : array.getParent();
      return array != null
          && array.inArray()
          && owner != null
          && owner.getParent() != null
          && owner.getParent().inRoot()
          && COMPACT_ARRAYS.contains(owner.getCurrentName());
    }

    private void open(JsonGenerator g, char bracket, boolean isCompact) throws IOException {
      compact.push(isCompact);
      if (!isCompact) {
        depth++;
      }
      g.writeRaw(bracket);
    }

    private void close(JsonGenerator g, char bracket, int entries) throws IOException {
      boolean wasCompact = compact.pop();
      if (!wasCompact) {
        depth--;
        if (entries > 0) {
          newLineUnconditionally(g);
        }
      }
      g.writeRaw(bracket);
    }

    private void separate(JsonGenerator g) throws IOException {
      g.writeRaw(',');
      if (isInCompact()) {
        g.writeRaw(' ');
      } else {
        newLineUnconditionally(g);
      }
    }

    private void newLine(JsonGenerator g) throws IOException {
      if (!isInCompact()) {
        newLineUnconditionally(g);
      }
    }

    private void newLineUnconditionally(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
      for (int i = 0; i < depth; i++) {
        g.writeRaw("  ");
      }
    }
  }
}
