package org.plasma4j.devtools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Ethereum tools that the build installs from npm. The checkout root is taken from
 * {@code PLASMA_HOME} or the {@code plasma.home} system property, else found by walking up from the
 * working directory to the folder that holds {@code package.json}.
 */
public final class ToolPaths {

  private ToolPaths() {}

  public static Path home() {
    String configured = System.getProperty("plasma.home", System.getenv("PLASMA_HOME"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("package.json"))
          && Files.isDirectory(dir.resolve("contracts"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find the Plasma4j checkout: set PLASMA_HOME to the folder holding package.json");
  }

  public static Path anvil() {
    return tool("anvil");
  }

  private static Path tool(String name) {
    Path bin = home().resolve("node_modules").resolve(".bin").resolve(name);
    return Optional.of(bin)
        .filter(Files::isExecutable)
        .orElseThrow(() -> new IllegalStateException(name
            + " is not installed at "
            + bin
            + ": run `npm ci` in "
            + home()
            + " (the Maven build does this for you)"));
  }
}
