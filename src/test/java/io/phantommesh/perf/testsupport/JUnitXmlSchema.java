package io.phantommesh.perf.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JUnit XML schema that Jenkins' xUnit plugin checks reports with ({@code junit-10.xsd}), read
 * from the shared schemas folder beside the checkout, never copied into it: {@code
 * -Dperf.shared.schemas=<folder>} when set, else the first {@code shared/schemas} found walking up
 * from the working directory (in CI {@code <clone>/../shared/schemas}). A missing schema fails the
 * test that needs it, with where it looked.
 */
public final class JUnitXmlSchema {

  public static final String FILE_NAME = "junit-10.xsd";
  private static final String PROPERTY = "perf.shared.schemas";

  private static Schema schema;

  private JUnitXmlSchema() {}

  /** Fails unless {@code xml} is valid against the schema; {@code what} names it in the message. */
  public static void assertValid(String xml, String what) {
    Validator validator = schema().newValidator();
    try {
      validator.validate(new StreamSource(new StringReader(xml)));
    } catch (SAXParseException e) {
      fail(
          "%s does not validate against %s: line %d, column %d: %s%n%s",
          what, FILE_NAME, e.getLineNumber(), e.getColumnNumber(), e.getMessage(), xml);
    } catch (SAXException | IOException e) {
      fail("%s could not be validated against %s: %s", what, FILE_NAME, e);
    }
  }

  /** Like {@link #assertValid(String, String)} for a file, named by its path. */
  public static void assertValid(Path junitXml) {
    try {
      assertValid(Files.readString(junitXml, StandardCharsets.UTF_8), junitXml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + junitXml, e);
    }
  }

  private static synchronized Schema schema() {
    if (schema == null) {
      Path file = locate();
      try {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        schema = factory.newSchema(file.toFile());
      } catch (SAXException e) {
        throw new IllegalStateException("cannot parse the JUnit schema " + file + ": " + e, e);
      }
    }
    return schema;
  }

  /** Where the schema is; fails (never skips) when it is nowhere. */
  static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path file = Path.of(configured).resolve(FILE_NAME);
      if (!Files.isRegularFile(file)) {
        fail("-D%s=%s holds no %s", PROPERTY, configured, FILE_NAME);
      }
      return file;
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("shared").resolve("schemas").resolve(FILE_NAME);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return fail(
        "the JUnit schema %s was not found: looked for shared/schemas/%s in %s and every parent"
            + " folder (CI has it at <clone>/../shared/schemas/); set -D%s=<folder> to point at it",
        FILE_NAME, FILE_NAME, start, PROPERTY);
  }
}
