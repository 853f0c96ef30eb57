package org.plasma4j.core.exit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.block.Block;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.tx.SignedTransaction;

/**
 * A signed transaction someone has seen, in a block ({@code inclusion} present) or only in flight:
 * the material from which competitors and spends of piggybacked outputs are found.
 */
public record KnownTransaction(SignedTransaction tx, Optional<Inclusion> inclusion) {
  public static KnownTransaction inFlight(SignedTransaction tx) {
    return new KnownTransaction(tx, Optional.empty());
  }

  public static KnownTransaction included(SignedTransaction tx, Inclusion inclusion) {
    return new KnownTransaction(tx, Optional.of(inclusion));
  }

  /** Every transaction of {@code block}, with its proof (the tree is built once). */
  public static List<KnownTransaction> of(Block block, long blockTimestamp) {
    MerkleTree tree = block.merkleTree();
    List<KnownTransaction> out = new ArrayList<>(block.transactions().size());
    for (int i = 0; i < block.transactions().size(); i++) {
      out.add(included(block.transactions().get(i), Inclusion.of(block, tree, i, blockTimestamp)));
    }
    return out;
  }

  /**
   * The contracts' order: the position of an included transaction, "infinity" for one in flight.
   */
  public long priority() {
    return inclusion.map(Inclusion::position).orElse(Long.MAX_VALUE);
  }
}
