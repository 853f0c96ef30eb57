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
