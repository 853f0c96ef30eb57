package org.plasma4j.explorer;

import java.net.URI;
import java.time.Duration;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.devnet.DevnetWatcher;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.watcher.WatcherNode;

/**
 * A devnet, a watcher that challenges invalid exits (polling every 2 s), and an explorer reading
 * both and the devnet's anvil from the deployment block: what the explorer's integration tests run
 * against, closed together.
 */
record ExplorerDevnet(Devnet devnet, WatcherNode watcher, Explorer explorer)
    implements AutoCloseable {

  /** Starts all three; the explorer shows an event once {@code confirmations} blocks are above. */
  static ExplorerDevnet start(Devnet.Options options, int confirmations) {
    Devnet devnet = Devnet.start(options);
    WatcherNode watcher = null;
    try {
      watcher = DevnetWatcher.start(devnet, 0, Duration.ofSeconds(2), true);
      Explorer explorer = Explorer.start(ExplorerConfig.local(
              URI.create(devnet.operatorRpcUrl()),
              URI.create("http://127.0.0.1:" + watcher.rpcPort()),
              URI.create(devnet.anvil().rpcUrl()),
              devnet.framework(),
              0)
          .startingAt(devnet.deployment().deployedAt())
          .withConfirmations(confirmations));
      return new ExplorerDevnet(devnet, watcher, explorer);
    } catch (RuntimeException e) {
      if (watcher != null) {
        watcher.close();
      }
      devnet.close();
      throw e;
    }
  }

  /**
   * Dev account {@code cheat} deposits 1 ETH, pays all of it (less the fee) to {@code payee}, then
   * starts a standard exit of the spent deposit: the invalid exit the watcher challenges.
   */
  Deposit exitOfASpentDeposit(int cheat, Address payee, Duration wait) {
    PlasmaWallet wallet = devnet.wallet(cheat);
    Deposit deposit = wallet.deposit(Address.ETH, Devnet.ETHER);
    wallet.awaitSpendable(deposit.position(), wait);
    Bytes32 spend = wallet.send(payee, Address.ETH, Devnet.ETHER.subtract(Devnet.ETH_FEE));
    wallet.awaitInclusion(spend, wait);
    wallet.exit(deposit.position());
    return deposit;
  }

  @Override
  public void close() {
    explorer.close();
    watcher.close();
    devnet.close();
  }
}
