package org.plasma4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a running devnet publishes in {@code $PLASMA_HOME/.plasma/devnet.json}: the endpoints, the
 * framework, the root-chain block it was deployed in and the test token. Wallet commands take their
 * defaults from it when the URLs are not given, so that {@code plasma wallet balance} just works
 * next to {@code plasma devnet}.
 */
public record DevnetConfig(
    Optional<String> ethRpc,
    Optional<String> operatorRpc,
    Optional<String> framework,
    Optional<String> token,
    Optional<Long> chainId,
    Optional<Long> deployedAt) {

  /** The file as written before it recorded the deployment block. */
  public DevnetConfig(
      Optional<String> ethRpc,
      Optional<String> operatorRpc,
      Optional<String> framework,
      Optional<String> token,
      Optional<Long> chainId) {
    this(ethRpc, operatorRpc, framework, token, chainId, Optional.empty());
  }

  public static final String RELATIVE_PATH = ".plasma/devnet.json";

  public static DevnetConfig none() {
    return new DevnetConfig(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Where the devnet file lives: under $PLASMA_HOME, else under the working directory. */
  public static Path path(Map<String, String> env) {
    String home = env.get("PLASMA_HOME");
    Path base = home == null || home.isBlank() ? Path.of("") : Path.of(home);
    return base.resolve(RELATIVE_PATH);
  }

  /** The devnet's settings, or {@link #none()} if no devnet file exists or it cannot be read. */
  public static DevnetConfig load(Map<String, String> env) {
    return load(path(env));
  }

  public static DevnetConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      return none();
    }
    try {
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      if (json == null || !json.isObject()) {
        return none();
      }
      return new DevnetConfig(
          text(json, "ethRpc"),
          text(json, "operatorRpc"),
          text(json, "framework"),
          text(json, "token"),
          json.hasNonNull("chainId") ? Optional.of(json.get("chainId").asLong()) : Optional.empty(),
          json.hasNonNull("deployedAt")
              ? Optional.of(json.get("deployedAt").asLong())
              : Optional.empty());
    } catch (IOException e) {
      return none();
    }
  }

  private static Optional<String> text(JsonNode json, String field) {
    JsonNode n = json.get(field);
    return n == null || n.isNull() || n.asText().isBlank()
        ? Optional.empty()
        : Optional.of(n.asText());
  }
}
