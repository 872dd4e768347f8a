package io.phantommesh.perf.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The addresses the embedded service may bind: an IP literal or {@code localhost}.
 *
 * <p>Stateless. A host name other than {@code localhost} is refused rather than looked up, so a
 * typo is named when settings load, not when the server fails to bind, and loading never waits on
 * DNS.
 */
final class BindAddress {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private BindAddress() {}

  /** {@code text} when it is an IPv4 or IPv6 literal or {@code localhost}; null otherwise. */
  static String parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("localhost") || IPV4.matcher(t).matches()) {
      return t;
    }
    if (t.contains(":") && t.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
      try {
        // A literal with ':' never triggers a lookup: InetAddress parses it as IPv6.
        InetAddress.getByName(t.startsWith("[") ? t : "[" + t + "]");
        return t;
      } catch (UnknownHostException | SecurityException e) {
        return null;
      }
    }
    return null;
  }
}
