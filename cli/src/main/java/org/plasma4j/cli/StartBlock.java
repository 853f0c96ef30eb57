package org.plasma4j.cli;

import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.DeploymentBlock;
import org.web3j.protocol.Web3j;

/**
 * The {@code --start-block} of a node, checked on chain before it reads a block: a start after the
 * framework's deployment is refused as bad input (its readers would miss the earlier events), and a
 * node that keeps no state that old is said to have left it unchecked.
 */
final class StartBlock {

  private StartBlock() {}

  /**
   * The start block a node or wallet reads from: {@code --start-block} if given, else the devnet
   * file's deployment block when the contracts are the devnet file's (its readers then skip the
   * blocks before the framework), else 0.
   *
   * @param given the {@code --start-block} option, null if absent
   * @param devnetContracts whether the framework is the devnet file's, on its root chain
   */
  static long resolve(Long given, boolean devnetContracts, DevnetConfig devnet) {
    if (given != null) {
      if (given < 0) {
        throw new IllegalArgumentException("--start-block must not be negative, got " + given);
      }
      return given;
    }
    return devnetContracts ? devnet.deployedAt().orElse(0L) : 0L;
  }

  /**
   * @throws DeploymentBlock.StartAfterDeployment if the framework had code before {@code start}
   *     (closing {@code web3j} first)
   */
  static void check(Web3j web3j, Address framework, long start) {
    try {
      if (!DeploymentBlock.check(web3j, framework, start).verified()) {
        System.out.println(
            "--start-block " + start + " not checked: the root-chain node keeps no state that old");
      }
    } catch (RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
  }
}
