package org.plasma4j.devnet.bench.gas;

import java.math.BigInteger;
import java.util.List;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.PrivateKey;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/** Child-chain payments for the benchmark's blocks, signed by their inputs' owners. */
final class Txs {

  static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private Txs() {}

  static BigInteger ether(long n) {
    return ETHER.multiply(BigInteger.valueOf(n));
  }

  static Output eth(Address owner, BigInteger amount) {
    return new Output(owner, Address.ETH, amount);
  }

  /** A payment of {@code outputs} from {@code inputs}, input i signed by {@code signers[i]}. */
  static SignedTransaction pay(
      List<OutputPosition> inputs, List<Output> outputs, List<KeyPair> signers, Domain domain) {
    List<PrivateKey> keys = signers.stream().map(KeyPair::privateKey).toList();
    return TransactionSigner.sign(Transaction.payment(inputs, outputs), domain, keys);
  }

  /** One input, owned by {@code signer}, paying everything listed. */
  static SignedTransaction pay(
      OutputPosition input, KeyPair signer, Domain domain, Output... outputs) {
    return pay(List.of(input), List.of(outputs), List.of(signer), domain);
  }
}
