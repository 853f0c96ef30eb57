package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.types.Address;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** Builds web3j bindings with the transaction and gas settings Plasma4j uses everywhere. */
public final class Contracts {

  /**
   * The gas limit when the node cannot estimate a call (it would revert now): the chain then
   * decides and the revert is reported with its reason. Calls the node can simulate are sent with
   * their estimate ({@link EstimatingTransactionManager}), so a large mass exit is not bounded by
   * this.
   */
  static final BigInteger CALL_GAS_LIMIT = BigInteger.valueOf(3_000_000);

  static final BigInteger DEPLOY_GAS_LIMIT = BigInteger.valueOf(12_000_000);

  static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);

  private static final long RECEIPT_POLL_MILLIS = 25;
  private static final int RECEIPT_POLL_ATTEMPTS = 2_400;

  private Contracts() {}

  /** A binding for eth_call only: it never signs, so it needs no key and no fee pricing. */
  static PlasmaFramework readOnly(Web3j web3j, Address framework) {
    TransactionManager readOnly = new ReadonlyTransactionManager(web3j, Address.ZERO.toHex());
    return PlasmaFramework.load(
        framework.toHex(),
        web3j,
        readOnly,
        new org.web3j.tx.gas.StaticGasProvider(BigInteger.ZERO, CALL_GAS_LIMIT));
  }

  /**
   * Signs with {@code key}; every call's gas limit is the node's estimate with a margin
   * ({@link GasLimit}).
   */
  static TransactionManager signer(Web3j web3j, Credentials key, long chainId) {
    return new EstimatingTransactionManager(
        web3j,
        key,
        chainId,
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS));
  }

  /**
   * EIP-1559 fees priced from the current base fee: twice the base fee plus a one-gwei tip, which
   * anvil and public chains both accept.
   */
  static ContractGasProvider gas(Web3j web3j, long chainId, BigInteger gasLimit) {
    return new StaticEIP1559GasProvider(chainId, maxFeePerGas(web3j), PRIORITY_FEE, gasLimit);
  }

  /** Twice the latest base fee survives six full blocks of base-fee growth, plus the tip. */
  static BigInteger maxFeePerGas(Web3j web3j) {
    try {
      BigInteger base = web3j
          .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getBaseFeePerGas();
      return (base == null ? BigInteger.ZERO : base.shiftLeft(1)).add(PRIORITY_FEE);
    } catch (java.io.IOException e) {
      throw new Web3jRootChain.RootChainException("cannot price gas", e);
    }
  }
}
