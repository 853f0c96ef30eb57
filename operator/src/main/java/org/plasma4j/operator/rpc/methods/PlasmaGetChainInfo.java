package org.plasma4j.operator.rpc.methods;

import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;
import org.plasma4j.operator.hostile.Hostility;

/** plasma_getChainInfo [] → {chainId, framework, operator, feeBeneficiary, childBlockInterval}. */
public final class PlasmaGetChainInfo implements JsonRpcMethod {

  public record Result(
      long chainId,
      String framework,
      String operator,
      String feeBeneficiary,
      long childBlockInterval) {}

  private final Result result;
  private final Hostility hostility;

  public PlasmaGetChainInfo(RootChain.ChainInfo info, Address feeBeneficiary) {
    this(info, feeBeneficiary, Hostility.honest());
  }

  /**
   * As the honest constructor, unless {@code hostility} misreports the chain (attack tests only).
   */
  public PlasmaGetChainInfo(RootChain.ChainInfo info, Address feeBeneficiary, Hostility hostility) {
    this.result = new Result(
        info.chainId(),
        info.framework().toHex(),
        info.operator().toHex(),
        feeBeneficiary.toHex(),
        BlockNumbers.CHILD_BLOCK_INTERVAL);
    this.hostility = hostility;
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_CHAIN_INFO;
  }

  @Override
  public Result execute(Params params) {
    params.requireCount(0);
    return hostility
        .chainClaim()
        .map(lie -> new Result(
            lie.chainId(),
            lie.framework().toHex(),
            result.operator(),
            result.feeBeneficiary(),
            result.childBlockInterval()))
        .orElse(result);
  }
}
