package org.plasma4j.core.vectors;

import static org.plasma4j.core.testing.Fixtures.DOMAIN;
import static org.plasma4j.core.testing.Fixtures.ETH;
import static org.plasma4j.core.testing.Fixtures.TOKEN;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.ChainedProof;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * The "massExit" section of vectors.json: compressed proofs of several tree shapes, output keys, a
 * consent digest and signature, and the hash of a batch's leaves, as Java computes them (checked by
 * forge in test/Vectors.t.sol).
 */
final class MassExitVectors {
  /**
   * Tree size and leaf index: a deposit block, small blocks, a full 16, one past it, a large block.
   */
  private static final long CONSENT_DEADLINE = 1_800_000_000L;
  /**
   * The consents vouch for the blocks up to 5000 (the vectors' outputs are of blocks 3 and 4000).
   */
  private static final long CONSENT_MAX_BLOCK = 5000L;

  private static final int[][] SHAPES = {
    {1, 0}, {2, 1}, {3, 2}, {16, 5}, {17, 16}, {17, 3}, {1000, 999}
  };

  private MassExitVectors() {}

  static Map<String, Object> section() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("proofCount", SHAPES.length);
    m.put("proofs", proofs());
    m.put("chained", chained());
    List<Keyed> keyed = keyed();
    m.put("outputKeyCount", keyed.size());
    m.put("outputKeys", keyed.stream().map(MassExitVectors::outputKey).toList());
    m.put("consent", consent());
    m.put("batch", batch(keyed));
    return m;
  }

  /**
   * Leaves of a 20-leaf block in position order, each proof chained to the one before
   * (ChainedProof).
   */
  private static Map<String, Object> chained() {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      txs.add(new byte[] {(byte) 0xc1, (byte) (0x80 + i)});
    }
    MerkleTree tree = MerkleTree.build(txs);
    int[] indices = {0, 1, 2, 3, 5, 6, 7, 8, 15, 16, 19};
    List<Object> items = new ArrayList<>();
    for (int k = 0; k < indices.length; k++) {
      CompressedProof full = tree.compressedProof(indices[k]);
      CompressedProof proof = k == 0 ? full : ChainedProof.chain(full, indices[k], indices[k - 1]);
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("index", Integer.toString(indices[k]));
      item.put("leaf", tree.leaf(indices[k]).toHex());
      item.put("compressed", full.encode().toHex());
      item.put("chained", proof.encode().toHex());
      items.add(item);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("root", tree.root().toHex());
    m.put("count", Integer.toString(indices.length));
    m.put("items", items);
    return m;
  }

  private static List<Object> proofs() {
    List<Object> out = new ArrayList<>();
    for (int[] shape : SHAPES) {
      List<byte[]> txs = new ArrayList<>();
      for (int i = 0; i < shape[0]; i++) {
        txs.add(("mass-exit-tx-" + i).getBytes());
      }
      MerkleTree tree = MerkleTree.build(txs);
      int index = shape[1];
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("leafCount", Integer.toString(shape[0]));
      p.put("index", Integer.toString(index));
      p.put("leaf", tree.leaf(index).toHex());
      p.put("root", tree.root().toHex());
      p.put("proof", tree.proof(index).toHex());
      p.put("compressed", tree.compressedProof(index).encode().toHex());
      out.add(p);
    }
    return out;
  }

  private record Keyed(Transaction tx, OutputPosition position) {}

  /**
   * A payment with inputs (keyed by tx hash), a deposit and a fee transaction (keyed by position).
   */
  private static List<Keyed> keyed() {
    KeyPair a = DevKeys.ACCOUNT_0;
    KeyPair b = DevKeys.ACCOUNT_1;
    Transaction payment = Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0), OutputPosition.of(2000, 3, 1)),
        List.of(
            new Output(a.address(), ETH, BigInteger.valueOf(5)),
            new Output(b.address(), ETH, BigInteger.valueOf(7))));
    Transaction deposit =
        Transaction.payment(List.of(), List.of(new Output(b.address(), TOKEN, BigInteger.TEN)));
    Transaction fee = new Transaction(
        Transaction.TYPE_FEE,
        List.of(),
        List.of(new Output(a.address(), ETH, BigInteger.valueOf(21_000))),
        Bytes32.ofUint(3000));
    return List.of(
        new Keyed(deposit, OutputPosition.of(3, 0, 0)),
        new Keyed(payment, OutputPosition.of(4000, 2, 0)),
        new Keyed(payment, OutputPosition.of(4000, 2, 1)),
        new Keyed(fee, OutputPosition.of(4000, 9, 0)));
  }

  private static Map<String, Object> outputKey(Keyed k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("txBytes", Hex.encode(k.tx().encode()));
    m.put("position", Long.toString(k.position().encode()));
    m.put("outputIndex", Integer.toString(k.position().outputIndex()));
    m.put("hasInputs", k.tx().inputs().isEmpty() ? "0" : "1");
    m.put("key", OutputKey.of(k.tx(), k.position()).toHex());
    return m;
  }

  private static Map<String, Object> consent() {
    KeyPair owner = DevKeys.ACCOUNT_2;
    Address initiator = DevKeys.ACCOUNT_4.address();
    long position = OutputPosition.of(4000, 2, 1).encode();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("typehash", MassExitBatch.CONSENT_TYPEHASH.toHex());
    m.put("position", Long.toString(position));
    m.put("initiator", initiator.toHex());
    m.put("deadline", Long.toString(CONSENT_DEADLINE));
    m.put("maxBlock", Long.toString(CONSENT_MAX_BLOCK));
    m.put(
        "digest",
        Hex.encode(MassExitBatch.consentDigest(
            position, initiator, CONSENT_DEADLINE, CONSENT_MAX_BLOCK, DOMAIN.separator())));
    m.put("signer", owner.address().toHex());
    m.put(
        "signature",
        MassExitBatch.signConsent(
                owner.privateKey(),
                position,
                initiator,
                CONSENT_DEADLINE,
                CONSENT_MAX_BLOCK,
                DOMAIN.separator())
            .signature()
            .toHex());
    return m;
  }

  /** The ETH outputs of {@link #keyed()} as a batch of their owners' (signed) outputs. */
  private static Map<String, Object> batch(List<Keyed> keyed) {
    List<MassExitBatch.Exiting> exiting = new ArrayList<>();
    for (Keyed k : keyed) {
      Output out = k.tx().outputs().get(k.position().outputIndex());
      if (!out.token().equals(ETH)) {
        continue;
      }
      KeyPair owner =
          out.owner().equals(DevKeys.ACCOUNT_0.address()) ? DevKeys.ACCOUNT_0 : DevKeys.ACCOUNT_1;
      exiting.add(new MassExitBatch.Exiting(
          k.position(),
          k.tx(),
          CompressedProof.decode(Bytes.fromHex("0x0000")),
          0,
          Optional.of(MassExitBatch.signConsent(
              owner.privateKey(),
              k.position().encode(),
              DevKeys.ACCOUNT_4.address(),
              CONSENT_DEADLINE,
              CONSENT_MAX_BLOCK,
              DOMAIN.separator()))));
    }
    MassExitBatch batch =
        MassExitBatch.of(ETH, DevKeys.ACCOUNT_4.address(), exiting, DOMAIN.separator());
    List<MassExitLeaf> leaves = batch.leaves();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", Integer.toString(leaves.size()));
    m.put("positions", leaves.stream().map(l -> Long.toString(l.position())).toList());
    m.put("outputKeys", leaves.stream().map(l -> l.outputKey().toHex()).toList());
    m.put("owners", leaves.stream().map(l -> l.owner().toHex()).toList());
    m.put("amounts", leaves.stream().map(l -> l.amount().toString()).toList());
    m.put("leavesHash", batch.leavesHash().toHex());
    return m;
  }
}
