package org.plasma4j.operator.rpc.methods;

import java.util.Map;
import java.util.TreeMap;
import org.plasma4j.api.RpcMethod;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.node.rpc.JsonRpcMethod;
import org.plasma4j.node.rpc.Params;

/** plasma_getFeeSchedule [] → {token: amount}, amounts as decimal strings. */
public final class PlasmaGetFeeSchedule implements JsonRpcMethod {

  private final Map<String, String> schedule;

  public PlasmaGetFeeSchedule(FeeSchedule fees) {
    Map<String, String> m = new TreeMap<>();
    fees.fees().forEach((token, amount) -> m.put(token.toHex(), amount.toString()));
    this.schedule = Map.copyOf(m);
  }

  @Override
  public RpcMethod method() {
    return RpcMethod.GET_FEE_SCHEDULE;
  }

  @Override
  public Map<String, String> execute(Params params) {
    params.requireCount(0);
    return new TreeMap<>(schedule);
  }
}
