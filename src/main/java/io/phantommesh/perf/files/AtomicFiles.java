package io.phantommesh.perf.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way this project writes a file: content goes to a hidden temporary file beside the
 * target, which is then renamed into place, so a reader never sees half a file and a failed write
 * leaves the old file (or none). Every writer of the project goes through here; {@code run}'s
 * {@code ResultStore} adds the naming of result folders on top.
 *
 * <p>Two kinds of publishing: {@link #replace} for files that are rewritten on purpose (the reports
 * index, a run's sidecar), and {@link #createNew} / {@link #publishFolder} for results, which never
 * overwrite anything that exists. Stateless; every failure is an {@link UncheckedIOException} that
 * names the path.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file to a stream; the stream is closed by the caller. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;

    /** UTF-8 text. */
    static Content text(String text) {
      return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes. */
    static Content bytes(byte[] bytes) {
      return out -> out.write(bytes);
    }

    /** A copy of an existing file. */
    static Content copyOf(Path file) {
      return out -> Files.copy(file, out);
    }
  }

  /** Writes {@code target} in one step, replacing what was there. Creates missing folders. */
  public static Path replace(Path target, Content content) {
    Path tmp = writeTemp(target, content);
    try {
      moveReplacing(tmp, target);
      return target;
    } catch (IOException e) {
      throw failure("cannot write", target, e);
    } finally {
      deleteIfExists(tmp);
    }
  }

  /**
   * Writes {@code target} in one step unless it exists.
   *
   * @return the target, or empty when a file of that name was already there (left untouched)
   */
  public static Optional<Path> createNew(Path target, Content content) {
    Path tmp = writeTemp(target, content);
    try {
      return link(tmp, target) ? Optional.of(target) : Optional.empty();
    } catch (IOException e) {
      throw failure("cannot write", target, e);
    } finally {
      deleteIfExists(tmp);
    }
  }

  /**
   * Publishes files that belong together as {@code <stem><suffix>} in {@code folder}, or under
   * {@code <stem>-2}, {@code -3}… when any of the names is taken: all under one free stem, never
   * replacing a file.
   *
   * @param suffixes one per content, e.g. {@code .json} and {@code .md}
   * @return the files written, in the order given
   */
  public static List<Path> createNewGroup(
      Path folder, String stem, List<String> suffixes, List<Content> contents) {
    if (suffixes.size() != contents.size() || suffixes.isEmpty()) {
      throw new IllegalArgumentException("one suffix per content, at least one");
    }
    for (int n = 1; n < 1000; n++) {
      String name = n == 1 ? stem : stem + "-" + n;
      List<Path> targets = suffixes.stream().map(s -> folder.resolve(name + s)).toList();
      if (targets.stream().anyMatch(Files::exists)) {
        continue;
      }
      List<Path> done = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        Optional<Path> p = createNew(targets.get(i), contents.get(i));
        if (p.isEmpty()) {
          break;
        }
        done.add(p.get());
      }
      if (done.size() == targets.size()) {
        return done;
      }
      // Another process took this name meanwhile: withdraw our part, try the next.
      done.forEach(AtomicFiles::deleteIfExists);
    }
    throw failure("no free name for", folder.resolve(stem), null);
  }

  /**
   * A file written piece by piece (a sampler's CSV) to {@code .<name>.part} beside the target, and
   * renamed to the target when closed. A crash leaves the {@code .part} file, named as such.
   */
  public static Writer openStreaming(Path target) {
    Path part = target.resolveSibling("." + target.getFileName() + ".part");
    try {
      createParent(target);
      BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
      return new BufferedWriter(out) {
        private boolean closed;

        @Override
        public void close() throws IOException {
          if (closed) {
            return;
          }
          closed = true;
          super.close();
          moveReplacing(part, target);
        }
      };
    } catch (IOException e) {
      throw failure("cannot create", part, e);
    }
  }

  /**
   * A new hidden folder under {@code root} ({@code .tmp-<prefix>…}) in which a result is put
   * together before {@link #publishFolder} renames it into place.
   */
  public static Path stagingFolder(Path root, String prefix) {
    try {
      Files.createDirectories(root);
      return Files.createTempDirectory(root, ".tmp-" + prefix + "-");
    } catch (IOException e) {
      throw failure("cannot create a staging folder under", root, e);
    }
  }

  /**
   * Renames a finished staging folder to {@code root/name}, or {@code name-2}, {@code -3}…
   * whichever is free at that moment, never replacing an existing folder.
   *
   * @return the folder's final place
   */
  public static Path publishFolder(Path staged, Path root, String name) {
    Path target = freeName(root, name);
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        target = freeName(root, name); // another process took the name meanwhile
      } catch (IOException e) {
        throw failure("cannot move the result into place at", target, e);
      }
    }
    throw failure("no free folder name for", root.resolve(name), null);
  }

  /**
   * Moves a file or folder into a staging folder (same file system: a rename, not a copy).
   *
   * @return its new place, {@code into/<its name>}
   */
  public static Path moveInto(Path source, Path into) {
    Path target = into.resolve(source.getFileName().toString());
    try {
      Files.move(source, target);
      return target;
    } catch (IOException e) {
      throw failure("cannot move " + source + " to", target, e);
    }
  }

  /** {@code root/name}, or {@code root/name-2}, {@code -3}… whichever does not exist yet. */
  public static Path freeName(Path root, String name) {
    Path candidate = root.resolve(name);
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = root.resolve(name + "-" + n);
    }
    return candidate;
  }

  /** Deletes a folder tree; a leftover (hidden, temporary) file is harmless, so nothing throws. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteIfExists);
    } catch (IOException | UncheckedIOException e) {
      // only hidden staging files can be left; the result itself was already handled
    }
  }

  private static Path writeTemp(Path target, Content content) {
    Path tmp = null;
    boolean done = false;
    try {
      createParent(target);
      Path folder = target.toAbsolutePath().getParent();
      tmp = Files.createTempFile(folder, "." + target.getFileName() + "-", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      done = true;
      return tmp;
    } catch (IOException e) {
      throw failure("cannot write", target, e);
    } finally {
      if (!done) {
        deleteIfExists(tmp); // whatever failed (I/O or the content itself), nothing is left
      }
    }
  }

  private static void createParent(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private static void moveReplacing(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes {@code tmp}'s content appear at {@code target} at once, unless target exists. */
  private static boolean link(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      // No hard links here (some network or FAT file systems): copy without replacing.
      try {
        Files.copy(tmp, target);
        return true;
      } catch (FileAlreadyExistsException taken) {
        return false;
      }
    }
  }

  private static void deleteIfExists(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a hidden temporary file left behind is named as such
    }
  }

  private static UncheckedIOException failure(String what, Path path, Exception cause) {
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    IOException io =
        cause instanceof IOException ioe
            ? ioe
            : cause instanceof UncheckedIOException u ? u.getCause() : new IOException(detail);
    return new UncheckedIOException(what + " " + path + detail, io);
  }
}
