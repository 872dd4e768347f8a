package io.phantommesh.perf.report.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.StringJoiner;

/** Content-Security-Policy hash sources of inline scripts. Stateless. */
public final class Csp {
  private Csp() {}

  /** {@code 'sha256-…'} of each script's exact text, space-separated. */
  public static String hashes(String... scripts) {
    StringJoiner out = new StringJoiner(" ");
    for (String s : scripts) {
      out.add("'sha256-" + Base64.getEncoder().encodeToString(sha256(s)) + "'");
    }
    return out.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
