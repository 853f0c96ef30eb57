package org.plasma4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's settings from a TOML file: each key is one of the command's long options without its
 * dashes ({@code eth-rpc = "https://..."}, {@code rpc-port = 9545}, {@code watch = ["0x.."]}). The
 * file supplies defaults, so every option of the command is settable there, the ones added later
 * too, and an option given on the command line wins. A file that names an option the command does
 * not have, or gives a value of the wrong type, is refused before anything runs.
 */
final class ConfigFile implements IDefaultValueProvider {

  /** The option every configurable command has; it is not settable from the file itself. */
  static final String OPTION = "--config";

  /** Why a config file is refused. */
  enum Problem {
    MISSING_FILE,
    UNREADABLE,
    UNKNOWN_KEY,
    WRONG_TYPE
  }

  /** A refused config file: {@link #problem()} names why, the message says where. */
  static final class ConfigFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    ConfigFileException(Problem problem, Path file, String message) {
      super("config file " + file + ": " + problem + ": " + message);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  private static final TomlMapper TOML = new TomlMapper();
  private static final List<String> NOT_SETTABLE = List.of(OPTION, "--help", "--version");

  private final Map<String, String> values;

  private ConfigFile(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The file's values for {@code command}'s options, checked against them. */
  static ConfigFile load(Path file, CommandSpec command) {
    JsonNode root;
    try {
      root = TOML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigFileException(Problem.MISSING_FILE, file, "no such file");
    } catch (IOException e) {
      throw new ConfigFileException(
          Problem.UNREADABLE,
          file,
          "not TOML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, OptionSpec> options = new HashMap<>();
    for (OptionSpec o : command.options()) {
      options.put(o.longestName(), o);
    }
    Map<String, String> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = "--" + e.getKey();
      OptionSpec option = options.get(name);
      if (option == null || NOT_SETTABLE.contains(name)) {
        throw new ConfigFileException(
            Problem.UNKNOWN_KEY,
            file,
            "'" + e.getKey() + "' is not an option of '" + command.qualifiedName() + "'");
      }
      values.put(name, text(file, e.getKey(), option, e.getValue()));
    }
    return new ConfigFile(values);
  }

  /** The value as picocli would read it from the command line, if its type fits the option. */
  private static String text(Path file, String key, OptionSpec option, JsonNode value) {
    Class<?> type = option.type();
    boolean multi = option.isMultiValue();
    if (multi && value.isArray()) {
      if (option.splitRegex().isEmpty() && value.size() != 1) {
        throw wrongType(file, key, "a single value (the option takes one value a time)", value);
      }
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        items.add(scalar(file, key, option.auxiliaryTypes()[0], item));
      }
      return String.join(",", items);
    }
    return scalar(file, key, multi ? option.auxiliaryTypes()[0] : type, value);
  }

  private static String scalar(Path file, String key, Class<?> type, JsonNode value) {
    boolean integral =
        type == int.class || type == Integer.class || type == long.class || type == Long.class;
    boolean bool = type == boolean.class || type == Boolean.class;
    if (integral && !value.isIntegralNumber()) {
      throw wrongType(file, key, "an integer", value);
    }
    if (bool && !value.isBoolean()) {
      throw wrongType(file, key, "true or false", value);
    }
    if (!integral && !bool && !value.isTextual()) {
      throw wrongType(file, key, "a string", value);
    }
    return value.asText();
  }

  private static ConfigFileException wrongType(
      Path file, String key, String wanted, JsonNode value) {
    return new ConfigFileException(
        Problem.WRONG_TYPE,
        file,
        "'" + key + "' must be " + wanted + ", not "
            + value.getNodeType().name().toLowerCase() + " " + value);
  }

  /** The option names the file sets. */
  Collection<String> keys() {
    return values.keySet();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return values.get(option.longestName());
    }
    return null;
  }
}
