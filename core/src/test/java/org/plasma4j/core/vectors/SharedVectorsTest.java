package org.plasma4j.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        String expected = SharedVectors.json();
        if (Boolean.getBoolean("plasma.vectors.write")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
