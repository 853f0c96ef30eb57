package org.plasma4j.devnet.bench.gas;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.rootchain.FrameworkDeployer.Deployment;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Breaks a measured transaction down with a call trace of it ({@code debug_traceTransaction}). */
final class Traces {

  /** The functions the exit games call on the framework, and the framework on the games. */
  private static final List<String> SIGNATURES = List.of(
      "reserveOutputs(bytes32[],uint256)",
      "releaseOutput(bytes32,uint256)",
      "exitOutput(bytes32,uint256)",
      "flagOutputExited(bytes32,uint256)",
      "isOutputExited(bytes32)",
      "markExitPaid(uint256)",
      "takenFrom(uint256)",
      "payoutUpTo(address,address,uint256)",
      "enqueueExit(address,uint256,uint256,uint256)",
      "blockCommitment(uint256)",
      "depositBond()",
      "payout(address,address,uint256,uint256)",
      "returnToVault()",
      "withdrawable(address,address)",
      "finalizeExit(address,uint256,uint256)");

  private static final Map<String, String> FUNCTIONS = functions();

  private Traces() {}

  private static Map<String, String> functions() {
    Map<String, String> m = new HashMap<>();
    for (String signature : SIGNATURES) {
      byte[] hash = Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII));
      m.put(
          Bytes.wrap(java.util.Arrays.copyOf(hash, 4)).toHex(),
          signature.substring(0, signature.indexOf('(')));
    }
    return Map.copyOf(m);
  }

  static GasBreakdown breakDown(
      Fixture f, String id, String call, TransactionReceipt r, int units) {
    Deployment d = f.deployment();
    Map<String, String> names = Map.of(
        lower(d.framework().toHex()), "PlasmaFramework",
        lower(d.inFlightExitGame().toHex()), "InFlightExitGame",
        lower(d.massExitGame().toHex()), "MassExitGame",
        lower(d.cashExitGame().toHex()), "CashExitGame");
    L1 l1 = f.l1();
    return GasBreakdown.of(
        id,
        call,
        r.getGasUsed().longValueExact(),
        units,
        l1.input(r.getTransactionHash()),
        l1.callTrace(r.getTransactionHash()),
        names,
        FUNCTIONS);
  }

  private static String lower(String hex) {
    return hex.toLowerCase(Locale.ROOT);
  }
}
