package io.phantommesh.perf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key of reference.conf, given a value of the wrong type ({@code abc}), an empty one, a
 * negative one ({@code -1}) and one out of any range ({@code 1e400}) the way {@code -D} passes them
 * (as text), is either refused with an {@link InvalidSettingsException} that names that key and
 * that value, or lies in the key's legal domain and loads.
 *
 * <p>The keys are discovered from reference.conf when the test runs, so a key added later is
 * covered without touching this test. Which values a key legally accepts is not a list here: it
 * follows from the getter its record reads it with ({@link SettingsReader.Kind}): free text (a
 * token) accepts all four, a folder name accepts the non-empty ones, an optional URL accepts only
 * the empty one, every other getter (numbers, durations, sizes, booleans, enums, paths, lists)
 * accepts none. A key that no record reads fails the test.
 */
class EveryKeyRejectsWrongValuesTest {
  private static final List<String> WRONG_VALUES = List.of("abc", "-1", "", "1e400");

  /** What each key accepts, as declared by the getter that read it. */
  private static final Map<String, SettingsReader.Kind> KINDS =
      SettingsLoader.read(SettingsLoader.pureReference()).kinds();

  static List<String> referenceKeys() {
    TreeSet<String> keys = new TreeSet<>();
    ConfigFactory.defaultReference()
        .getConfig(SettingsReader.ROOT)
        .entrySet()
        .forEach(e -> keys.add(SettingsReader.ROOT + "." + e.getKey()));
    return List.copyOf(keys);
  }

  static Stream<Arguments> cases() {
    return referenceKeys().stream()
        .flatMap(key -> WRONG_VALUES.stream().map(value -> Arguments.of(key, value)));
  }

  @Test
  void walksAllOfReferenceConf() {
    // 97 keys when this test was written; the walk finds whatever is there now.
    assertThat(referenceKeys()).hasSizeGreaterThanOrEqualTo(97);
  }

  @Test
  void everyKeyOfReferenceConfIsReadByARecord() {
    assertThat(KINDS.keySet()).containsAll(referenceKeys());
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @MethodSource("cases")
  void aWrongValueIsNamedWithItsKeyOrIsLegalForTheKey(String key, String value) {
    SettingsReader.Kind kind = KINDS.get(key);
    assertThat(kind).as("%s is read by no settings record", key).isNotNull();
    boolean legal =
        switch (kind) {
          case ANY_TEXT -> true;
          case NON_BLANK_TEXT -> !value.isBlank();
          case EMPTY_OR_STRICT -> value.isEmpty();
          case STRICT -> false;
        };
    if (legal) {
      SettingsLoader.fromMap(Map.of(key, value));
      return;
    }
    InvalidSettingsException e =
        assertThrows(
            InvalidSettingsException.class, () -> SettingsLoader.fromMap(Map.of(key, value)));
    // The key typed, its value as given, a rule; and no other key blamed for it.
    assertThat(e.problems())
        .as("problems of %s = \"%s\"", key, value)
        .isNotEmpty()
        .allSatisfy(
            p ->
                assertThat(p)
                    .startsWith(key + " = \"" + value + "\": must ")
                    .doesNotContain("null"));
  }
}
