package io.phantommesh.perf.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (JDK WebSocket client, no
 * driver library): opens a page, and records what a reviewer's browser would report of it: console
 * errors, uncaught exceptions, and every network request. The DevTools socket listens on 127.0.0.1
 * only; the browser runs with a fresh profile and background networking off.
 *
 * <p>Not thread-safe; one page at a time. Close it.
 */
public final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /**
   * Chromium's binary: $PHANTOM_CHROMIUM, else {@code chromium}, {@code chromium-browser} or {@code
   * google-chrome} on PATH.
   */
  public static Optional<String> binary() {
    List<String> names = new ArrayList<>();
    String env = System.getenv("PHANTOM_CHROMIUM");
    if (env != null && !env.isBlank()) {
      names.add(env);
    }
    names.addAll(List.of("chromium", "chromium-browser", "google-chrome"));
    for (String name : names) {
      if (name.contains("/")) {
        if (Files.isExecutable(Path.of(name))) {
          return Optional.of(name);
        }
        continue;
      }
      String path = System.getenv().getOrDefault("PATH", "");
      Optional<String> found =
          Stream.of(path.split(File.pathSeparator))
              .filter(d -> !d.isEmpty())
              .map(d -> Path.of(d, name))
              .filter(Files::isExecutable)
              .map(Path::toString)
              .findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The binary, or an explanation: in CI ({@code CI=true}) a missing browser fails the test; on a
   * developer's machine it is a skip with the reason.
   */
  public static String requireBinary() {
    Optional<String> b = binary();
    String why =
        "no Chromium on PATH (chromium, chromium-browser, google-chrome or $PHANTOM_CHROMIUM):"
            + " run .ci/install-browser.sh to install Debian's";
    if (b.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(why + " (CI=true: a browser test never skips in CI)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(b.isPresent(), why);
    return b.get();
  }

  /** Starts Chromium with a fresh profile and attaches to its first page. */
  public static Chromium start(String binary, int width, int height) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile-");
    List<String> command =
        List.of(
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--window-size=" + width + "," + height,
            "--user-data-dir=" + profile,
            "about:blank");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(profile.resolve("stderr.txt").toFile())
            .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Chromium did not open its DevTools port: "
                  + Files.readString(profile.resolve("stderr.txt")));
        }
        Thread.sleep(50);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
      HttpClient http = HttpClient.newHttpClient();
      String ws = null;
      for (int attempt = 0; attempt < 100 && ws == null; attempt++) {
        JsonNode targets =
            JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/json/list"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
        for (JsonNode t : targets) {
          if ("page".equals(t.path("type").asText())) {
            ws = t.path("webSocketDebuggerUrl").asText();
            break;
          }
        }
        if (ws == null) {
          Thread.sleep(100);
        }
      }
      if (ws == null) {
        throw new IllegalStateException("Chromium has no page target");
      }
      Listener listener = new Listener();
      WebSocket socket =
          http.newWebSocketBuilder().buildAsync(URI.create(ws), listener).get(10, TimeUnit.SECONDS);
      Chromium c = new Chromium(p, profile, socket);
      listener.owner = c;
      c.call("Runtime.enable", JSON.createObjectNode());
      c.call("Log.enable", JSON.createObjectNode());
      c.call("Network.enable", JSON.createObjectNode());
      c.call("Page.enable", JSON.createObjectNode());
      return c;
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /**
   * Opens {@code url}, waits for the load event and then until {@code readyExpression} is truthy in
   * the page.
   *
   * @return milliseconds from the navigation to the ready state, as the page's clock measured it
   *     ({@code performance.now()} at readiness)
   */
  public void open(String url) throws Exception {
    consoleErrors.clear();
    requests.clear();
    loaded = new CompletableFuture<>();
    ObjectNode params = JSON.createObjectNode().put("url", url);
    call("Page.navigate", params);
    loaded.get(60, TimeUnit.SECONDS);
  }

  /** Waits until {@code expression} is truthy in the page; its final value. */
  public JsonNode waitFor(String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode v = evaluate(expression);
      if (!v.isMissingNode() && !v.isNull() && !(v.isBoolean() && !v.asBoolean())) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within " + timeout + ": " + expression);
      }
      Thread.sleep(50);
    }
  }

  /** The value of a JavaScript expression in the page (returned by value, as JSON). */
  public JsonNode evaluate(String expression) throws Exception {
    ObjectNode params =
        JSON.createObjectNode()
            .put("expression", expression)
            .put("returnByValue", true)
            .put("awaitPromise", true);
    JsonNode r = call("Runtime.evaluate", params);
    if (r.has("exceptionDetails")) {
      throw new AssertionError("evaluation failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** A PNG of the page at its full height, up to {@code maxHeight} CSS pixels. */
  public byte[] screenshot(int width, int maxHeight) throws Exception {
    int height = Math.min(maxHeight, evaluate("document.documentElement.scrollHeight").asInt());
    ObjectNode metrics =
        JSON.createObjectNode()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false);
    call("Emulation.setDeviceMetricsOverride", metrics);
    ObjectNode params = JSON.createObjectNode().put("format", "png");
    params.put("captureBeyondViewport", true);
    String data = call("Page.captureScreenshot", params).path("data").asText();
    return java.util.Base64.getDecoder().decode(data);
  }

  /** Console errors, uncaught exceptions and error log entries since the last {@link #open}. */
  public List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  /** URLs of every request the page made since the last {@link #open}, its own document first. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = f.get(60, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  private void onMessage(String text) {
    JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    if (m.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
      if (f != null) {
        f.complete(m);
      }
      return;
    }
    String method = m.path("method").asText();
    JsonNode p = m.path("params");
    switch (method) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
      case "Runtime.exceptionThrown" ->
          consoleErrors.add("exception: " + p.path("exceptionDetails"));
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(p.path("type").asText()) || "assert".equals(p.path("type").asText())) {
          consoleErrors.add("console." + p.path("type").asText() + ": " + p.path("args"));
        }
      }
      case "Log.entryAdded" -> {
        if ("error".equals(p.path("entry").path("level").asText())) {
          consoleErrors.add("log: " + p.path("entry"));
        }
      }
      default -> {}
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the process goes next either way
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private static final class Listener implements WebSocket.Listener {
    volatile Chromium owner;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (owner != null) {
          owner.onMessage(text);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
