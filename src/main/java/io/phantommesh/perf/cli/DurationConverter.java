package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.SettingsValues;
import java.time.Duration;
import picocli.CommandLine;

/**
 * picocli converter of duration options: the settings' own syntax ({@code 500ms}, {@code 1.5s},
 * {@code 2m}; a bare number is milliseconds), through {@link SettingsValues#duration}. Stateless.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return SettingsValues.duration(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
