package org.plasma4j.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.OutputPosition;

/**
 * The committed vectors file must be exactly what Java computes; forge checks the same file against
 * the contracts. Regenerate with {@code ./mvnw -pl core verify -Dplasma.vectors.write=true}.
 */
class SharedVectorsTest {
  static final Path FILE = Path.of("..", "contracts", "test", "vectors", "vectors.json");

  @Test
  void committedVectorsMatchJava() throws IOException {
    VectorFiles.assertCommitted(FILE, SharedVectors.json());
  }

  @Test
  void everyInvalidVectorPositionIsRejected() {
    for (BigInteger p : SharedVectors.INVALID_POSITIONS) {
      assertThat(p.bitLength() <= 63 && OutputPosition.isValid(p.longValue()))
          .as(p.toString())
          .isFalse();
      assertThatThrownBy(() -> OutputPosition.decode(p))
          .as(p.toString())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
