package io.phantommesh.perf.embedded;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.phantommesh.perf.config.EmbeddedSettings;
import io.phantommesh.perf.config.FaultSettings;
import io.phantommesh.perf.config.Secret;
import io.phantommesh.perf.embedded.fault.Fault;
import io.phantommesh.perf.embedded.fault.FaultReport;
import io.phantommesh.perf.embedded.fault.FaultRuntime;
import io.phantommesh.perf.embedded.fault.OutageSchedule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded reference VPN core service: an in-process HTTP server implementing the VPN core API
 * (see {@code openapi/vpn-core.yaml}), for tests and for runs without a real target.
 *
 * <p>Lifecycle: {@link #start} binds and returns once listening; {@link #close} stops it and
 * releases the port, and may be called any number of times. Thread-safe.
 *
 * <p>It is built never to be the bottleneck of the injector: Netty on epoll (NIO where epoll is
 * missing), a pooled allocator, no per-request logging or recording, only {@link
 * java.util.concurrent.atomic.LongAdder} counters on the hot path. Added latency is scheduled on
 * the event loop, never slept. Memory stays bounded over runs of any length (see {@link VpnState})
 * except for the deliberate, capped leak.
 *
 * <p>Faults (latency, error ratio, leak) come from {@link EmbeddedSettings} and can be changed
 * while running; they apply to requests that arrive afterwards. Injected failures are reproducible:
 * for a given seed, the k-th API request that passes authentication and routing fails or not
 * regardless of thread timing.
 *
 * <p>Faults on purpose ({@link FaultSettings}: resets, stalls, slow first bytes, keep-alive closes,
 * scheduled outages) are fixed at start and counted ({@link #faults()}, {@code vpn_faults_total}).
 * A refuse-mode outage closes the listening socket and drops open connections, then listens again
 * on the same port; stalled requests are released (their connections closed) by {@link #close}.
 *
 * <p>Longer than most classes: the server's life cycle (bind, event loops, shutdown, the refuse
 * outage's unbind and rebind) and its settings' mapping onto handlers belong together.
 */
public final class EmbeddedVpnCore implements EmbeddedService {
  /** The version reported by {@code GET /health}. */
  public static final String VERSION = "0.1.0";

  /** Seed of the injected failures and latency tail when none is given. */
  public static final long DEFAULT_SEED = FaultSettings.DEFAULT_SEED;

  /** Largest request body accepted, in bytes; larger is answered 413 and the connection closed. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** Idle time after which abandoned tunnels and peers expire, unless changed. */
  public static final Duration DEFAULT_IDLE_EXPIRY = Duration.ofMinutes(10);

  private final EventLoopGroup group;
  private final ServerBootstrap bootstrap;
  private final InetSocketAddress address;
  private final ChannelGroup connections;
  private final FaultRuntime runtime;
  private final OutageSchedule outages;
  private volatile Channel serverChannel;
  private final URI baseUri;
  private final String transport;
  private final RequestCounters counters;
  private final FaultInjector faults;
  private final MemoryLeak leak;
  private final VpnState state;
  private final ScheduledExecutorService reaper;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long idleExpiryNanos = DEFAULT_IDLE_EXPIRY.toNanos();

  private EmbeddedVpnCore(
      EventLoopGroup group,
      ServerBootstrap bootstrap,
      Channel serverChannel,
      ChannelGroup connections,
      FaultRuntime runtime,
      String transport,
      RequestCounters counters,
      FaultInjector faults,
      MemoryLeak leak,
      VpnState state) {
    this.group = group;
    this.bootstrap = bootstrap;
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.runtime = runtime;
    this.address = (InetSocketAddress) serverChannel.localAddress();
    this.transport = transport;
    this.counters = counters;
    this.faults = faults;
    this.leak = leak;
    this.state = state;
    InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
    String host = bound.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.baseUri =
        URI.create(
            "http://" + host + ":" + bound.getPort()); // the bound address: loopback by default
    this.reaper =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("vpn-core-reaper", true));
    this.outages =
        new OutageSchedule(
            runtime.settings().outages(),
            runtime,
            new OutageSchedule.Listening() {
              @Override
              public int stop() {
                return stopListening();
              }

              @Override
              public void resume() {
                resumeListening();
              }
            },
            System::currentTimeMillis);
  }

  /**
   * Starts the service with the faults' seed ({@code phantom.embedded.faults.seed}); see {@link
   * #start(EmbeddedSettings, Secret, long)}.
   */
  public static EmbeddedVpnCore start(EmbeddedSettings settings, Secret apiToken) {
    return start(settings, apiToken, settings.faults().seed());
  }

  /**
   * Binds {@code settings.host():settings.port()} (port 0 picks a free one) and returns once
   * listening.
   *
   * @param apiToken the bearer token {@code /api/v1/*} requires; must not be empty
   * @param seed seed of the injected failures, of the latency tail and of every fault's draws
   * @throws IllegalArgumentException for an empty token or a setting out of range
   * @throws IllegalStateException when the address cannot be bound (e.g. port in use)
   */
  public static EmbeddedVpnCore start(EmbeddedSettings settings, Secret apiToken, long seed) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(apiToken, "apiToken");
    if (apiToken.isEmpty()) {
      throw new IllegalArgumentException(
          "the embedded service needs a non-empty API token (phantom.target.api-token /"
              + " PHANTOM_API_TOKEN)");
    }
    if (settings.port() < 0 || settings.port() > 65535) {
      throw new IllegalArgumentException(
          "port must be between 0 and 65535, was " + settings.port());
    }
    if (settings.ioThreads() < 0 || settings.ioThreads() > 256) {
      throw new IllegalArgumentException(
          "io threads must be between 0 and 256, was " + settings.ioThreads());
    }
    LatencyModel latency = new LatencyModel(settings.latencyFixed(), settings.latencyTailMean());
    FaultInjector faults = new FaultInjector(seed, latency, settings.errorRatio());
    FaultRuntime runtime = new FaultRuntime(settings.faults().withSeed(seed));
    ChannelGroup connections =
        settings.faults().outages().isEmpty()
            ? null
            : new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    MemoryLeak leak = new MemoryLeak(settings.leakBytesPerRequest(), settings.leakCapBytes());
    RequestCounters counters = new RequestCounters();
    VpnState state = new VpnState(seed ^ System.nanoTime(), System::nanoTime);
    VpnApi api = wire(apiToken.reveal(), counters, faults, runtime, leak, state);
    warmUp();

    Transport transport = Transport.best();
    // Daemon threads: a caller that forgets close() must not keep the Gatling JVM alive.
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            settings.ioThreads(),
            new DefaultThreadFactory("vpn-core", true),
            transport.ioHandlerFactory());
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannelType())
              .option(ChannelOption.SO_BACKLOG, 4096)
              .option(ChannelOption.SO_REUSEADDR, true)
              .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      if (connections != null) {
                        connections.add(ch);
                      }
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new Aggregator(api))
                          .addLast(new VpnHttpHandler(api, faults, runtime));
                    }
                  });
      ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
      if (!bound.isSuccess()) {
        throw new IllegalStateException(
            "cannot bind the embedded VPN core service to "
                + settings.host()
                + ":"
                + settings.port()
                + ": "
                + bound.cause(),
            bound.cause());
      }
      EmbeddedVpnCore core =
          new EmbeddedVpnCore(
              group,
              bootstrap,
              bound.channel(),
              connections,
              runtime,
              transport.name(),
              counters,
              faults,
              leak,
              state);
      core.scheduleReaper();
      core.outages.start(core.reaper);
      return core;
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /** The base URI, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  @Override
  public URI baseUri() {
    return baseUri;
  }

  /** The bound TCP port. */
  public int port() {
    return baseUri.getPort();
  }

  /** The I/O transport in use: {@code "epoll"} or {@code "nio"}. */
  public String transport() {
    return transport;
  }

  /** Requests received since start, whatever their outcome. */
  public long requestCount() {
    return counters.receivedCount();
  }

  /** A snapshot of the answers given, by endpoint and status. */
  @Override
  public RequestCounts counts() {
    return counters.snapshot();
  }

  /** {@code "this JVM"}: it serves from the JVM that started it. */
  @Override
  public String placement() {
    return "this JVM";
  }

  /** What the service did on purpose so far: every fault's count and the outages that began. */
  @Override
  public FaultReport faults() {
    return runtime.report();
  }

  /** Occurrences of one fault so far. */
  public long faultCount(Fault fault) {
    return runtime.counters().get(fault);
  }

  /** Connections holding a stalled request now. */
  public int stalledNow() {
    return runtime.heldCount();
  }

  /** True while a scheduled outage is on. */
  public boolean isDown() {
    return runtime.isDown();
  }

  /** Tunnels currently open. */
  public int openTunnelCount() {
    return state.openTunnelCount();
  }

  /** Peers currently registered. */
  public int peerCount() {
    return state.peerCount();
  }

  /** Bytes retained so far by the simulated leak, at most the leak cap. */
  public long leakedBytes() {
    return leak.retainedBytes();
  }

  /**
   * Sets the latency added to answers of requests that arrive from now on.
   *
   * @param fixed added to every answer, 0..5 min
   * @param tailMean mean of an exponential random tail on top, 0..5 min
   */
  public void setLatency(Duration fixed, Duration tailMean) {
    faults.setLatency(new LatencyModel(fixed, tailMean));
  }

  /**
   * Sets the fraction of {@code /api/v1/*} requests answered 500 on purpose.
   *
   * @param ratio 0.0..1.0
   */
  public void setErrorRatio(double ratio) {
    faults.setErrorRatio(ratio);
  }

  /**
   * Sets the bytes retained per {@code /api/v1/*} request from now on.
   *
   * @param bytes 0..65536; retention still stops at the cap given at start
   */
  public void setLeakBytesPerRequest(int bytes) {
    leak.setBytesPerRequest(bytes);
  }

  /**
   * Sets how long an abandoned tunnel (no keepalive) or a peer without tunnels lives.
   *
   * @param idle > 0; checked every quarter of it, at least every second
   */
  public void setIdleExpiry(Duration idle) {
    if (idle == null || idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("idle expiry must be > 0, was " + idle);
    }
    idleExpiryNanos = idle.toNanos();
  }

  /** Stops accepting, closes every connection and releases the port. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    reaper.shutdownNow();
    runtime.releaseHeld();
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** True once {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String toString() {
    return "EmbeddedVpnCore[" + baseUri + ", " + transport + (closed.get() ? ", closed]" : "]");
  }

  /** Refuse-mode outage start: no more listening, every open connection dropped. */
  private int stopListening() {
    serverChannel.close().syncUninterruptibly();
    int open = connections.size();
    connections.close().awaitUninterruptibly();
    return open;
  }

  /** Refuse-mode outage end: listen again on the same address, retrying while it is taken. */
  private void resumeListening() {
    if (closed.get()) {
      return;
    }
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (bound.isSuccess()) {
      serverChannel = bound.channel();
      if (closed.get()) {
        serverChannel.close();
      }
    } else {
      reaper.schedule(this::resumeListening, 50, TimeUnit.MILLISECONDS);
    }
  }

  private void scheduleReaper() {
    // A quarter of the expiry, between 10 ms and 1 s: a sweep of even 100k entries costs about a
    // millisecond, and a shortened expiry takes effect within a second.
    long periodNanos = Math.max(10_000_000L, Math.min(idleExpiryNanos / 4, 1_000_000_000L));
    reaper.schedule(
        () -> {
          state.expireIdle(idleExpiryNanos);
          if (!closed.get()) {
            scheduleReaper();
          }
        },
        periodNanos,
        TimeUnit.NANOSECONDS);
  }

  private static VpnApi wire(
      String token,
      RequestCounters counters,
      FaultInjector faults,
      FaultRuntime runtime,
      MemoryLeak leak,
      VpnState state) {
    HealthHandler health = new HealthHandler(System.nanoTime(), System::nanoTime);
    ThreatSignalsHandler signals = new ThreatSignalsHandler(state);
    return new VpnApi(
        token,
        counters,
        faults,
        leak,
        health,
        new PeersHandler(state),
        new TunnelsHandler(state),
        signals,
        new MetricsHandler(counters, state, signals, leak, health, runtime));
  }

  /**
   * Sends one request of each kind through a throwaway copy of the pipeline (own counters and
   * state, no network), so that the first measured requests do not pay for class loading and
   * Jackson's setup: about 0.5 s on a cold JVM, enough to spoil the P99 of a short smoke run.
   */
  private static void warmUp() {
    String token = "warm-up";
    FaultInjector faults = new FaultInjector(0, LatencyModel.NONE, 0.0);
    VpnApi api =
        wire(
            token,
            new RequestCounters(),
            faults,
            FaultRuntime.none(),
            new MemoryLeak(0, 0),
            new VpnState(0, System::nanoTime));
    String auth = "Authorization: Bearer " + token + "\r\n";
    String[] requests = {
      "GET /health HTTP/1.1\r\nHost: w\r\n\r\n",
      "GET /metrics HTTP/1.1\r\nHost: w\r\n\r\n",
      post("/api/v1/peers", auth, "{\"node_id\":\"w\",\"public_key\":\"k\",\"endpoint\":\"e\"}"),
      post("/api/v1/tunnels", auth, "{\"peer_id\":\"unknown\"}"),
      post(
          "/api/v1/threat-signals",
          auth,
          "{\"source_ip\":\"192.0.2.1\",\"signature\":\"s\",\"severity\":\"low\","
              + "\"node_id\":\"w\",\"timestamp\":\"2025-01-31T12:00:00Z\"}"),
      post("/api/v1/tunnels/unknown/keepalive", auth, ""),
      "DELETE /api/v1/tunnels/unknown HTTP/1.1\r\nHost: w\r\n" + auth + "\r\n",
      post("/api/v1/peers", auth, "{\"node_id\":"),
      post("/api/v1/peers", "", "{}"),
      "GET /nope HTTP/1.1\r\nHost: w\r\n\r\n",
    };
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new HttpServerCodec(),
            new Aggregator(api),
            new VpnHttpHandler(api, faults, FaultRuntime.none()));
    try {
      for (String request : requests) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        for (Object out; (out = channel.readOutbound()) != null; ) {
          ReferenceCountUtil.release(out);
        }
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  private static String post(String path, String auth, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: w\r\n"
        + auth
        + "Content-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /**
   * Aggregates request bodies up to {@link #MAX_BODY_BYTES}, answering a larger one with a counted
   * JSON 413 and closing the connection (the rest of the body is not read).
   */
  private static final class Aggregator extends HttpObjectAggregator {
    private final VpnApi api;

    Aggregator(VpnApi api) {
      super(MAX_BODY_BYTES);
      this.api = api;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      HttpRequest request = (HttpRequest) oversized;
      Reply reply = api.tooLarge(request.method(), request.uri(), MAX_BODY_BYTES);
      ctx.writeAndFlush(VpnHttpHandler.toResponse(ctx.alloc(), reply, false, false))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
