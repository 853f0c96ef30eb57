package org.plasma4j.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.types.Address;
import org.plasma4j.devnet.hostile.Hostility;
import org.plasma4j.devtools.DevAccounts;
import org.plasma4j.operator.service.OperatorConfig;
import org.plasma4j.operator.service.OperatorNode;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.WalletKey;

/**
 * An operator that takes the place of a {@link Devnet}'s own (closed here; closing this closes the
 * devnet): the same account, fees and contract, with the knobs attack and reorg tests need:
 * confirmations, a {@link Hostility}, the exit games' events, and timers (1 h means off: the test
 * forms blocks and polls by hand).
 */
public final class ReplacementOperator implements AutoCloseable {

  /** How the replacement runs. */
  public record Settings(
      int confirmations, Duration blockInterval, Duration pollInterval, Hostility hostility) {

    /** Driven by hand: no timers, no confirmations, honest. */
    public static Settings manual() {
      return new Settings(0, Duration.ofHours(1), Duration.ofHours(1), Hostility.honest());
    }

    public Settings withConfirmations(int n) {
      return new Settings(n, blockInterval, pollInterval, hostility);
    }

    public Settings withTimers(Duration blocks, Duration polls) {
      return new Settings(confirmations, blocks, polls, hostility);
    }

    public Settings withHostility(Hostility h) {
      return new Settings(confirmations, blockInterval, pollInterval, h);
    }
  }

  private final Devnet devnet;
  private final OperatorNode node;

  private ReplacementOperator(Devnet devnet, OperatorNode node) {
    this.devnet = devnet;
    this.node = node;
  }

  /** A fresh devnet with its operator replaced; closing the replacement closes the devnet too. */
  public static ReplacementOperator onNewDevnet(Settings settings) {
    Devnet devnet = Devnet.start(Devnet.Options.defaults());
    try {
      return replace(devnet, settings);
    } catch (RuntimeException e) {
      devnet.close();
      throw e;
    }
  }

  public static ReplacementOperator replace(Devnet devnet, Settings settings) {
    devnet.operator().close();
    FeeSchedule fees =
        new FeeSchedule(Map.of(Address.ETH, Devnet.ETH_FEE, devnet.token(), Devnet.TOKEN_FEE));
    OperatorConfig config = OperatorConfig.devnet(
            tempDir(),
            fees,
            Devnet.address(Devnet.FEE_COLLECTOR),
            PrivateKey.fromHex(DevAccounts.privateKey(DevAccounts.OPERATOR)))
        .withRpc("127.0.0.1", 0)
        .withBlocks(settings.blockInterval(), 65_536)
        .withRootChainFollowing(settings.confirmations(), settings.pollInterval(), 0);
    Web3jRootChain rootChain = new Web3jRootChain(
        devnet.web3j(), devnet.framework(), Optional.of(Devnet.credentials(DevAccounts.OPERATOR)));
    OperatorNode node = settings
        .hostility()
        .wire(OperatorNode.builder(config, rootChain, rootChain))
        .build();
    node.start();
    return new ReplacementOperator(devnet, node);
  }

  private static java.nio.file.Path tempDir() {
    try {
      return Files.createTempDirectory("plasma-operator-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Devnet devnet() {
    return devnet;
  }

  public OperatorNode node() {
    return node;
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + node.rpcPort();
  }

  /** A wallet of dev account {@code account} talking to this operator. */
  public PlasmaWallet wallet(int account) {
    return PlasmaWallet.connect(
        WalletKey.fromHex(DevAccounts.privateKey(account)),
        rpcUrl(),
        devnet.anvil().rpcUrl(),
        devnet.framework());
  }

  /** Stops the operator, then the devnet (anvil included). */
  @Override
  public void close() {
    try {
      node.close();
    } finally {
      devnet.close();
    }
  }
}
