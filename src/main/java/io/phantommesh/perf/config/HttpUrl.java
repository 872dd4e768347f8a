package io.phantommesh.perf.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URLs settings accept: absolute http(s), with a host, without credentials, query or fragment.
 *
 * <p>Stateless. A trailing slash is dropped, so {@code base + path} never doubles it.
 */
final class HttpUrl {
  /** The rule as problems state it. */
  static final String RULE =
      "must be an absolute http(s) URL with a host and no credentials, e.g."
          + " https://vpn-core.example.com:8443";

  private HttpUrl() {}

  /** The URL, or null when {@code text} is not one settings accept. */
  static URI parse(String text) {
    String raw = text.strip();
    try {
      URI u = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
      boolean ok =
          u.getScheme() != null
              && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
              && u.getHost() != null
              && u.getUserInfo() == null
              && u.getQuery() == null
              && u.getFragment() == null;
      return ok ? u : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** A path of the API: starts with {@code /}, no spaces, no query; null otherwise. */
  static String path(String text) {
    return text.startsWith("/") && !text.contains(" ") && !text.contains("?") ? text : null;
  }
}
