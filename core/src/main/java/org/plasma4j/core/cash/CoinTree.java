package org.plasma4j.core.cash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Bytes32;

/**
 * The coin tree of one block (docs/protocol.md §9.3): a sparse Merkle tree of depth 64 keyed by
 * slot. Bit i of the slot picks the side at level i; an empty subtree hashes to zero, so only the
 * paths of occupied slots are hashed (64 hashes per transfer, however sparse). Immutable.
 */
public final class CoinTree {
  public static final int DEPTH = 64;
  private static final byte NODE_PREFIX = 0x01;

  /** levels.get(i): node hash by index (slot >>> i) for every non-empty node at level i. */
  private final List<Map<Long, Bytes32>> levels;

  private CoinTree(List<Map<Long, Bytes32>> levels) {
    this.levels = levels;
  }

  /** A tree from slot → leaf; zero leaves are empty slots. */
  public static CoinTree of(Map<Long, Bytes32> leaves) {
    List<Map<Long, Bytes32>> levels = new ArrayList<>(DEPTH + 1);
    Map<Long, Bytes32> current = new HashMap<>();
    leaves.forEach((slot, leaf) -> {
      if (!leaf.equals(Bytes32.ZERO)) {
        current.put(slot, leaf);
      }
    });
    levels.add(current);
    for (int level = 0; level < DEPTH; level++) {
      levels.add(parents(levels.get(level)));
    }
    return new CoinTree(levels);
  }

  /** The tree of a block's transfers; two transfers of one slot cannot share a block. */
  public static CoinTree ofTransfers(Collection<SignedCoinTransfer> transfers) {
    Map<Long, Bytes32> leaves = new HashMap<>();
    for (SignedCoinTransfer t : transfers) {
      if (leaves.put(t.slot(), t.transfer().leafHash()) != null) {
        throw new IllegalArgumentException(
            "two transfers of slot " + Long.toUnsignedString(t.slot()));
      }
    }
    return of(leaves);
  }

  private static Map<Long, Bytes32> parents(Map<Long, Bytes32> children) {
    Map<Long, Bytes32> parents = new HashMap<>(Math.max(4, children.size() * 2));
    for (long index : children.keySet()) {
      long parent = index >>> 1;
      if (!parents.containsKey(parent)) {
        Bytes32 left = children.getOrDefault(parent << 1, Bytes32.ZERO);
        Bytes32 right = children.getOrDefault((parent << 1) | 1, Bytes32.ZERO);
        parents.put(parent, node(left, right));
      }
    }
    return parents;
  }

  /** node(l, r) = 0 if both are 0, else keccak256(0x01 ‖ l ‖ r). */
  public static Bytes32 node(Bytes32 left, Bytes32 right) {
    if (left.equals(Bytes32.ZERO) && right.equals(Bytes32.ZERO)) {
      return Bytes32.ZERO;
    }
    return new Bytes32(Keccak256.hash(NODE_PREFIX, left.value(), right.value()));
  }

  /** The coin root; zero for a block without transfers. */
  public Bytes32 root() {
    return levels.get(DEPTH).getOrDefault(0L, Bytes32.ZERO);
  }

  /** The leaf at {@code slot}: a transfer's leaf hash, or zero when the slot is excluded. */
  public Bytes32 leaf(long slot) {
    return levels.get(0).getOrDefault(slot, Bytes32.ZERO);
  }

  /** Number of non-empty leaves. */
  public int size() {
    return levels.get(0).size();
  }

  /** The compressed proof of {@code slot}: of inclusion if it has a leaf, else of exclusion. */
  public CoinProof proof(long slot) {
    long bitmap = 0;
    List<Bytes32> siblings = new ArrayList<>();
    for (int level = 0; level < DEPTH; level++) {
      Bytes32 sibling = levels.get(level).get((slot >>> level) ^ 1);
      if (sibling != null) {
        bitmap |= 1L << level;
        siblings.add(sibling);
      }
    }
    return new CoinProof(bitmap, siblings);
  }

  /** The root a proof implies for {@code leaf} at {@code slot}, as the contract recomputes it. */
  public static Bytes32 rootFromProof(long slot, Bytes32 leaf, CoinProof proof) {
    Bytes32 node = leaf;
    int next = 0;
    for (int level = 0; level < DEPTH; level++) {
      Bytes32 sibling = proof.hasSibling(level) ? proof.siblings().get(next++) : Bytes32.ZERO;
      node = ((slot >>> level) & 1) == 0 ? node(node, sibling) : node(sibling, node);
    }
    return node;
  }

  /**
   * Whether {@code transfer}'s leaf is at its slot under {@code root} (a zero root includes
   * nothing).
   */
  public static boolean includes(Bytes32 root, CoinTransfer transfer, CoinProof proof) {
    return !root.equals(Bytes32.ZERO)
        && rootFromProof(transfer.slot(), transfer.leafHash(), proof).equals(root);
  }

  /**
   * Whether {@code slot} has no transfer under {@code root} (every slot is excluded from a zero
   * root).
   */
  public static boolean excludes(Bytes32 root, long slot, CoinProof proof) {
    return root.equals(Bytes32.ZERO) || rootFromProof(slot, Bytes32.ZERO, proof).equals(root);
  }
}
