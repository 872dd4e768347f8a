package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.testsupport.JUnitXmlSchema;
import io.phantommesh.perf.verdict.Bound;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlRendererTest {
  @Test
  void writesOneTestCasePerVerdictWithMatchingCounts() throws Exception {
    Document xml = parse(JUnitXmlRenderer.render(ReportFixtures.goldenDocument()));

    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("phantom-mesh-perf.smoke");
    assertThat(suite.getAttribute("tests")).isEqualTo("6");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(suite.getAttribute("skipped")).isEqualTo("0");
    assertThat(suite.getAttribute("time")).isEqualTo("25.000");
    assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-01-04T12:34:56");
    NodeList cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(6);
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      assertThat(c.getAttribute("classname")).isEqualTo("phantom-mesh-perf.smoke");
      names.add(c.getAttribute("name"));
    }
    assertThat(names)
        .containsExactly(
            "latency_mean", "latency_p50", "latency_p99", "latency_p999", "error_rate", "peak_rps");
  }

  @Test
  void theSuitesElementCarriesOnlyTheCountsTheSchemaAllows() throws Exception {
    Document xml = parse(JUnitXmlRenderer.render(ReportFixtures.goldenDocument()));

    Element suites = xml.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    assertThat(suites.getAttribute("tests")).isEqualTo("6");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    assertThat(suites.hasAttribute("skipped")).isFalse();
  }

  @Test
  void failsACriticalVerdictWithTheBrokenLimitAsMessage() throws Exception {
    // P99 312 ms against the seed's 200 / 300 ms
    RunStatistics stats = ReportFixtures.statsWith(45.0, 38, 312, 400, 1000, 0, 1200);
    ResultDocument doc =
        ResultAssembler.assemble(
            stats,
            RunMetadata.of("r", "ramp-up", null, "embedded"),
            VerdictEvaluator.evaluate(stats, ReportFixtures.seedSlo()));

    Element failure =
        (Element) parse(JUnitXmlRenderer.render(doc)).getElementsByTagName("failure").item(0);

    assertThat(failure.getAttribute("message")).isEqualTo("P99 312.0 ms > critical 300 ms");
    assertThat(failure.getAttribute("type")).isEqualTo("CRITICAL");
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("latency_p99");
    assertThat(failure.getTextContent())
        .contains("PASS if <= 200 ms")
        .contains("CRITICAL if > 300 ms");
  }

  @Test
  void passesAWarningVerdictWithAWarningOnStandardOutput() throws Exception {
    Document xml = parse(JUnitXmlRenderer.render(ReportFixtures.goldenDocument()));

    Element p99 = testcase(xml, "latency_p99");
    assertThat(p99.getElementsByTagName("failure").getLength()).isZero();
    assertThat(p99.getElementsByTagName("system-out").item(0).getTextContent())
        .isEqualTo("WARNING P99 250.0 ms > target 200 ms, <= critical 300 ms");
  }

  @Test
  void carriesTheRunAsSuiteProperties() throws Exception {
    Document xml = parse(JUnitXmlRenderer.render(ReportFixtures.goldenDocument()));

    NodeList props = xml.getElementsByTagName("property");
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < props.getLength(); i++) {
      Element p = (Element) props.item(i);
      pairs.add(p.getAttribute("name") + "=" + p.getAttribute("value"));
    }
    assertThat(pairs)
        .contains(
            "run_id=smokesimulation-20260104123456000",
            "target=embedded",
            "verdict=CRITICAL",
            "gatling_version=3.15.1",
            "started_at=2026-01-04T12:34:56.000Z");
  }

  @Test
  void staysWellFormedWhateverTheTextHolds() throws Exception {
    Verdict nasty =
        Verdict.unmeasured(
            "weird_metric",
            "<b>\"x\" & 'y' ]]> \u0001\u0007",
            "",
            Bound.AT_MOST,
            1,
            2.0,
            Tier.CRITICAL,
            "</failure><evil/> \uD83D\uDE80");
    ResultDocument doc = ReportFixtures.goldenDocument().withAddedVerdicts(List.of(nasty));

    Document xml = parse(JUnitXmlRenderer.render(doc));

    Element failure =
        (Element) testcase(xml, "weird_metric").getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("<b>\"x\" & 'y' ]]> \uFFFD\uFFFD: </failure><evil/> \uD83D\uDE80");
    assertThat(xml.getElementsByTagName("evil").getLength()).isZero();
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(7);
    assertThat(((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("failures"))
        .isEqualTo("2");
  }

  private static Element testcase(Document xml, String name) {
    NodeList cases = xml.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (c.getAttribute("name").equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no testcase " + name);
  }

  /** Parses a rendered junit.xml, after checking it against the xUnit plugin's schema. */
  private static Document parse(String xml) throws Exception {
    JUnitXmlSchema.assertValid(xml, "the rendered junit.xml");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // Xerces' feature that refuses DOCTYPEs (no JDK constant for it)
    String disallowDoctype =
        "http://apache.org/xml/features/disallow-doctype-decl"; // a feature name, not an address
    f.setFeature(disallowDoctype, true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
