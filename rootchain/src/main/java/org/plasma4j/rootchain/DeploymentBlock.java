package org.plasma4j.rootchain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.plasma4j.core.types.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthGetCode;

/**
 * The root-chain block a framework was deployed in: where every reader of its events starts, so the
 * blocks of a long chain before it are never scanned. The config names it (the devnet file records
 * it beside the addresses) and it is checked on chain like the addresses are: the framework must
 * have no code in the block before it. A start after the deployment would skip the events before it
 * (deposits, exits, coin roots), so it is refused; a start before the deployment only reads empty
 * blocks.
 */
public final class DeploymentBlock {

  private DeploymentBlock() {}

  /** The framework already had code before the block named as its deployment. */
  public static final class StartAfterDeployment extends IllegalArgumentException {
    public StartAfterDeployment(Address framework, long startL1Block) {
      super("the framework at " + framework + " already had code at root-chain block "
          + (startL1Block - 1) + ": it was deployed before the start block " + startL1Block
          + ", whose readers would miss its earlier events");
    }
  }

  /**
   * The outcome of the check.
   *
   * @param verified false if the node keeps no state that old (a pruned node) and the block could
   *     not be checked
   */
  public record Checked(long startL1Block, boolean verified) {}

  /**
   * Checks that {@code framework} had no code in the block before {@code startL1Block}.
   *
   * @throws StartAfterDeployment if it had
   */
  public static Checked check(Web3j web3j, Address framework, long startL1Block) {
    if (startL1Block < 0) {
      throw new IllegalArgumentException("a start block is not negative: " + startL1Block);
    }
    if (startL1Block == 0) {
      return new Checked(0, true);
    }
    Optional<Boolean> hadCode = hasCode(web3j, framework, startL1Block - 1);
    if (hadCode.isEmpty()) {
      return new Checked(startL1Block, false);
    }
    if (hadCode.get()) {
      throw new StartAfterDeployment(framework, startL1Block);
    }
    return new Checked(startL1Block, true);
  }

  /** Whether {@code contract} had code at {@code l1Block}; empty if the node cannot tell. */
  private static Optional<Boolean> hasCode(Web3j web3j, Address contract, long l1Block) {
    EthGetCode code;
    try {
      code = web3j
          .ethGetCode(contract.toHex(), DefaultBlockParameter.valueOf(BigInteger.valueOf(l1Block)))
          .send();
    } catch (IOException e) {
      throw new Web3jRootChain.RootChainException("root chain unreachable", e);
    }
    if (code.hasError() || code.getCode() == null) {
      return Optional.empty();
    }
    String hex = code.getCode();
    return Optional.of(!(hex.equals("0x") || hex.isEmpty()));
  }
}
