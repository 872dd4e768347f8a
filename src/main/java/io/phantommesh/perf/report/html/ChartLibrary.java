package io.phantommesh.perf.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The charting library inlined into every report page: uPlot's script and style sheet, read from
 * its WebJar ({@code org.webjars.npm:uplot}) on the classpath, so a page needs no network and no
 * file beside it. The page's own script and style sheet ride along.
 *
 * <p>Immutable. {@link #bundled()} reads the resources once per JVM.
 *
 * @param name what the page's comment names, e.g. {@code uPlot 1.6.30}
 * @param script uPlot's minified script (defines {@code uPlot})
 * @param css uPlot's style sheet
 */
public record ChartLibrary(String name, String script, String css) {
  private static final String POM_PROPERTIES =
      "META-INF/maven/org.webjars.npm/uplot/pom.properties";
  private static final String BASE = "META-INF/resources/webjars/uplot/";

  public ChartLibrary {
    // The library's text goes into a <script> element unescaped: it must not be able to end it.
    if (script.toLowerCase(java.util.Locale.ROOT).contains("</script")
        || css.toLowerCase(java.util.Locale.ROOT).contains("</style")) {
      throw new IllegalArgumentException(name + " holds a closing </script> or </style> tag");
    }
  }

  private static final class Holder {
    static final ChartLibrary BUNDLED = load();
  }

  /** uPlot from its WebJar. */
  public static ChartLibrary bundled() {
    return Holder.BUNDLED;
  }

  /**
   * A stand-in whose script and style are one comment each: pages for golden files, which lock the
   * page's own markup, not a third-party library's bytes.
   */
  public static ChartLibrary marker() {
    return new ChartLibrary(
        "uPlot (left out)", "/* uPlot script left out */", "/* uPlot style left out */");
  }

  private static ChartLibrary load() {
    Properties pom = new Properties();
    try (InputStream in = resource(POM_PROPERTIES)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
    }
    String version = pom.getProperty("version");
    String dist = BASE + version + "/dist/";
    return new ChartLibrary(
        "uPlot " + version, text(dist + "uPlot.iife.min.js"), text(dist + "uPlot.min.css"));
  }

  /** A classpath resource as UTF-8 text. */
  public static String text(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name + " is not on the classpath: the uPlot WebJar (org.webjars.npm:uplot) is missing");
    }
    return in;
  }
}
