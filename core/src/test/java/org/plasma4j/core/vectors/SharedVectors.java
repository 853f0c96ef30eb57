package org.plasma4j.core.vectors;

import static org.plasma4j.core.testing.Fixtures.DOMAIN;
import static org.plasma4j.core.testing.Fixtures.ETH;
import static org.plasma4j.core.testing.Fixtures.ONE_ETHER;
import static org.plasma4j.core.testing.Fixtures.TOKEN;
import static org.plasma4j.core.testing.Fixtures.TOKEN_2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.tx.Eip712;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/**
 * Builds contracts/test/vectors/vectors.json: what Java computes for encodings, hashes, EIP-712
 * digests, signatures, Merkle proofs, deposits, positions and block commitments, so forge can check
 * the contracts agree byte for byte. Deterministic: RFC 6979 signatures, fixed keys and values.
 */
public final class SharedVectors {
  private SharedVectors() {}

  /** A vector transaction and the dev key that signs its digest. */
  private record Case(Transaction tx, KeyPair signer) {}

  public static String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("chainId", DOMAIN.chainId());
    root.put("verifyingContract", DOMAIN.verifyingContract().toHex());
    root.put("domainSeparator", DOMAIN.separator().toHex());
    List<Case> cases = cases();
    root.put("transactionCount", cases.size());
    List<Object> txs = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    for (Case c : cases) {
      txs.add(transaction(c));
      leaves.add(c.tx().encode());
    }
    root.put("transactions", txs);
    root.put("merkle", merkle(leaves));
    List<Deposit> deposits = deposits();
    root.put("depositCount", deposits.size());
    root.put("deposits", deposits.stream().map(SharedVectors::deposit).toList());
    List<OutputPosition> positions = positions();
    root.put("positionCount", positions.size());
    root.put("positions", positions.stream().map(SharedVectors::position).toList());
    root.put("positionLayout", positionLayout());
    root.put(
        "invalidPositions", INVALID_POSITIONS.stream().map(BigInteger::toString).toList());
    root.put(
        "commitments",
        commitments(MerkleTree.build(leaves).root(), deposits.get(0).root()));
    root.put("massExit", MassExitVectors.section());
    root.put("coin", CoinVectors.section());
    return JsonWriter.write(root);
  }

  private static List<Case> cases() {
    KeyPair a = DevKeys.ACCOUNT_0;
    KeyPair b = DevKeys.ACCOUNT_1;
    KeyPair c = DevKeys.ACCOUNT_2;
    KeyPair d = DevKeys.ACCOUNT_3;
    List<Case> cases = new ArrayList<>();
    // 1 input, 1 output, ETH, from a deposit
    cases.add(new Case(
        Transaction.payment(
            List.of(OutputPosition.of(1, 0, 0)), List.of(new Output(b.address(), ETH, ONE_ETHER))),
        a));
    // 2 inputs, 2 outputs, ETH and a token, child-block inputs
    cases.add(new Case(
        Transaction.payment(
            List.of(OutputPosition.of(1000, 0, 0), OutputPosition.of(2000, 5, 1)),
            List.of(
                new Output(c.address(), ETH, BigInteger.valueOf(127)),
                new Output(a.address(), TOKEN, BigInteger.valueOf(128)))),
        a));
    // 3 inputs, 3 outputs, non-zero metadata
    cases.add(new Case(
        Transaction.payment(
            List.of(
                OutputPosition.of(3000, 1, 3),
                OutputPosition.of(3001, 0, 0),
                OutputPosition.of(999, 0, 0)),
            List.of(
                new Output(a.address(), TOKEN, BigInteger.ONE),
                new Output(b.address(), TOKEN, BigInteger.valueOf(255)),
                new Output(c.address(), TOKEN_2, BigInteger.valueOf(256))),
            Bytes32.fromHex("0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")),
        b));
    // 4 inputs, 4 outputs, the largest amounts an output may hold (below 2^192) and edge positions
    cases.add(new Case(
        Transaction.payment(
            List.of(
                OutputPosition.of(4000, 65_535, 3),
                    OutputPosition.of(OutputPosition.MAX_BLKNUM, 65_535, 3),
                OutputPosition.of(5000, 0, 1), OutputPosition.of(5000, 256, 2)),
            List.of(
                new Output(a.address(), ETH, Output.AMOUNT_LIMIT.subtract(BigInteger.ONE)),
                new Output(b.address(), TOKEN, Output.AMOUNT_LIMIT.shiftRight(1)),
                new Output(c.address(), TOKEN_2, BigInteger.valueOf(1_000_000)),
                new Output(d.address(), ETH, ONE_ETHER.multiply(BigInteger.valueOf(12_345)))),
            Bytes32.ofUint(Long.MAX_VALUE)),
        c));
    // a fee transaction (type 2): no inputs, beneficiary outputs ordered by token, metadata =
    // blkNum
    cases.add(new Case(
        new Transaction(
            Transaction.TYPE_FEE,
            List.of(),
            List.of(
                new Output(d.address(), ETH, BigInteger.valueOf(21_000)),
                new Output(d.address(), TOKEN, BigInteger.valueOf(3))),
            Bytes32.ofUint(6000)),
        d));
    // a deposit-shaped transaction as a leaf of a child block test
    cases.add(new Case(Deposit.transaction(a.address(), TOKEN, BigInteger.valueOf(42)), a));
    return cases;
  }

  private static Map<String, Object> transaction(Case c) {
    Transaction tx = c.tx();
    byte[] txBytes = tx.encode();
    byte[] digest = Eip712.digest(tx, DOMAIN);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("txType", tx.txType());
    m.put("inputs", tx.inputs().stream().map(p -> Long.toString(p.encode())).toList());
    m.put("outputOwners", tx.outputs().stream().map(o -> o.owner().toHex()).toList());
    m.put("outputTokens", tx.outputs().stream().map(o -> o.token().toHex()).toList());
    m.put("outputAmounts", tx.outputs().stream().map(o -> o.amount().toString()).toList());
    m.put("metadata", tx.metadata().toHex());
    m.put("txBytes", Hex.encode(txBytes));
    m.put("txHash", tx.hash().toHex());
    m.put("leaf", MerkleTree.leafHash32(txBytes).toHex());
    m.put("eip712Digest", Hex.encode(digest));
    m.put("signer", c.signer().address().toHex());
    m.put("signature", Secp256k1.sign(c.signer().privateKey(), digest).toHex());
    return m;
  }

  private static Map<String, Object> merkle(List<byte[]> leaves) {
    MerkleTree tree = MerkleTree.build(leaves);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leafCount", leaves.size());
    m.put("txBytes", leaves.stream().map(Hex::encode).toList());
    m.put("root", tree.root().toHex());
    List<String> proofs = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      proofs.add(tree.proof(i).toHex());
    }
    m.put("proofs", proofs);
    return m;
  }

  private static List<Deposit> deposits() {
    return List.of(
        new Deposit(1, DevKeys.ACCOUNT_0.address(), ETH, ONE_ETHER),
        new Deposit(
            2, DevKeys.ACCOUNT_1.address(), TOKEN, Output.AMOUNT_LIMIT.subtract(BigInteger.ONE)),
        new Deposit(1001, DevKeys.ACCOUNT_2.address(), TOKEN_2, BigInteger.ONE));
  }

  private static Map<String, Object> deposit(Deposit d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("owner", d.owner().toHex());
    m.put("token", d.token().toHex());
    m.put("amount", d.amount().toString());
    m.put("txBytes", Hex.encode(d.transaction().encode()));
    m.put("root", d.root().toHex());
    return m;
  }

  private static List<OutputPosition> positions() {
    return List.of(
        OutputPosition.of(1, 0, 0),
        OutputPosition.of(999, 0, 0),
        OutputPosition.of(1000, 0, 0),
        OutputPosition.of(1000, 1, 2),
        OutputPosition.of(1000, 65_535, 3),
        OutputPosition.of(123_456_000, 42, 1),
        OutputPosition.of(1000, 5, 1), // 1_000_000_051: no position under a 1e9 / 1e4 layout
        OutputPosition.of(9_223_372_000L, 7, 2), // beyond 9.2 million child blocks
        OutputPosition.of(BlockNumbers.LAST_CHILD_BLOCK, 0, 0),
        OutputPosition.of(
            BlockNumbers.LAST_CHILD_BLOCK + BlockNumbers.CHILD_BLOCK_INTERVAL - 1, 65_535, 3),
        OutputPosition.of(OutputPosition.MAX_BLKNUM, 65_535, 3));
  }

  /**
   * The constants both sides must share; forge checks them against Position.sol and
   * BlockController.
   */
  private static Map<String, Object> positionLayout() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("blockOffset", Long.toString(OutputPosition.BLOCK_OFFSET));
    m.put("txOffset", Long.toString(OutputPosition.TX_OFFSET));
    m.put("maxTxIndex", Integer.toString(OutputPosition.MAX_TX_INDEX));
    m.put("maxOutputIndex", Integer.toString(OutputPosition.MAX_OUTPUT_INDEX));
    m.put("maxPosition", Long.toString(Long.MAX_VALUE));
    m.put("maxBlkNum", Long.toString(OutputPosition.MAX_BLKNUM));
    m.put("childBlockInterval", Long.toString(BlockNumbers.CHILD_BLOCK_INTERVAL));
    m.put("lastChildBlock", Long.toString(BlockNumbers.LAST_CHILD_BLOCK));
    return m;
  }

  /**
   * Numbers that name no output, each just past an edge of the rule; SharedVectorsTest checks Java
   * rejects them, forge that Position.decode does. The last three are positions under a 1e9 / 1e4
   * layout.
   */
  static final List<BigInteger> INVALID_POSITIONS = List.of(
      BigInteger.ZERO,
      BigInteger.valueOf(OutputPosition.BLOCK_OFFSET - 1), // block 0
      BigInteger.valueOf(1_000_004L), // output index 4
      BigInteger.valueOf(1_000_009L), // output index 9
      BigInteger.valueOf(1_655_360L), // tx index 65536
      BigInteger.valueOf(1_999_999L), // tx index 99999
      BigInteger.valueOf(Long.MAX_VALUE), // tx index 77580 of the largest block
      BigInteger.ONE.shiftLeft(63),
      BigInteger.valueOf(OutputPosition.MAX_BLKNUM + 1)
          .multiply(BigInteger.valueOf(OutputPosition.BLOCK_OFFSET)),
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
      BigInteger.valueOf(1_000_000_660_000L),
      BigInteger.valueOf(1_000_990_003L),
      BigInteger.valueOf(9_223_372_036_000_990_001L));

  private static Map<String, Object> position(OutputPosition p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("blkNum", Long.toString(p.blkNum()));
    m.put("txIndex", Integer.toString(p.txIndex()));
    m.put("outputIndex", Integer.toString(p.outputIndex()));
    m.put("position", Long.toString(p.encode()));
    return m;
  }

  private static List<Object> commitments(Bytes32 blockRoot, Bytes32 depositRoot) {
    List<Object> out = new ArrayList<>();
    long[] timestamps = {1_700_000_000L, 0L, Long.MAX_VALUE};
    Bytes32[] roots = {blockRoot, depositRoot, MerkleTree.zeroHash(MerkleTree.DEPTH)};
    for (int i = 0; i < roots.length; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("root", roots[i].toHex());
      m.put("timestamp", Long.toString(timestamps[i]));
      m.put("commitment", BlockCommitment.of(roots[i], timestamps[i]).toHex());
      out.add(m);
    }
    return out;
  }
}
