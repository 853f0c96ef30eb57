package org.plasma4j.explorer;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.plasma4j.core.types.Address;

/**
 * Where the explorer reads from and listens.
 *
 * @param operator the operator's JSON-RPC endpoint
 * @param watcher the watcher's JSON-RPC endpoint
 * @param l1 the root chain's Ethereum JSON-RPC endpoint
 * @param framework the PlasmaFramework contract (the signing domain's verifying contract)
 * @param startL1Block the root-chain block the framework was deployed in (events are read from it)
 * @param confirmations root-chain blocks an event needs above it before the pages show it: deeper
 *     than any reorg expected, as for the watcher and the operator
 * @param host the address to listen on
 * @param port the port to listen on, 0 for any free one
 * @param nodeTimeout how long one call to a node may take before the node counts as down
 */
public record ExplorerConfig(
    URI operator,
    URI watcher,
    URI l1,
    Address framework,
    long startL1Block,
    int confirmations,
    String host,
    int port,
    Duration nodeTimeout) {

  /** The confirmations against a public chain: the watcher's default. */
  public static final int DEFAULT_CONFIRMATIONS = 12;

  public ExplorerConfig {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(watcher, "watcher");
    Objects.requireNonNull(l1, "l1");
    Objects.requireNonNull(framework, "framework");
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations must not be negative");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535");
    }
  }

  /** The same, reading the root chain's events from {@code l1Block} (the deployment's block). */
  public ExplorerConfig startingAt(long l1Block) {
    return new ExplorerConfig(
        operator, watcher, l1, framework, l1Block, confirmations, host, port, nodeTimeout);
  }

  /**
   * The same, showing an event once {@code blocks} blocks are above it (0 for a devnet's anvil,
   * which reorganizes only when asked).
   */
  public ExplorerConfig withConfirmations(int blocks) {
    return new ExplorerConfig(
        operator, watcher, l1, framework, startL1Block, blocks, host, port, nodeTimeout);
  }

  /**
   * Local defaults: listens on 127.0.0.1, reads events from L1 block 0 with
   * {@value #DEFAULT_CONFIRMATIONS} confirmations, 5 s per node call.
   */
  public static ExplorerConfig local(
      URI operator, URI watcher, URI l1, Address framework, int port) {
    return new ExplorerConfig(
        operator,
        watcher,
        l1,
        framework,
        0,
        DEFAULT_CONFIRMATIONS,
        "127.0.0.1",
        port,
        Duration.ofSeconds(5));
  }
}
