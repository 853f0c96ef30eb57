package org.plasma4j.core.vectors;

import static org.plasma4j.core.testing.Fixtures.DOMAIN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plasma4j.core.cash.CoinProof;
import org.plasma4j.core.cash.CoinTransfer;
import org.plasma4j.core.cash.CoinTree;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;

/**
 * The "coin" section of vectors.json (docs/protocol.md section 9): coin transfer encodings, hashes
 * and EIP-712 digests, and coin-tree proofs (inclusion, exclusion, empty tree), checked by forge in
 * test/CoinVectors.t.sol.
 */
final class CoinVectors {
  private static final long LAST_SLOT = -1L; // 2^64 - 1

  private CoinVectors() {}

  /** A tree, the slot a proof is for, and whether the proof is of inclusion. */
  private record ProofCase(CoinTree tree, long slot) {}

  static Map<String, Object> section() {
    CoinTransfer single = new CoinTransfer(7, 2999, DevKeys.ACCOUNT_1.address());
    List<CoinTransfer> many = manyTransfers();
    List<CoinTransfer> transfers = new ArrayList<>();
    transfers.add(single);
    transfers.addAll(many);

    CoinTree one = CoinTree.of(Map.of(single.slot(), single.leafHash()));
    Map<Long, Bytes32> leaves = new LinkedHashMap<>();
    many.forEach(t -> leaves.put(t.slot(), t.leafHash()));
    CoinTree twenty = CoinTree.of(leaves);
    long neighbour = many.get(2).slot() ^ 1;
    List<ProofCase> proofs = List.of(
        new ProofCase(one, single.slot()),
        new ProofCase(one, 6),
        new ProofCase(one, LAST_SLOT),
        new ProofCase(twenty, 0),
        new ProofCase(twenty, LAST_SLOT),
        new ProofCase(twenty, many.get(2).slot()),
        new ProofCase(twenty, many.get(11).slot()),
        new ProofCase(twenty, neighbour),
        new ProofCase(twenty, 0x1234_5678_9abc_def0L),
        new ProofCase(CoinTree.of(Map.of()), 42));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transferCount", transfers.size());
    m.put("transfers", transfers.stream().map(CoinVectors::transfer).toList());
    m.put("proofCount", proofs.size());
    m.put("proofs", proofs.stream().map(CoinVectors::proof).toList());
    return m;
  }

  /** 20 transfers at slot 0, slot 2^64-1, two neighbours and 16 random slots; deterministic. */
  private static List<CoinTransfer> manyTransfers() {
    Random random = new Random(4);
    List<Address> owners = List.of(
        DevKeys.ACCOUNT_0.address(),
        DevKeys.ACCOUNT_1.address(),
        DevKeys.ACCOUNT_2.address(),
        DevKeys.ACCOUNT_3.address());
    List<Long> slots = new ArrayList<>(List.of(0L, LAST_SLOT, 1000L, 1002L));
    while (slots.size() < 20) {
      long s = random.nextLong();
      if (!slots.contains(s) && !slots.contains(s ^ 1)) {
        slots.add(s);
      }
    }
    List<CoinTransfer> out = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      long prevBlock = i % 3 == 0 ? 1000L * i : random.nextLong();
      out.add(new CoinTransfer(slots.get(i), prevBlock, owners.get(i % owners.size())));
    }
    return out;
  }

  private static Map<String, Object> transfer(CoinTransfer t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slot", Long.toUnsignedString(t.slot()));
    m.put("prevBlock", Long.toUnsignedString(t.prevBlock()));
    m.put("newOwner", t.newOwner().toHex());
    m.put("txBytes", Hex.encode(t.encode()));
    m.put("txHash", t.hash().toHex());
    m.put("leafHash", t.leafHash().toHex());
    m.put("structHash", t.structHash().toHex());
    m.put("digest", Hex.encode(t.digest(DOMAIN)));
    return m;
  }

  private static Map<String, Object> proof(ProofCase c) {
    CoinProof proof = c.tree().proof(c.slot());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slot", Long.toUnsignedString(c.slot()));
    m.put("leaf", c.tree().leaf(c.slot()).toHex());
    m.put("root", c.tree().root().toHex());
    m.put("proof", Hex.encode(proof.encode()));
    return m;
  }
}
