package io.phantommesh.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.phantommesh.perf.document.JsonResultRoundTripTest;
import io.phantommesh.perf.document.ResultDocument;
import io.phantommesh.perf.results.RunStatistics;
import io.phantommesh.perf.run.ResultAssembler;
import io.phantommesh.perf.run.RunMetadata;
import io.phantommesh.perf.verdict.VerdictEvaluator;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every document the suite writes validates against the published schema; broken ones don't. */
class ResultSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in =
        ResultSchemaTest.class.getResourceAsStream("/schema/result.schema.json")) {
      assertThat(in).as("schema/result.schema.json on the classpath").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  static Stream<Arguments> documents() {
    RunStatistics empty = ReportFixtures.emptyStats();
    RunStatistics passing = ReportFixtures.passingStats();
    return Stream.of(
        Arguments.of("golden", ReportFixtures.goldenDocument()),
        Arguments.of("every optional field", JsonResultRoundTripTest.fullDocument()),
        Arguments.of(
            "no requests, partial",
            ResultAssembler.assemble(
                empty,
                RunMetadata.of("r", "ramp-up", null, "https://vpn.example.com"),
                VerdictEvaluator.evaluate(empty, ReportFixtures.seedSlo()))),
        Arguments.of(
            "passing",
            ResultAssembler.assemble(
                passing,
                RunMetadata.of("r", "ramp-up", null, "embedded"),
                VerdictEvaluator.evaluate(passing, ReportFixtures.seedSlo()))),
        Arguments.of(
            "seed-only, read and rewritten",
            JsonResultRoundTripTest.read(JsonResultRoundTripTest.SEED_DOCUMENT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyWrittenDocumentValidates(String name, ResultDocument doc) throws Exception {
    JsonNode json = JSON.readTree(JsonResultWriter.writeToString(doc));

    assertThat(schema.validate(json)).isEmpty();
  }

  @Test
  void theSeedsOwnExampleValidates() throws Exception {
    assertThat(schema.validate(JSON.readTree(JsonResultRoundTripTest.SEED_DOCUMENT))).isEmpty();
  }

  @Test
  void rejectsADocumentWithoutPeakRps() {
    ObjectNode json = golden();
    ((ObjectNode) json.get("metrics")).remove("peak_rps");

    assertThat(messages(json)).anyMatch(m -> m.contains("peak_rps"));
  }

  @Test
  void rejectsARequestCountGivenAsText() {
    ObjectNode json = golden();
    json.put("request_count", "1000");

    assertThat(messages(json)).anyMatch(m -> m.contains("request_count"));
  }

  @Test
  void rejectsAVersionedDocumentWithoutItsVerdicts() {
    ObjectNode json = golden();
    json.remove("verdicts");

    assertThat(messages(json)).anyMatch(m -> m.contains("verdicts"));
  }

  @Test
  void rejectsAPartialRunWithoutReason() {
    ObjectNode json = golden();
    json.put("partial", true);

    assertThat(messages(json)).anyMatch(m -> m.contains("partial_reason"));
  }

  @Test
  void rejectsATargetWithCredentials() {
    ObjectNode json = golden();
    json.put("target", "https://user:pw@vpn.example.com");

    assertThat(messages(json)).isNotEmpty();
  }

  @Test
  void rejectsAnUnknownTier() {
    ObjectNode json = golden();
    json.put("verdict", "FINE");

    assertThat(messages(json)).anyMatch(m -> m.contains("verdict"));
  }

  private static ObjectNode golden() {
    try {
      return (ObjectNode)
          JSON.readTree(JsonResultWriter.writeToString(ReportFixtures.goldenDocument()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Stream<String> messages(JsonNode json) {
    Set<ValidationMessage> found = schema.validate(json);
    assertThat(found).as("validation messages").isNotEmpty();
    return found.stream().map(ValidationMessage::getMessage);
  }
}
