package io.phantommesh.perf.run;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.document.ResultJson;
import java.io.IOException;

/**
 * Loads and prepares the result JSON code (Jackson's classes, the serializer and deserializer of
 * {@link ResultDocument}, the run sidecar's reader) on a background thread, while the command line
 * and the settings are read on the main one: about a third of a short {@code report}'s CPU time is
 * Jackson getting ready, and a second core can do it in the meantime.
 *
 * <p>Only this thread touches Jackson until {@link #await()} returns, so no two threads initialize
 * its classes at once. A failure here is left for the real use to report. Thread-safe.
 */
public final class ReportWarmUp {

  private static Thread thread;

  private ReportWarmUp() {}

  /** Starts the warm-up once; later calls do nothing. */
  public static synchronized void start() {
    if (thread == null) {
      thread = new Thread(ReportWarmUp::warmUp, "report-warm-up");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Waits for a started warm-up to end; returns at once when none was started. */
  public static void await() {
    Thread t;
    synchronized (ReportWarmUp.class) {
      t = thread;
    }
    if (t == null) {
      return;
    }
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void warmUp() {
    try {
      // Building the root serializer and deserializer builds those of every nested record.
      ResultJson.MAPPER.writerFor(ResultDocument.class);
      ResultJson.MAPPER.readerFor(ResultDocument.class);
      ResultJson.MAPPER.readTree(
          ResultJson.MAPPER.writeValueAsBytes(
              ResultJson.MAPPER.readTree("{\"a\":[1,2.5,\"x\",true,null,{\"b\":{}}]}")));
      // The sidecar's own mapper is built when its class is initialized.
      Class.forName(RunSidecar.class.getName(), true, ReportWarmUp.class.getClassLoader());
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      // Nothing to do: the same code runs again for real and reports its own failure.
    }
  }
}
