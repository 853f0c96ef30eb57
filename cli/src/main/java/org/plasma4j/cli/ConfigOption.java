package org.plasma4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config <file.toml>}: the command's options from a file (see {@link ConfigFile}); read
 * before the command line is parsed, so {@link PlasmaCli} handles it and this field only documents
 * it in the help.
 */
final class ConfigOption {

  @Option(
      names = ConfigFile.OPTION,
      paramLabel = "<file.toml>",
      description = "Read options from this TOML file: each key an option's long name without"
          + " its dashes (rpc-port = 9545); options on the command line win (docs/operations.md).")
  Path config;
}
