package org.plasma4j.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed files under contracts/test/vectors, which forge reads: each must be what Java
 * computes.
 */
final class VectorFiles {
  private VectorFiles() {}

  /**
   * Asserts {@code file} holds {@code expected}; with {@code -Dplasma.vectors.write=true} writes it
   * first.
   */
  static void assertCommitted(Path file, String expected) throws IOException {
    if (Boolean.getBoolean("plasma.vectors.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
  }
}
