package org.plasma4j.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.plasma4j.wallet.WalletException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The {@code plasma} command. Each subcommand is its own class in this package; errors end as one
 * line on stderr with an exit code (1 failed, 2 bad input, 3 unreachable), with the stack trace
 * only under {@code --verbose}.
 */
@Command(
    name = "plasma",
    mixinStandardHelpOptions = true,
    version = "Plasma4j 0.1.0",
    description = "A Plasma layer-2 framework for Ethereum.",
    subcommands = {
      OperatorCommand.class,
      DevnetCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      WalletCommand.class,
      WatcherCommand.class,
      ExplorerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PlasmaCli {

  public static final int EXIT_FAILED = 1;
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_UNREACHABLE = 3;

  private final Map<String, String> env;

  public PlasmaCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment (PLASMA_HOME, PLASMA_KEY) the commands read; tests pass their own. */
  public Map<String, String> env() {
    return env;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The configured command line, ready to execute. */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new PlasmaCli(env)) {
      @Override
      public int execute(String... args) {
        try {
          applyConfigFile(this, args);
        } catch (ConfigFile.ConfigFileException e) {
          getErr().println("error: " + e.getMessage());
          getErr().flush();
          return EXIT_BAD_INPUT;
        }
        return super.execute(args);
      }
    };
    cli.setExecutionExceptionHandler(PlasmaCli::handleError);
    cli.setParameterExceptionHandler(PlasmaCli::handleBadArguments);
    return cli;
  }

  /** Like {@link #commandLine(Map)}, writing to the given streams. */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(env);
    cli.setOut(out);
    cli.setErr(err);
    return cli;
  }

  /**
   * Installs the {@code --config} file of the command {@code args} run as its default values:
   * before parsing, so options required on the command line may come from the file instead.
   */
  static void applyConfigFile(CommandLine root, String... args) {
    CommandLine command = root;
    int i = 0;
    for (; i < args.length; i++) {
      CommandLine sub = command.getSubcommands().get(args[i]);
      if (sub == null) {
        break;
      }
      command = sub;
    }
    if (command.getCommandSpec().findOption(ConfigFile.OPTION) == null) {
      return;
    }
    for (; i < args.length; i++) {
      String path = null;
      if (args[i].equals(ConfigFile.OPTION) && i + 1 < args.length) {
        path = args[i + 1];
      } else if (args[i].startsWith(ConfigFile.OPTION + "=")) {
        path = args[i].substring(ConfigFile.OPTION.length() + 1);
      }
      if (path != null) {
        command.setDefaultValueProvider(
            ConfigFile.load(java.nio.file.Path.of(path), command.getCommandSpec()));
        return;
      }
    }
  }

  private static int handleBadArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + e.getMessage());
    err.println("see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return EXIT_BAD_INPUT;
  }

  private static int handleError(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println("error: " + message(e));
    if (isVerbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  static int exitCode(Exception e) {
    return switch (e) {
      case WalletException.InvalidInput x -> EXIT_BAD_INPUT;
      case WalletException.DepositRefused x -> EXIT_BAD_INPUT;
      case WalletException.BadAddressChecksum x -> EXIT_BAD_INPUT;
      case IllegalArgumentException x -> EXIT_BAD_INPUT;
      case WalletException.OperatorUnreachable x -> EXIT_UNREACHABLE;
      default -> EXIT_FAILED;
    };
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName()
        : m.lines().findFirst().orElse(m);
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
