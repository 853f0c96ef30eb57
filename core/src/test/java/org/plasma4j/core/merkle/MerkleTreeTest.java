package org.plasma4j.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

class MerkleTreeTest {
  private static byte[] leafData(int i) {
    return ("tx-" + i).getBytes();
  }

  private static byte[] leaf(byte[] tx) {
    byte[] b = new byte[tx.length + 1];
    System.arraycopy(tx, 0, b, 1, tx.length);
    return Keccak256.hash(b);
  }

  private static byte[] node(byte[] l, byte[] r) {
    byte[] b = new byte[65];
    b[0] = 1;
    System.arraycopy(l, 0, b, 1, 32);
    System.arraycopy(r, 0, b, 33, 32);
    return Keccak256.hash(b);
  }

  /** A naive full 65,536-leaf reference implementation, to check the sparse one. */
  private static byte[] naiveRoot(List<byte[]> txs) {
    byte[][] level = new byte[MerkleTree.CAPACITY][];
    byte[] empty = Keccak256.hash(new byte[] {0});
    for (int i = 0; i < level.length; i++) {
      level[i] = i < txs.size() ? leaf(txs.get(i)) : empty;
    }
    while (level.length > 1) {
      byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = node(level[2 * i], level[2 * i + 1]);
      }
      level = up;
    }
    return level[0];
  }

  private static List<byte[]> txs(int n) {
    List<byte[]> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(leafData(i));
    }
    return txs;
  }

  @Test
  void zeroHashesFollowTheSpec() {
    assertThat(MerkleTree.zeroHash(0)).isEqualTo(new Bytes32(Keccak256.hash(new byte[] {0})));
    assertThat(MerkleTree.zeroHash(1).value())
        .isEqualTo(node(MerkleTree.zeroHash(0).value(), MerkleTree.zeroHash(0).value()));
    assertThat(MerkleTree.build(List.of()).root()).isEqualTo(MerkleTree.zeroHash(16));
  }

  @Test
  void singleLeafRootIsLeafHashedWithZeros() {
    byte[] tx = leafData(0);
    byte[] expected = leaf(tx);
    for (int i = 0; i < 16; i++) {
      expected = node(expected, MerkleTree.zeroHash(i).value());
    }
    assertThat(MerkleTree.build(List.of(tx)).root().value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 1000, 4097, 5001, 65_536})
  void rootMatchesNaiveTreeAndEveryProofVerifies(int n) {
    List<byte[]> txs = txs(n);
    MerkleTree tree = MerkleTree.build(txs);
    assertThat(tree.root().value()).isEqualTo(naiveRoot(txs));
    int step = Math.max(1, n / 64);
    for (int i = 0; i < n; i += step) {
      Bytes proof = tree.proof(i);
      assertThat(proof.length()).isEqualTo(512);
      assertThat(MerkleTree.verify(tree.leaf(i), i, proof, tree.root())).isTrue();
      assertThat(MerkleTree.verify(tree.leaf(i), i ^ 1, proof, tree.root())).isFalse();
    }
    Bytes last = tree.proof(n - 1);
    assertThat(MerkleTree.verify(tree.leaf(n - 1), n - 1, last, tree.root())).isTrue();
  }

  /**
   * The lower levels are hashed on the common pool: trees built by several threads at once, while
   * the pool is busy with other work, are still the naive tree, node for node on every proof path.
   */
  @Test
  void treesBuiltByManyThreadsAtOnceOnABusyPoolAreTheNaiveTree() throws Exception {
    List<Integer> sizes = List.of(2048, 4095, 4096, 4097, 8193, 65_535, 65_536);
    java.util.Map<Integer, byte[]> naive = new java.util.HashMap<>();
    for (int n : sizes) {
      naive.put(n, naiveRoot(txs(n)));
    }
    java.util.concurrent.atomic.AtomicBoolean busy =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ForkJoinTask<?> noise = java.util.concurrent.ForkJoinPool.commonPool()
        .submit(() -> java.util.stream.IntStream.range(0, 1_000_000).parallel().forEach(i -> {
          if (busy.get()) {
            Keccak256.hash(leafData(i));
          }
        }));
    java.util.concurrent.ExecutorService builders =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<byte[]>>> built = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        built.add(builders.submit(() -> {
          List<byte[]> roots = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            for (int n : sizes) {
              MerkleTree tree = MerkleTree.build(txs(n));
              roots.add(tree.root().value());
              assertThat(MerkleTree.verify(tree.leaf(n - 1), n - 1, tree.proof(n - 1), tree.root()))
                  .isTrue();
            }
          }
          return roots;
        }));
      }
      for (java.util.concurrent.Future<List<byte[]>> f : built) {
        List<byte[]> roots = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(roots).hasSize(3 * sizes.size());
        for (int i = 0; i < roots.size(); i++) {
          assertThat(roots.get(i)).isEqualTo(naive.get(sizes.get(i % sizes.size())));
        }
      }
    } finally {
      busy.set(false);
      builders.shutdownNow();
      noise.join();
    }
  }

  @Test
  void aNodeCannotPassAsALeaf() {
    MerkleTree tree = MerkleTree.build(txs(2));
    Bytes32 node01 = new Bytes32(node(tree.leaf(0).value(), tree.leaf(1).value()));
    byte[] proof = tree.proof(0).toArray();
    Bytes shortened =
        Bytes.wrap(java.util.Arrays.copyOf(java.util.Arrays.copyOfRange(proof, 32, 512), 512));
    assertThat(MerkleTree.verify(node01, 0, shortened, tree.root())).isFalse();
  }

  @Test
  void blockCommitmentIsAbiEncodedRootAndTimestamp() {
    Bytes32 root = MerkleTree.zeroHash(16);
    byte[] preimage = new byte[64];
    System.arraycopy(root.value(), 0, preimage, 0, 32);
    preimage[63] = 42;
    assertThat(BlockCommitment.of(root, 42)).isEqualTo(new Bytes32(Keccak256.hash(preimage)));
  }
}
