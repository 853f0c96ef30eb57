package org.plasma4j.devnet.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.plasma4j.core.types.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Adds up the gas an account paid on the root chain between two blocks, so that the demo can check
 * L1 ETH balances to the wei: balance after = balance before + payouts − bonds − gas.
 */
final class L1GasMeter {

  private final Web3j web3j;

  L1GasMeter(Web3j web3j) {
    this.web3j = web3j;
  }

  long head() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Gas paid by {@code who} in blocks {@code (afterBlock, head]}. */
  BigInteger gasPaid(Address who, long afterBlock) {
    try {
      BigInteger total = BigInteger.ZERO;
      long head = head();
      for (long n = afterBlock + 1; n <= head; n++) {
        EthBlock.Block block = web3j
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), true)
            .send()
            .getBlock();
        for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
          var tx = (EthBlock.TransactionObject) result.get();
          if (tx.getFrom() != null && Address.fromHex(tx.getFrom()).equals(who)) {
            TransactionReceipt receipt = web3j
                .ethGetTransactionReceipt(tx.getHash())
                .send()
                .getTransactionReceipt()
                .orElseThrow();
            total = total.add(receipt
                .getGasUsed()
                .multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())));
          }
        }
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
