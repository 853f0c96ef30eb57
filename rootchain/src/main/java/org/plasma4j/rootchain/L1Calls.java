package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * How every Plasma4j client sends a root-chain transaction: wait for the receipt, fail with the
 * decoded custom error if it reverted, and add the gas it cost (reverted ones too) to a running
 * total, so callers can reconcile L1 balances to the wei.
 */
final class L1Calls {

  private final AtomicReference<BigInteger> gasCost = new AtomicReference<>(BigInteger.ZERO);

  /** Wei paid in gas by the transactions sent through this instance. */
  BigInteger gasCostWei() {
    return gasCost.get();
  }

  TransactionReceipt send(String what, Call<TransactionReceipt> call) {
    TransactionReceipt receipt;
    try {
      receipt = call.run();
    } catch (org.web3j.protocol.exceptions.TransactionException e) {
      if (e.getTransactionReceipt().isEmpty() && e.getTransactionHash().isPresent()) {
        // sent, but no receipt came before the wait ended: it may still be mined, so it did not
        // revert
        throw new Web3jRootChain.RootChainException(
            what + " was sent as " + e.getTransactionHash().get()
                + " but its receipt did not come in time: the outcome is unknown (look it up with 'wallet status' before"
                + " sending it again)",
            null);
      }
      e.getTransactionReceipt().ifPresent(this::chargeGas);
      throw new Web3jRootChain.RootChainException(
          what + " reverted: " + RevertReasons.explain(e.getMessage()), null);
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException(
          what + " failed: " + RevertReasons.explain(e.getMessage()), e);
    }
    chargeGas(receipt);
    if (!receipt.isStatusOK()) {
      throw new Web3jRootChain.RootChainException(
          what + " reverted in " + receipt.getTransactionHash() + ": " + receipt.getRevertReason(),
          null);
    }
    return receipt;
  }

  /**
   * Sends {@code approve}, then {@code deposit}; if the deposit fails, sends {@code restore} (the
   * allowance as it was) so that a failed deposit leaves no approval behind, and reports the
   * deposit's failure.
   */
  TransactionReceipt sendApproved(
      String what,
      Call<TransactionReceipt> approve,
      Call<TransactionReceipt> deposit,
      Call<TransactionReceipt> restore) {
    send("approve", approve);
    try {
      return send(what, deposit);
    } catch (Web3jRootChain.RootChainException e) {
      try {
        send("restore the allowance", restore);
      } catch (Web3jRootChain.RootChainException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
  }

  static <T> T read(Call<T> call) {
    try {
      return call.run();
    } catch (Web3jRootChain.RootChainException e) {
      throw e;
    } catch (Exception e) {
      throw new Web3jRootChain.RootChainException(RevertReasons.explain(e.getMessage()), e);
    }
  }

  private void chargeGas(TransactionReceipt receipt) {
    BigInteger price = org.web3j.utils.Numeric.decodeQuantity(receipt.getEffectiveGasPrice());
    gasCost.accumulateAndGet(receipt.getGasUsed().multiply(price), BigInteger::add);
  }

  @FunctionalInterface
  interface Call<T> {
    T run() throws Exception;
  }
}
