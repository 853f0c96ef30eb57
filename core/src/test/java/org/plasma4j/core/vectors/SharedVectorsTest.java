package org.plasma4j.core.vectors;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed vectors file must be exactly what Java computes; forge checks the same file against the
 * contracts. Regenerate with {@code ./mvnw -pl core verify -Dplasma.vectors.write=true}.
 */
class SharedVectorsTest {
    static final Path FILE = Path.of("..", "contracts", "test", "vectors", "vectors.json");

    @Test
    void committedVectorsMatchJava() throws IOException {
        VectorFiles.assertCommitted(FILE, SharedVectors.json());
    }
}
