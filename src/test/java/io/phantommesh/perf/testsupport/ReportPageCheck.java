package io.phantommesh.perf.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every report.html must do in a real browser: load with no console error and no request but
 * its own document, draw data in every chart, show result.json's verdict, and run nothing that came
 * from the document's text.
 */
public final class ReportPageCheck {
  /** Counts every canvas pixel near one of the chart's series colours (the drawn data). */
  private static final String CHARTS =
      """
      Array.from(document.querySelectorAll('.plot')).map(n => {
        const c = n.querySelector('canvas');
        if (!c) return {id: n.id, canvas: false, points: 0, hits: 0};
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const colors = (n.getAttribute('data-colors') || '').split(' ').filter(Boolean)
          .map(h => [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16)));
        let hits = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] < 128) continue;
          for (const [r, g, b] of colors) {
            if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 48) {
              hits++; break;
            }
          }
        }
        return {id: n.id, canvas: true, points: +(n.getAttribute('data-points') || 0), hits};
      })
      """;

  private ReportPageCheck() {}

  /**
   * Opens {@code page} and checks it.
   *
   * @return milliseconds from navigation start to the page's charts being drawn ({@code
   *     data-ready})
   */
  public static long check(Chromium browser, Path page, int expectedCharts) throws Exception {
    String url = page.toUri().toString();
    browser.open(url);
    long readyMillis =
        browser
            .waitFor("document.documentElement.getAttribute('data-ready')", Duration.ofSeconds(20))
            .asLong();
    assertThat(browser.consoleErrors()).as("console errors of " + page).isEmpty();
    assertThat(browser.requests()).as("requests of " + page).containsExactly(url);

    JsonNode charts = browser.evaluate(CHARTS);
    assertThat(charts.size()).as("charts on " + page).isEqualTo(expectedCharts);
    for (JsonNode c : charts) {
      assertThat(c.get("canvas").asBoolean()).as(c.get("id") + " has a canvas").isTrue();
      assertThat(c.get("points").asInt()).as(c.get("id") + " has points").isPositive();
      assertThat(c.get("hits").asInt()).as(c.get("id") + " drew its series").isGreaterThan(30);
    }

    JsonNode result =
        new ObjectMapper().readTree(Files.readString(page.resolveSibling("result.json")));
    assertThat(browser.evaluate("document.getElementById('verdict').textContent").asText())
        .isEqualTo(result.get("verdict").asText());
    assertThat(browser.evaluate("typeof window.__pwned").asText())
        .as("no markup of the document ran")
        .isEqualTo("undefined");
    assertThat(browser.evaluate("document.querySelectorAll('body script').length").asInt())
        .as("only the page's own three scripts")
        .isEqualTo(3);
    assertThat(
            browser
                .evaluate("document.querySelectorAll('img, iframe, object, embed').length")
                .asInt())
        .isZero();
    // For a reviewer of the test run: what the browser showed.
    Path shots = Path.of("target", "report-screenshots");
    Files.createDirectories(shots);
    String name = page.getParent().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    Files.write(shots.resolve(name + ".png"), browser.screenshot(1280, 6000));
    return readyMillis;
  }
}
