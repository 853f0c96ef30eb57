package org.plasma4j.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/** The hashes a decoded transaction carries are the ones computed from its bytes. */
class CarriedHashesTest {

  private static SignedTransaction payment(long blkNum, Domain domain) {
    Transaction tx = Transaction.payment(
        List.of(OutputPosition.of(blkNum, 0, 0)),
        List.of(new Output(DevKeys.ACCOUNT_2.address(), Address.ETH, BigInteger.valueOf(blkNum))));
    return TransactionSigner.sign(tx, domain, DevKeys.ACCOUNT_1.privateKey());
  }

  @Test
  void decodedTransactionCarriesItsDigestAndLeaf() {
    SignedTransaction signed = payment(1000, Fixtures.DOMAIN);
    SignedTransaction decoded = TransactionDecoder.decodeSigned(signed.encode()).value();
    assertThat(decoded.signingDigest())
        .isEqualTo(Eip712.digest(decoded.tx(), Fixtures.DOMAIN))
        .isEqualTo(decoded.signingDigest32().value());
    assertThat(decoded.leafHash()).isEqualTo(MerkleTree.leafHash32(decoded.txBytes()));
    assertThat(decoded.txHash())
        .isEqualTo(new Bytes32(org.plasma4j.core.crypto.Keccak256.hash(decoded.txBytes())));
  }

  @Test
  void aSecondDomainGetsItsOwnSeparator() {
    Domain other = new Domain(Fixtures.CHAIN_ID + 1, Fixtures.FRAMEWORK);
    Bytes32 first = Fixtures.DOMAIN.separator();
    Bytes32 second = other.separator();
    assertThat(second).isNotEqualTo(first);
    assertThat(Fixtures.DOMAIN.separator()).isEqualTo(first);
    assertThat(payment(2000, other).signingDigest())
        .isEqualTo(Eip712.digest(payment(2000, other).tx(), second));
  }

  @Test
  void blockTreeFromCarriedLeavesEqualsTreeFromTxBytes() {
    List<SignedTransaction> txs = new ArrayList<>();
    List<byte[]> txBytes = new ArrayList<>();
    for (int i = 1; i <= 37; i++) {
      SignedTransaction tx = payment(1000L * i, Fixtures.DOMAIN);
      txs.add(tx);
      txBytes.add(tx.txBytes());
    }
    MerkleTree fromBytes = MerkleTree.build(txBytes);
    MerkleTree fromLeaves = new Block(5000, txs).merkleTree();
    assertThat(fromLeaves.root()).isEqualTo(fromBytes.root());
    assertThat(fromLeaves.proof(36)).isEqualTo(fromBytes.proof(36));
  }
}
