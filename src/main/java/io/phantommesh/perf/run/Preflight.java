package io.phantommesh.perf.run;

import io.phantommesh.perf.config.TargetSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Checks a target before any load is sent: its health endpoint answers 200 and an authenticated
 * call is not refused for the token. Two requests in all.
 *
 * <p>The authenticated call is {@code POST <peers>} with an empty JSON object, which a conforming
 * service rejects with 400 without creating anything; 401 or 403 means a bad token.
 */
public final class Preflight {
  private static final String URL_HINT =
      "set phantom.target.base-url (or PHANTOM_TARGET_BASE_URL), or leave it empty to use the embedded service";

  private Preflight() {}

  /**
   * Runs the check.
   *
   * @param target a target with its base URL set
   * @throws TargetUnavailableException with a message naming the URL, the problem and the fix
   */
  public static void check(TargetSettings target) {
    URI base =
        target.baseUrl().orElseThrow(() -> new IllegalStateException("no base URL to check"));
    if (target.apiToken().isEmpty()) {
      throw new TargetUnavailableException(
          "No API token for "
              + target.displayBaseUrl()
              + ": set PHANTOM_API_TOKEN in the environment.");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(target.connectTimeout()).build();
    URI health = URI.create(base + target.paths().health());
    HttpResponse<String> answer =
        send(
            client,
            HttpRequest.newBuilder(health).timeout(target.requestTimeout()).GET().build(),
            target);
    if (answer.statusCode() != 200) {
      throw new TargetUnavailableException(
          "Target is not healthy: GET "
              + display(target, target.paths().health())
              + " answered HTTP "
              + answer.statusCode()
              + " (expected 200). Check the service, or "
              + URL_HINT
              + ".");
    }
    URI peers = URI.create(base + target.paths().peers());
    HttpResponse<String> auth =
        send(
            client,
            HttpRequest.newBuilder(peers)
                .timeout(target.requestTimeout())
                .header("Authorization", "Bearer " + target.apiToken().reveal())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            target);
    if (auth.statusCode() == 401 || auth.statusCode() == 403) {
      throw new TargetUnavailableException(
          "The target refused the API token: POST "
              + display(target, target.paths().peers())
              + " answered HTTP "
              + auth.statusCode()
              + ". Check PHANTOM_API_TOKEN.");
    }
  }

  private static HttpResponse<String> send(
      HttpClient client, HttpRequest request, TargetSettings target) {
    String where = request.method() + " " + display(target, request.uri().getRawPath());
    long started = System.nanoTime();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      // The JDK reports a request timeout that fires while connecting as a connect timeout, so
      // the message states both limits and the time actually waited.
      long waitedMillis = (System.nanoTime() - started) / 1_000_000;
      throw new TargetUnavailableException(
          "Target did not answer: "
              + where
              + " got no response in "
              + waitedMillis
              + " ms (phantom.target.connect-timeout = "
              + target.connectTimeout().toMillis()
              + " ms, phantom.target.request-timeout = "
              + target.requestTimeout().toMillis()
              + " ms). "
              + hint());
    } catch (ConnectException e) {
      throw new TargetUnavailableException(
          "Target unreachable: " + where + " failed (connection refused). " + hint());
    } catch (UnresolvedAddressException e) {
      throw new TargetUnavailableException(
          "Target unreachable: " + where + " failed (unknown host). " + hint());
    } catch (IOException e) {
      throw new TargetUnavailableException(
          "Target unreachable: " + where + " failed (" + describe(e) + "). " + hint());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetUnavailableException("Interrupted while checking " + where);
    }
  }

  private static String hint() {
    return "Is the service running? Else " + URL_HINT + ".";
  }

  private static String display(TargetSettings target, String path) {
    return target.displayBaseUrl() + path;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
