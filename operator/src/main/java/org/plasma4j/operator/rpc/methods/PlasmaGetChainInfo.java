package org.plasma4j.operator.rpc.methods;

import java.util.function.Supplier;
import org.plasma4j.api.OperatorRpc;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.rootchain.RootChain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;

/** plasma_getChainInfo [] → {chainId, framework, operator, feeBeneficiary, childBlockInterval}. */
public final class PlasmaGetChainInfo implements JsonRpcMethod {

  private final Supplier<RootChain.ChainInfo> announced;
  private final String feeBeneficiary;

  /**
   * Answers with what {@code announced} says now (the chain the node runs on, unless the node's
   * query filter says otherwise) and the fee beneficiary.
   */
  public PlasmaGetChainInfo(Supplier<RootChain.ChainInfo> announced, Address feeBeneficiary) {
    this.announced = announced;
    this.feeBeneficiary = feeBeneficiary.toHex();
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_CHAIN_INFO;
  }

  @Override
  public OperatorRpc.ChainInfo execute(Params params) {
    params.requireCount(0);
    RootChain.ChainInfo info = announced.get();
    return new OperatorRpc.ChainInfo(
        info.chainId(),
        info.framework().toHex(),
        info.operator().toHex(),
        feeBeneficiary,
        BlockNumbers.CHILD_BLOCK_INTERVAL);
  }
}
