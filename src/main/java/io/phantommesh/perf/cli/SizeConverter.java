package io.phantommesh.perf.cli;

import io.phantommesh.perf.config.SettingsValues;
import picocli.CommandLine;

/**
 * picocli converter of memory-size options, in bytes: the settings' own syntax ({@code 256M},
 * {@code 1G}; a bare number is bytes), through {@link SettingsValues#bytes}. Stateless.
 */
public final class SizeConverter implements CommandLine.ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return SettingsValues.bytes(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
