package io.phantommesh.perf.embedded;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The I/O transport of the embedded service: native epoll when it loads, else Java NIO.
 *
 * <p>Immutable. Epoll is reached by reflection because the Netty BOM puts {@code
 * netty-transport-native-epoll} in runtime scope (its classes are not on the compile classpath),
 * and so that a classpath without it (another OS, a trimmed jar) falls back to NIO instead of
 * failing.
 *
 * @param name {@code "epoll"} or {@code "nio"}
 * @param ioHandlerFactory factory of the event loops' I/O handlers
 * @param serverChannelType the matching server channel class
 */
record Transport(
    String name,
    IoHandlerFactory ioHandlerFactory,
    Class<? extends ServerChannel> serverChannelType) {

  /** Epoll if available on this machine, else NIO. */
  static Transport best() {
    try {
      Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
      if ((Boolean) epoll.getMethod("isAvailable").invoke(null)) {
        IoHandlerFactory factory =
            (IoHandlerFactory)
                Class.forName("io.netty.channel.epoll.EpollIoHandler")
                    .getMethod("newFactory")
                    .invoke(null);
        Class<? extends ServerChannel> channel =
            Class.forName("io.netty.channel.epoll.EpollServerSocketChannel")
                .asSubclass(ServerChannel.class);
        return new Transport("epoll", factory, channel);
      }
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      // Epoll classes missing or unusable here: NIO below is always available.
    }
    return nio();
  }

  /** Java NIO, available everywhere. */
  static Transport nio() {
    return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }
}
