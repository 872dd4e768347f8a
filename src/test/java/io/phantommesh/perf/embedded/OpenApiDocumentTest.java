package io.phantommesh.perf.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi/vpn-core.yaml} documents exactly the routes the service answers, so a new route
 * cannot go undocumented. Read as text by indentation (no YAML parser is a project dependency).
 */
class OpenApiDocumentTest {
  private static final String RESOURCE = "/openapi/vpn-core.yaml";

  @Test
  void isAnOpenApi3DocumentWithBearerSecurity() {
    String text = document();

    assertThat(text).startsWith("openapi: 3.0.");
    assertThat(text).contains("    bearerAuth:\n      type: http\n      scheme: bearer\n");
    assertThat(text).contains("security:\n  - bearerAuth: []\n");
  }

  @Test
  void everyRouteOfTheServerIsDocumentedWithItsMethod() {
    Map<String, Set<String>> documented = documentedOperations();

    for (VpnRoutes.Route route : VpnRoutes.ROUTES) {
      assertThat(documented)
          .as("route %s %s in %s", route.method(), route.template(), RESOURCE)
          .containsKey(route.template());
      assertThat(documented.get(route.template()))
          .contains(route.method().name().toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void everyDocumentedOperationIsRouted() {
    Set<String> routed =
        VpnRoutes.ROUTES.stream()
            .map(r -> r.method().name().toLowerCase(Locale.ROOT) + " " + r.template())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = new TreeSet<>();
    documentedOperations()
        .forEach((path, methods) -> methods.forEach(m -> documented.add(m + " " + path)));

    assertThat(documented).isEqualTo(routed);
  }

  @Test
  void apiOperationsDocument401AndPublicOnesOptOutOfSecurity() {
    Map<String, String> blocks = pathBlocks();

    blocks.forEach(
        (path, block) -> {
          if (VpnRoutes.isApiPath(path)) {
            assertThat(block).as(path).contains("'401':").doesNotContain("security: []");
          } else {
            assertThat(block).as(path).contains("security: []");
          }
        });
  }

  @Test
  void documentsTheSuccessStatusOfEachOperation() {
    Map<String, String> blocks = pathBlocks();

    assertThat(blocks.get("/health")).contains("'200':");
    assertThat(blocks.get("/metrics")).contains("'200':");
    assertThat(blocks.get("/api/v1/peers")).contains("'201':", "'400':");
    assertThat(blocks.get("/api/v1/tunnels")).contains("'201':", "'400':", "'404':");
    assertThat(blocks.get("/api/v1/tunnels/{id}/keepalive")).contains("'200':", "'404':");
    assertThat(blocks.get("/api/v1/tunnels/{id}")).contains("'204':", "'404':");
    assertThat(blocks.get("/api/v1/threat-signals")).contains("'202':", "'400':");
  }

  /** Path template to the lower-case HTTP methods documented under it. */
  private static Map<String, Set<String>> documentedOperations() {
    Set<String> httpMethods =
        Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    Map<String, Set<String>> ops = new LinkedHashMap<>();
    pathBlocks()
        .forEach(
            (path, block) -> {
              Set<String> methods = new TreeSet<>();
              for (String line : block.split("\n")) {
                if (line.startsWith("    ") && !line.startsWith("     ") && line.endsWith(":")) {
                  String key = line.strip().replace(":", "");
                  if (httpMethods.contains(key)) {
                    methods.add(key);
                  }
                }
              }
              ops.put(path, methods);
            });
    return ops;
  }

  /** Path template to the text of its block under {@code paths:}. */
  private static Map<String, String> pathBlocks() {
    List<String> lines = document().lines().collect(Collectors.toCollection(ArrayList::new));
    int start = lines.indexOf("paths:");
    assertThat(start).as("a top-level 'paths:' key").isNotNegative();
    Map<String, String> blocks = new LinkedHashMap<>();
    String current = null;
    StringBuilder block = new StringBuilder();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (!line.isEmpty() && !line.startsWith(" ")) {
        break; // next top-level key
      }
      if (line.startsWith("  /") && line.endsWith(":")) {
        if (current != null) {
          blocks.put(current, block.toString());
        }
        current = line.strip().substring(0, line.strip().length() - 1);
        block = new StringBuilder();
      } else {
        block.append(line).append('\n');
      }
    }
    if (current != null) {
      blocks.put(current, block.toString());
    }
    return blocks;
  }

  private static String document() {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE + " on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE, e);
    }
  }
}
