package org.plasma4j.rootchain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Signs and sends like web3j's raw manager, but each call's gas limit comes from
 * {@code eth_estimateGas} ({@link GasLimit}), raised above the limit the binding was built with
 * when the call needs more and the block allows it. Contract creations keep their given limit.
 */
final class EstimatingTransactionManager extends RawTransactionManager {

  private final Web3j web3j;
  private final String from;

  EstimatingTransactionManager(
      Web3j web3j, Credentials key, long chainId, TransactionReceiptProcessor receipts) {
    super(web3j, key, chainId, receipts);
    this.web3j = web3j;
    this.from = key.getAddress();
  }

  @Override
  public EthSendTransaction sendEIP1559Transaction(
      long chainId,
      BigInteger maxPriorityFeePerGas,
      BigInteger maxFeePerGas,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException {
    BigInteger limit = constructor ? gasLimit : limit(to, data, value, gasLimit);
    return super.sendEIP1559Transaction(
        chainId, maxPriorityFeePerGas, maxFeePerGas, limit, to, data, value, constructor);
  }

  @Override
  public EthSendTransaction sendTransaction(
      BigInteger gasPrice,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException {
    BigInteger limit = constructor ? gasLimit : limit(to, data, value, gasLimit);
    return super.sendTransaction(gasPrice, limit, to, data, value, constructor);
  }

  private BigInteger limit(String to, String data, BigInteger value, BigInteger fallback)
      throws IOException {
    Transaction call =
        Transaction.createFunctionCallTransaction(from, null, null, null, to, value, data);
    EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
    Optional<BigInteger> estimated = estimate.hasError() || estimate.getResult() == null
        ? Optional.empty()
        : Optional.of(estimate.getAmountUsed());
    BigInteger blockLimit = web3j
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getGasLimit();
    return GasLimit.choose(estimated, blockLimit, fallback);
  }
}
