package io.phantommesh.perf.report;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.verdict.Formats;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a result document as {@code junit.xml}, the format CI servers (Jenkins, GitLab, GitHub
 * test reporters) read: one {@code <testsuite>} per run, one {@code <testcase>} per verdict.
 *
 * <ul>
 *   <li>CRITICAL: a {@code <failure type="CRITICAL">} whose message is e.g. {@code P99 312.0 ms >
 *       critical 300 ms}; the build's test stage fails.
 *   <li>WARNING: a passing test case whose {@code <system-out>} starts with {@code WARNING}: it
 *       shows in the test's output without failing the build.
 *   <li>PASS: a passing test case whose {@code <system-out>} starts with {@code PASS}.
 * </ul>
 *
 * <p>Suite properties carry the run id, target, times and versions. Text is escaped by the JDK's
 * own StAX writer; characters XML 1.0 forbids become U+FFFD. Stateless and thread-safe.
 */
public final class JUnitXmlRenderer {
  /** Prefix of suite and class names. */
  public static final String SUITE_PREFIX = "phantom-mesh-perf.";

  private static final DateTimeFormatter JUNIT_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JUnitXmlRenderer() {}

  /** The JUnit XML of {@code doc}, ending with a newline. */
  public static String render(ResultDocument doc) {
    StringWriter out = new StringWriter();
    try {
      // The JDK's own writer, never one found on the classpath: the output must not vary.
      XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
      write(xml, doc);
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot render JUnit XML: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** The one-line failure message of a verdict: label, value and the limit it broke. */
  static String message(Verdict v) {
    return v.label() + (v.value() == null ? ": " : " ") + v.detail();
  }

  private static void write(XMLStreamWriter xml, ResultDocument doc) throws XMLStreamException {
    String suite = SUITE_PREFIX + clean(doc.testName());
    int tests = doc.verdicts().size();
    long failures = doc.verdicts().stream().filter(v -> v.tier() == Tier.CRITICAL).count();
    String time = Formats.seconds(doc.duration());

    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuites");
    xml.writeAttribute("name", "phantom-mesh-perf");
    // Jenkins xUnit's junit-10.xsd allows "skipped" on <testsuite> only, not on <testsuites>.
    counts(xml, tests, failures, time, false);
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", suite);
    counts(xml, tests, failures, time, true);
    String timestamp = junitTimestamp(doc.startedAt());
    if (timestamp != null) {
      xml.writeAttribute("timestamp", timestamp);
    }
    properties(xml, doc);
    for (Verdict v : doc.verdicts()) {
      testcase(xml, suite, v);
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
  }

  private static void counts(
      XMLStreamWriter xml, int tests, long failures, String time, boolean withSkipped)
      throws XMLStreamException {
    xml.writeAttribute("tests", String.valueOf(tests));
    xml.writeAttribute("failures", String.valueOf(failures));
    xml.writeAttribute("errors", "0");
    if (withSkipped) {
      xml.writeAttribute("skipped", "0");
    }
    xml.writeAttribute("time", time);
  }

  private static void properties(XMLStreamWriter xml, ResultDocument doc)
      throws XMLStreamException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("run_id", doc.runId());
    p.put("test_name", doc.testName());
    p.put("verdict", doc.verdict() == null ? null : doc.verdict().name());
    p.put("simulation", doc.simulation());
    p.put("target", doc.target());
    p.put("started_at", doc.startedAt());
    p.put("ended_at", doc.endedAt());
    p.put("gatling_version", doc.gatlingVersion());
    p.put("injector_count", doc.injectorCount() == null ? null : doc.injectorCount().toString());
    p.put("request_count", String.valueOf(doc.requestCount()));
    p.put("error_count", String.valueOf(doc.errorCount()));
    p.put("partial", String.valueOf(doc.partial()));
    if (doc.partial()) {
      p.put("partial_reason", doc.partialReason());
    }
    p.put("schema_version", doc.schemaVersion());
    xml.writeCharacters("\n    ");
    xml.writeStartElement("properties");
    for (Map.Entry<String, String> e : p.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      xml.writeCharacters("\n      ");
      xml.writeEmptyElement("property");
      xml.writeAttribute("name", e.getKey());
      xml.writeAttribute("value", clean(e.getValue()));
    }
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
  }

  private static void testcase(XMLStreamWriter xml, String suite, Verdict v)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", suite);
    xml.writeAttribute("name", clean(v.metric()));
    xml.writeCharacters("\n      ");
    if (v.tier() == Tier.CRITICAL) {
      xml.writeStartElement("failure");
      xml.writeAttribute("message", clean(message(v)));
      xml.writeAttribute("type", Tier.CRITICAL.name());
      xml.writeCharacters(clean(body(v)));
    } else {
      xml.writeStartElement("system-out");
      xml.writeCharacters(clean(v.tier().name() + " " + message(v)));
    }
    xml.writeEndElement();
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
  }

  private static String body(Verdict v) {
    return "CRITICAL "
        + message(v)
        + "\nvalue: "
        + Formats.value(v.value(), v.unit())
        + "\nPASS if "
        + v.bound().passAscii()
        + " "
        + Formats.limit(v.target(), v.unit())
        + "\nCRITICAL if "
        + (v.critical() == null
            ? "never (no critical limit)"
            : v.bound().criticalAscii() + " " + Formats.limit(v.critical(), v.unit()));
  }

  private static String junitTimestamp(String isoInstant) {
    if (isoInstant == null) {
      return null;
    }
    try {
      return JUNIT_TIMESTAMP.format(Instant.parse(isoInstant));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code text} with every character XML 1.0 forbids replaced by U+FFFD; "" for null. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              boolean allowed =
                  cp == 0x9
                      || cp == 0xA
                      || cp == 0xD
                      || (cp >= 0x20 && cp <= 0xD7FF)
                      || (cp >= 0xE000 && cp <= 0xFFFD)
                      || (cp >= 0x10000 && cp <= 0x10FFFF);
              sb.appendCodePoint(allowed ? cp : 0xFFFD);
            });
    return sb.toString();
  }
}
