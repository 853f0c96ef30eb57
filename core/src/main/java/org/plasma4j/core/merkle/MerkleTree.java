package org.plasma4j.core.merkle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

/**
 * The depth-16 block tree of docs/protocol.md section 3: leaf = keccak(0x00 ‖ txBytes), node =
 * keccak(0x01 ‖ l ‖ r), empty leaves keccak(0x00). Only the occupied prefix of each level is stored
 * and hashed; the empty right part uses precomputed zero hashes, so a 3-transaction block costs
 * about 3 + 16 hashes rather than 65,535. Immutable.
 */
public final class MerkleTree {
  public static final int DEPTH = 16;
  public static final int CAPACITY = 1 << DEPTH;
  public static final int PROOF_LENGTH = 32 * DEPTH;
  /** A level with at least this many nodes is hashed in parallel. */
  private static final int PARALLEL_LEVEL = 2048;

  private static final byte LEAF_SALT = 0x00;
  private static final byte NODE_SALT = 0x01;

  /** ZERO[i] = root of an empty subtree of height i; ZERO[0] is the empty leaf. */
  private static final byte[][] ZERO = new byte[DEPTH + 1][];

  static {
    ZERO[0] = Keccak256.hash(new byte[] {LEAF_SALT});
    for (int i = 0; i < DEPTH; i++) {
      ZERO[i + 1] = node(ZERO[i], ZERO[i]);
    }
  }

  /**
   * levels[0] are the leaves, levels[DEPTH] holds the root; each level's hashes side by side, 32
   * bytes each. One array per level rather than one per node: a watcher keeps every block's tree,
   * and an array per node cost half as much again in headers and pointers, and as many objects for
   * the collector to trace as the tree has nodes.
   */
  private final byte[][] levels;

  private MerkleTree(byte[][] levels) {
    this.levels = levels;
  }

  private static int count(byte[] level) {
    return level.length / 32;
  }

  /** Builds the tree over transactions' unsigned txBytes, at indexes 0..n-1. */
  public static MerkleTree build(List<byte[]> txBytes) {
    if (txBytes.size() > CAPACITY) {
      throw new IllegalArgumentException(txBytes.size() + " leaves exceed " + CAPACITY);
    }
    byte[] leaves = new byte[32 * txBytes.size()];
    for (int i = 0; i < txBytes.size(); i++) {
      System.arraycopy(leafHash(txBytes.get(i)), 0, leaves, 32 * i, 32);
    }
    return over(leaves);
  }

  /**
   * Builds the tree over leaves already hashed ({@link #leafHash32}), e.g. those a transaction
   * carries, so a block's leaves are not hashed again when it is formed.
   */
  public static MerkleTree fromLeafHashes(List<Bytes32> leafHashes) {
    if (leafHashes.size() > CAPACITY) {
      throw new IllegalArgumentException(leafHashes.size() + " leaves exceed " + CAPACITY);
    }
    byte[] leaves = new byte[32 * leafHashes.size()];
    for (int i = 0; i < leafHashes.size(); i++) {
      leafHashes.get(i).bytes().copyTo(leaves, 32 * i);
    }
    return over(leaves);
  }

  private static MerkleTree over(byte[] leaves) {
    byte[][] levels = new byte[DEPTH + 1][];
    levels[0] = leaves;
    for (int level = 0; level < DEPTH; level++) {
      byte[] below = levels[level];
      int belowCount = count(below);
      byte[] above = new byte[32 * ((belowCount + 1) / 2)];
      byte[] zero = ZERO[level];
      IntStream nodes = IntStream.range(0, count(above));
      // a full block's tree is 65,535 hashes, half of them on the lowest level: hashed there in
      // parallel, each node on its own, so the tree is the same whichever thread hashes it
      (count(above) >= PARALLEL_LEVEL ? nodes.parallel() : nodes).forEach(i -> {
        boolean paired = 2 * i + 1 < belowCount;
        Keccak256.hashWords(
            NODE_SALT,
            below,
            64 * i,
            paired ? below : zero,
            paired ? 64 * i + 32 : 0,
            above,
            32 * i);
      });
      levels[level + 1] = above;
    }
    return new MerkleTree(levels);
  }

  public int leafCount() {
    return count(levels[0]);
  }

  public Bytes32 root() {
    return new Bytes32(levels[DEPTH].length == 0 ? ZERO[DEPTH] : Arrays.copyOf(levels[DEPTH], 32));
  }

  public Bytes32 leaf(int index) {
    Objects.checkIndex(index, leafCount());
    return new Bytes32(Arrays.copyOfRange(levels[0], 32 * index, 32 * index + 32));
  }

  /** The 16 sibling hashes from the leaf level up, concatenated (512 bytes). */
  public Bytes proof(int index) {
    if (index < 0 || index >= leafCount()) {
      throw new IndexOutOfBoundsException("no leaf " + index + " in a tree of " + leafCount());
    }
    byte[] proof = new byte[PROOF_LENGTH];
    int i = index;
    for (int level = 0; level < DEPTH; level++, i >>>= 1) {
      int sibling = i ^ 1;
      if (sibling < count(levels[level])) {
        System.arraycopy(levels[level], 32 * sibling, proof, 32 * level, 32);
      } else {
        System.arraycopy(ZERO[level], 0, proof, 32 * level, 32);
      }
    }
    return Bytes.wrap(proof);
  }

  /**
   * The proof of leaf {@code index} without its empty-subtree siblings (the mass exit's format).
   */
  public CompressedProof compressedProof(int index) {
    return CompressedProof.compress(proof(index));
  }

  public static Bytes32 leafHash32(byte[] txBytes) {
    return new Bytes32(leafHash(txBytes));
  }

  /** keccak256(0x00 ‖ txBytes). */
  static byte[] leafHash(byte[] txBytes) {
    return Keccak256.hash(LEAF_SALT, txBytes);
  }

  /** Root of an empty subtree of the given height (0 = the empty leaf). */
  public static Bytes32 zeroHash(int height) {
    return new Bytes32(ZERO[height]);
  }

  /**
   * Whether {@code proof} places {@code leaf} at {@code index} under {@code root}, as the contract
   * checks it.
   */
  public static boolean verify(Bytes32 leaf, int index, Bytes proof, Bytes32 root) {
    return proof.length() == PROOF_LENGTH
        && index >= 0
        && index < CAPACITY
        && rootFromProof(leaf, index, proof).equals(root);
  }

  /**
   * The root implied by a leaf, its index and a 512-byte proof; bit i of index says whether the
   * running hash is the right child at level i.
   */
  public static Bytes32 rootFromProof(Bytes32 leaf, int index, Bytes proof) {
    if (proof.length() != PROOF_LENGTH) {
      throw new IllegalArgumentException("a proof has " + PROOF_LENGTH + " bytes");
    }
    byte[] p = proof.toArray();
    byte[] running = leaf.value();
    for (int level = 0; level < DEPTH; level++) {
      byte[] sibling = Arrays.copyOfRange(p, 32 * level, 32 * level + 32);
      running = ((index >>> level) & 1) == 1 ? node(sibling, running) : node(running, sibling);
    }
    return new Bytes32(Bytes.wrap(running));
  }

  private static byte[] node(byte[] left, byte[] right) {
    return Keccak256.hash(NODE_SALT, left, right);
  }
}
