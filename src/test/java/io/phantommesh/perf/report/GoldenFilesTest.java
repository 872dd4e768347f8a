package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.document.JsonResultReader;
import io.phantommesh.perf.testsupport.JUnitXmlSchema;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Locks every output format of the golden run ({@link ReportFixtures#goldenStats}) down to the
 * byte. A change here is a reviewed format change; see {@link GoldenFiles} to regenerate.
 */
class GoldenFilesTest {
  private static final Locale DEFAULT_LOCALE = Locale.getDefault();

  static List<Locale> locales() {
    return List.of(Locale.ROOT, Locale.US, Locale.GERMANY);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(DEFAULT_LOCALE);
  }

  @ParameterizedTest
  @MethodSource("locales")
  void writesTheGoldenResultJson(Locale locale) {
    Locale.setDefault(locale);

    GoldenFiles.assertMatches(
        "result.json", JsonResultWriter.writeToString(ReportFixtures.goldenDocument()));
  }

  @ParameterizedTest
  @MethodSource("locales")
  void rendersTheGoldenMarkdownReport(Locale locale) {
    Locale.setDefault(locale);

    GoldenFiles.assertMatches(
        "report.md", MarkdownReportRenderer.render(ReportFixtures.goldenDocument()));
  }

  @ParameterizedTest
  @MethodSource("locales")
  void rendersTheGoldenJUnitXml(Locale locale) {
    Locale.setDefault(locale);

    GoldenFiles.assertMatches(
        "junit.xml", JUnitXmlRenderer.render(ReportFixtures.goldenDocument()));
  }

  @ParameterizedTest
  @MethodSource("locales")
  void rendersTheGoldenConsoleTable(Locale locale) {
    Locale.setDefault(locale);

    GoldenFiles.assertMatches(
        "console.txt",
        ConsoleVerdictTable.render(
            ReportFixtures.goldenDocument(),
            List.of(
                "reports/smokesimulation-20260104123456000/result.json",
                "reports/smokesimulation-20260104123456000/report.md",
                "reports/smokesimulation-20260104123456000/junit.xml")));
  }

  @Test
  void theGoldenJUnitXmlValidatesAgainstTheXunitSchema() {
    JUnitXmlSchema.assertValid(GoldenFiles.DIR.resolve("junit.xml"));
  }

  @Test
  void readsBackTheGoldenResultJsonAsTheSameDocument() throws Exception {
    try (var in = java.nio.file.Files.newInputStream(GoldenFiles.DIR.resolve("result.json"))) {
      assertThat(JsonResultReader.read(in)).isEqualTo(ReportFixtures.goldenDocument());
    }
  }
}
