package org.plasma4j.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.plasma4j.watcher.WatcherConfig;
import org.plasma4j.watcher.WatcherNode;
import org.plasma4j.watcher.challenge.FrameworkExitChallenger;
import org.web3j.crypto.Credentials;

/**
 * A watcher for a devnet: no confirmations (anvil does not reorganize unless asked), a fresh data
 * directory, challenging invalid exits with a dev account's key, so that the devnet's explorer
 * shows byzantine events and its health as a real deployment would.
 */
public final class DevnetWatcher {
  /** The dev account the devnet's watcher challenges with (and is paid the bonds of). */
  public static final int CHALLENGER = 8;

  private DevnetWatcher() {}

  /**
   * Opens the watcher; {@code polling} starts its poll loop (else the caller polls, as stories and
   * tests that step the chain by hand do).
   */
  public static WatcherNode start(
      Devnet devnet, int rpcPort, Duration withholdingTimeout, boolean polling) {
    WatcherConfig config;
    try {
      config = WatcherConfig.defaults(
              URI.create(devnet.operatorRpcUrl()), Files.createTempDirectory("plasma-watcher-"))
          .withRpc("127.0.0.1", rpcPort)
          .withFollowing(0, Duration.ofMillis(500), 0)
          .withTimeouts(withholdingTimeout, Duration.ofSeconds(10), Duration.ofSeconds(5))
          .watching(Set.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Credentials key = Devnet.credentials(CHALLENGER);
    FrameworkExitChallenger hands = new FrameworkExitChallenger(
        new FrameworkClient(devnet.web3j(), key, devnet.framework()),
        InFlightExitClient.forFramework(devnet.web3j(), key, devnet.framework()),
        MassExitClient.forFramework(devnet.web3j(), key, devnet.framework()));
    WatcherNode node = WatcherNode.open(
        config,
        new Web3jRootChain(devnet.web3j(), devnet.framework(), Optional.empty()),
        Optional.of(hands));
    if (polling) {
      node.start();
    } else {
      node.startWithoutPolling();
    }
    return node;
  }
}
