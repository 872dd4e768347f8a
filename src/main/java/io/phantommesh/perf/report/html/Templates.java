package io.phantommesh.perf.report.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The report pages' jte templates ({@code src/main/jte}), compiled to Java classes at build time by
 * the jte-maven-plugin into {@value #PACKAGE}: no template compiler at run time, and a template
 * naming a missing accessor fails the build. Html content type: every {@code ${}} is escaped for
 * its context (text, attribute, script). Stateless and thread-safe.
 */
public final class Templates {
  /** The generated classes' package, as the pom's jte-maven-plugin names it. */
  static final String PACKAGE = "io.phantommesh.perf.report.html.templates";

  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

  private Templates() {}

  /** Renders template {@code name} (e.g. {@code report.jte}) with its one parameter. */
  public static String render(String name, Object param) {
    StringOutput out = new StringOutput(256 * 1024);
    ENGINE.render(name, param, out);
    return out.toString();
  }
}
