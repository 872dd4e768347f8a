package io.phantommesh.perf.embedded;

import io.phantommesh.perf.embedded.fault.FaultReport;
import java.net.URI;

/**
 * A running embedded VPN core service, wherever it runs: in this JVM ({@link EmbeddedVpnCore}) or
 * in a JVM of its own ({@code cli.ServeProcess}).
 */
public interface EmbeddedService extends AutoCloseable {

  /** The base URI, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  URI baseUri();

  /** The answers given so far, by endpoint and status. */
  RequestCounts counts();

  /** What it did on purpose (faults counted, outages that began); none by default. */
  default FaultReport faults() {
    return FaultReport.NONE;
  }

  /** Where it runs, for the console and the result: e.g. {@code "this JVM"}. */
  String placement();

  /** Stops the service; idempotent. */
  @Override
  void close();
}
