package org.plasma4j.watcher.validation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rlp.RlpReader;
import org.plasma4j.core.state.SignatureCheck;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * A downloaded block body that provably is the committed block: its transactions' txBytes hash to
 * the root from BlockSubmitted. Each transaction is decoded strictly; one that breaks a format rule
 * stays in the list as a rejection (its txBytes still count for the root).
 *
 * <p>What each transaction yields on its own (its decoding, Merkle leaf, EIP-712 digest, the
 * signers its signatures recover to) does not depend on the ledger, so it is worked out for the
 * whole block in parallel before the block is judged in order: judging is the one step that must
 * run on one thread, and signature recovery is most of a block's cost.
 *
 * @param prepared per transaction, what it yields on its own; null where it did not decode
 * @param records per transaction, its signed record as received (null where a block built by hand
 *     has none): a flawed envelope still proves the spends the exit game reads from it, and the
 *     ledger reads spends back from them
 */
public record DecodedBlock(
    long blkNum,
    List<byte[]> txBytes,
    List<TxResult<SignedTransaction>> decoded,
    MerkleTree tree,
    List<Prepared> prepared,
    List<Bytes> records) {

  /**
   * What a decoded transaction yields independently of the ledger.
   *
   * @param recovered what each signature that has an input recovers to
   *     ({@link SignatureCheck#recoverEach})
   */
  public record Prepared(List<Optional<Address>> recovered) {}

  /** A block whose transactions are prepared one after the other (tests build blocks by hand). */
  public DecodedBlock(
      long blkNum,
      List<byte[]> txBytes,
      List<TxResult<SignedTransaction>> decoded,
      MerkleTree tree) {
    this(blkNum, txBytes, decoded, tree, prepareAll(blkNum, decoded, false), encodingsOf(decoded));
  }

  /** The signed record of transaction {@code i} if it did not decode, else null. */
  public Bytes refused(int i) {
    TxResult<SignedTransaction> d = decoded.get(i);
    return d == null || d.isOk() ? null : records.get(i);
  }

  private static List<Bytes> encodingsOf(List<TxResult<SignedTransaction>> decoded) {
    Bytes[] out = new Bytes[decoded.size()];
    for (int i = 0; i < out.length; i++) {
      TxResult<SignedTransaction> d = decoded.get(i);
      out[i] = d != null && d.isOk() ? Bytes.wrap(d.value().encode()) : null;
    }
    return Arrays.asList(out);
  }

  /** Why a body cannot be the committed block; the watcher keeps asking for the real one. */
  public record Unverifiable(String error, String detail) {}

  /** Either a verified body or why not. */
  public record Check(DecodedBlock block, Unverifiable problem) {
    public boolean verified() {
      return block != null;
    }
  }

  public static Check check(long blkNum, List<Bytes> rawTxs, Bytes32 committedRoot) {
    if (rawTxs.size() > MerkleTree.CAPACITY) {
      return fail("mismatched_root", rawTxs.size() + " transactions do not fit a block");
    }
    int n = rawTxs.size();
    @SuppressWarnings("unchecked")
    TxResult<SignedTransaction>[] decoded = new TxResult[n];
    byte[][] txBytes = new byte[n][];
    Bytes32[] leaves = new Bytes32[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      byte[] raw = rawTxs.get(i).toArray();
      TxResult<SignedTransaction> d = TransactionDecoder.decodeSigned(raw);
      decoded[i] = d;
      if (d.isOk()) {
        txBytes[i] = d.value().txBytes();
        leaves[i] = d.value().leafHash();
      } else {
        txBytes[i] = unsignedPart(raw);
        leaves[i] = txBytes[i] == null ? null : MerkleTree.leafHash32(txBytes[i]);
      }
    });
    for (int i = 0; i < n; i++) {
      if (txBytes[i] == null) {
        return fail(
            "malformed_tx",
            "transaction " + i + ": " + decoded[i].rejection() + " " + decoded[i].detail());
      }
    }
    MerkleTree tree = MerkleTree.fromLeafHashes(Arrays.asList(leaves));
    if (!tree.root().equals(committedRoot)) {
      return fail(
          "mismatched_root", "body root " + tree.root() + " is not the committed " + committedRoot);
    }
    // only a body that is the committed block is worth recovering signatures for
    List<TxResult<SignedTransaction>> txs = Arrays.asList(decoded);
    return new Check(
        new DecodedBlock(
            blkNum,
            Arrays.asList(txBytes),
            txs,
            tree,
            prepareAll(blkNum, txs, true),
            List.copyOf(rawTxs)),
        null);
  }

  private static List<Prepared> prepareAll(
      long blkNum, List<TxResult<SignedTransaction>> decoded, boolean parallel) {
    Prepared[] out = new Prepared[decoded.size()];
    IntStream indexes = IntStream.range(0, out.length);
    (parallel ? indexes.parallel() : indexes).forEach(i -> {
      TxResult<SignedTransaction> d = decoded.get(i);
      out[i] = d == null || !d.isOk() ? null : new Prepared(SignatureCheck.recoverEach(d.value()));
    });
    return Arrays.asList(out);
  }

  /** The first item of RLP([tx, signatures, domain]) of a transaction that broke a later rule. */
  private static byte[] unsignedPart(byte[] raw) {
    try {
      return RlpReader.of(raw).readList().readRaw();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Check fail(String error, String detail) {
    return new Check(null, new Unverifiable(error, detail));
  }
}
