package org.plasma4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.plasma4j.core.types.Address;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.rootchain.TokenProbe;
import org.plasma4j.rootchain.TokenUnits;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletException;
import org.plasma4j.wallet.WalletException.InvalidInput;
import org.plasma4j.wallet.WalletKey;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every wallet command shares: endpoints, the key, and output format. */
public final class WalletOptions {

  static final String DEFAULT_OPERATOR_RPC = "http://127.0.0.1:9545";
  static final String DEFAULT_ETH_RPC = "http://127.0.0.1:8545";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--rpc",
      paramLabel = "<url>",
      description = "Operator JSON-RPC URL (default: the running devnet's, else "
          + DEFAULT_OPERATOR_RPC + ").")
  String rpc;

  @Option(
      names = "--eth-rpc",
      paramLabel = "<url>",
      description =
          "Root-chain JSON-RPC URL (default: the running devnet's, else " + DEFAULT_ETH_RPC + ").")
  String ethRpc;

  @Option(
      names = "--framework",
      paramLabel = "<0x..>",
      description =
          "The PlasmaFramework address every signature is bound to (default: the running devnet's, when --eth-rpc is the devnet's). Never taken from the operator.")
  String framework;

  @Option(
      names = "--key",
      paramLabel = "<hex>",
      description =
          "Private key as hex (or set PLASMA_KEY; prefer --keystore outside development).")
  String key;

  @Option(names = "--keystore", paramLabel = "<file>", description = "Ethereum V3 keystore file.")
  Path keystore;

  @Option(
      names = "--password-file",
      paramLabel = "<file>",
      description = "File holding the keystore password.")
  Path passwordFile;

  @Option(
      names = "--dev-account",
      paramLabel = "<n>",
      description = "Use anvil's funded development account n (0-9; development chains only).")
  Integer devAccount;

  @Option(names = "--json", description = "Print machine-readable JSON (amounts in wei).")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  private DevnetConfig devnet;
  private final Map<Address, TokenUnits> units = new java.util.HashMap<>();

  Map<String, String> env() {
    return ((PlasmaCli) mixee.root().userObject()).env();
  }

  DevnetConfig devnet() {
    if (devnet == null) {
      devnet = DevnetConfig.load(env());
    }
    return devnet;
  }

  String operatorRpc() {
    return rpc != null ? rpc : devnet().operatorRpc().orElse(DEFAULT_OPERATOR_RPC);
  }

  String ethRpc() {
    return ethRpc != null ? ethRpc : devnet().ethRpc().orElse(DEFAULT_ETH_RPC);
  }

  /** The pinned framework; see {@link #pinnedFramework}. */
  Address framework() {
    return pinnedFramework(framework, ethRpc, devnet());
  }

  /**
   * The framework every signature is bound to: {@code --framework}, else the devnet file's when the
   * root chain is the devnet's ({@code --eth-rpc} absent or the devnet's own). Never the operator's
   * word: an operator naming a framework could make a wallet sign, or accept, transfers void on the
   * root chain.
   */
  static Address pinnedFramework(String option, String ethRpcOption, DevnetConfig devnet) {
    if (option != null) {
      return address(option, "--framework");
    }
    boolean devnetChain =
        ethRpcOption == null || devnet.ethRpc().filter(ethRpcOption::equals).isPresent();
    return devnet
        .framework()
        .filter(f -> devnetChain)
        .map(f -> address(f, "the devnet file's framework"))
        .orElseThrow(() -> new InvalidInput(
            "no framework: give --framework <0x..> (it is not taken from the operator)"
                + (devnetChain || devnet.framework().isEmpty()
                    ? ""
                    : "; the devnet file's is for another root chain")));
  }

  WalletKey walletKey() {
    String envKey = env().get("PLASMA_KEY");
    int sources = (key != null ? 1 : 0) + (keystore != null ? 1 : 0) + (devAccount != null ? 1 : 0);
    if (sources > 1) {
      throw new InvalidInput("give only one of --key, --keystore and --dev-account");
    }
    if (keystore != null) {
      if (passwordFile == null) {
        throw new InvalidInput("--keystore needs --password-file");
      }
      return WalletKey.fromKeystore(keystore, passwordFile);
    }
    if (devAccount != null) {
      if (devAccount < 0 || devAccount >= DevAccounts.COUNT) {
        throw new InvalidInput("--dev-account must be 0 to " + (DevAccounts.COUNT - 1));
      }
      return WalletKey.fromHex(DevAccounts.privateKey(devAccount));
    }
    if (key != null) {
      return WalletKey.fromHex(key);
    }
    if (envKey != null && !envKey.isBlank()) {
      return WalletKey.fromHex(envKey);
    }
    throw new InvalidInput("no key: give --key, --keystore with --password-file, or --dev-account");
  }

  PlasmaWallet wallet() {
    return PlasmaWallet.connect(walletKey(), operatorRpc(), ethRpc(), this::framework);
  }

  /** {@code eth}, a 0x token address, or {@code dev} for the devnet's test token. */
  Address token(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("eth")) {
      return Address.ETH;
    }
    if (t.equalsIgnoreCase("dev")) {
      return devnet()
          .token()
          .map(Address::fromHex)
          .orElseThrow(() -> new InvalidInput(
              "--token dev needs a running devnet (no " + DevnetConfig.RELATIVE_PATH + ")"));
    }
    return address(t, "--token");
  }

  /** The longest {@code --timeout} a command takes: about eleven days. */
  static final long MAX_TIMEOUT_SECONDS = 1_000_000;

  /**
   * A {@code --timeout} in seconds: positive, and short enough that a deadline computed from it
   * cannot overflow (a wrapped deadline would end the command at once, or never).
   */
  static Duration timeout(long seconds) {
    if (seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new InvalidInput(
          "--timeout must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds, got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * A 0x address. All lower or all upper case is taken as it is; mixed case is an EIP-55 checksum,
   * and a wrong one is refused: it means a typo, and funds sent to a mistyped address are lost.
   */
  static Address address(String text, String option) {
    String t = text.strip();
    if (!t.matches("0[xX][0-9a-fA-F]{40}")) {
      throw new InvalidInput(option + " must be a 0x-prefixed 20-byte address, got '" + text + "'");
    }
    String hex = t.substring(2);
    boolean mixed =
        !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
    if (mixed) {
      String checksummed = Keys.toChecksumAddress(hex);
      if (!checksummed.substring(2).equals(hex)) {
        throw new WalletException.BadAddressChecksum(option, t, checksummed);
      }
    }
    return Address.fromHex(t);
  }

  static String label(Address token) {
    return token.isZero() ? "ETH" : token.toHex();
  }

  /**
   * How amounts of {@code token} read ({@code symbol()}, {@code decimals()}), asked of the root
   * chain once per token; a token that cannot be asked (the root chain is down) reads in base units
   * by address. A token whose symbol is ETH's or one a token read before in this command already
   * shows is marked with its address.
   */
  TokenUnits units(Address token) {
    if (token.isZero()) {
      return TokenUnits.ETH;
    }
    Map<String, Address> known = new java.util.HashMap<>();
    units.values().stream()
        .filter(u -> u.known() && !u.collides())
        .forEach(u -> known.putIfAbsent(TokenUnits.key(u.symbol().orElseThrow()), u.token()));
    return units.computeIfAbsent(token, t -> {
      Web3j web3j = Web3j.build(new HttpService(ethRpc()));
      try {
        return TokenUnits.of(new TokenProbe(web3j), t, known);
      } catch (RuntimeException e) {
        return TokenUnits.unknown(t);
      } finally {
        web3j.shutdown();
      }
    });
  }
}
