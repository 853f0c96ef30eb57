package org.plasma4j.core.cash;

import java.util.Objects;
import java.util.Optional;
import org.plasma4j.core.cash.CoinHistory.Empty;
import org.plasma4j.core.cash.CoinHistory.Entry;
import org.plasma4j.core.cash.CoinHistory.Excluded;
import org.plasma4j.core.cash.CoinHistory.Included;
import org.plasma4j.core.cash.HistoryVerdict.Rejected;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;

/**
 * Checks a coin's history before it is accepted (docs/protocol.md §9.6): from the on-chain origin,
 * every child block up to the target is present exactly once and proven against its committed coin
 * root, and each transfer spends the previous one (prevBlock) under the previous owner's signature.
 * Stateless.
 */
public final class CoinHistoryVerifier {
  private final Domain domain;
  private final CoinRoots roots;

  public CoinHistoryVerifier(Domain domain, CoinRoots roots) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.roots = Objects.requireNonNull(roots, "roots");
  }

  /** Verifies {@code history} from {@code origin} through child block {@code toBlock}. */
  public HistoryVerdict verify(CoinOrigin origin, CoinHistory history, long toBlock) {
    Address owner = origin.owner();
    long ownedSince = origin.block();
    long expected = origin.firstChildBlock();
    for (Entry entry : history.entries()) {
      long block = entry.block();
      if (block != expected) {
        return misplaced(block, expected, origin, toBlock);
      }
      if (block > toBlock || !roots.hasChildBlock(block)) {
        return reject(
            HistoryRejection.UNEXPECTED_BLOCK,
            block,
            block > toBlock ? "after the target block " + toBlock : "not a committed child block");
      }
      Optional<Rejected> failure =
          check(history.slot(), entry, roots.coinRoot(block), owner, ownedSince);
      if (failure.isPresent()) {
        return failure.get();
      }
      if (entry instanceof Included inc) {
        owner = inc.transfer().transfer().newOwner();
        ownedSince = block;
      }
      expected += BlockNumbers.CHILD_BLOCK_INTERVAL;
    }
    if (expected <= toBlock) {
      return reject(
          HistoryRejection.MISSING_BLOCK, expected, "the history ends before block " + toBlock);
    }
    return new HistoryVerdict.Valid(owner, ownedSince, toBlock);
  }

  private static HistoryVerdict misplaced(
      long block, long expected, CoinOrigin origin, long toBlock) {
    if (block > expected && BlockNumbers.isChildBlock(block) && block <= toBlock) {
      return reject(
          HistoryRejection.MISSING_BLOCK, expected, "no entry; the next entry is block " + block);
    }
    if (block < expected && block >= origin.firstChildBlock() && BlockNumbers.isChildBlock(block)) {
      return reject(
          HistoryRejection.DUPLICATE_BLOCK,
          block,
          "a second entry (expected block " + expected + ")");
    }
    return reject(HistoryRejection.UNEXPECTED_BLOCK, block, "expected child block " + expected);
  }

  private Optional<Rejected> check(
      long slot, Entry entry, Bytes32 root, Address owner, long ownedSince) {
    return switch (entry) {
      case Empty e ->
        root.equals(Bytes32.ZERO)
            ? Optional.empty()
            : Optional.of(reject(
                HistoryRejection.ROOT_MISMATCH,
                e.block(),
                "the block has coin root " + root + ", not an empty block"));
      case Excluded e -> checkExclusion(slot, e, root);
      case Included i -> checkTransfer(slot, i, root, owner, ownedSince);
    };
  }

  private static Optional<Rejected> checkExclusion(long slot, Excluded e, Bytes32 root) {
    CoinProof proof;
    try {
      proof = CoinProof.decode(e.proof());
    } catch (MalformedCoinDataException ex) {
      return Optional.of(reject(HistoryRejection.BAD_PROOF_LENGTH, e.block(), ex.getMessage()));
    }
    if (!CoinTree.excludes(root, slot, proof)) {
      return Optional.of(reject(
          HistoryRejection.ROOT_MISMATCH,
          e.block(),
          "the exclusion proof does not recompute coin root " + root));
    }
    return Optional.empty();
  }

  private Optional<Rejected> checkTransfer(
      long slot, Included i, Bytes32 root, Address owner, long ownedSince) {
    CoinTransfer t = i.transfer().transfer();
    long block = i.block();
    if (t.slot() != slot) {
      return Optional.of(reject(
          HistoryRejection.WRONG_SLOT,
          block,
          "transfer of slot " + Long.toUnsignedString(t.slot()) + " in the history of slot "
              + Long.toUnsignedString(slot)));
    }
    Optional<Rejected> proofFailure = checkInclusion(i, root);
    if (proofFailure.isPresent()) {
      return proofFailure;
    }
    if (t.prevBlock() != ownedSince) {
      return Optional.of(reject(
          HistoryRejection.WRONG_PREV_BLOCK,
          block,
          "prevBlock " + Long.toUnsignedString(t.prevBlock()) + " but the coin moved last at "
              + ownedSince));
    }
    Optional<Address> signer = i.transfer().signer(domain);
    if (signer.isEmpty()) {
      return Optional.of(
          reject(HistoryRejection.BAD_SIGNATURE, block, "the signature recovers no key"));
    }
    if (!signer.get().equals(owner)) {
      return Optional.of(reject(
          HistoryRejection.NOT_OWNER,
          block,
          "signed by " + signer.get() + ", the owner was " + owner));
    }
    return Optional.empty();
  }

  private static Optional<Rejected> checkInclusion(Included i, Bytes32 root) {
    CoinProof proof;
    try {
      proof = CoinProof.decode(i.proof());
    } catch (MalformedCoinDataException ex) {
      return Optional.of(reject(HistoryRejection.BAD_PROOF_LENGTH, i.block(), ex.getMessage()));
    }
    if (!CoinTree.includes(root, i.transfer().transfer(), proof)) {
      return Optional.of(reject(
          HistoryRejection.ROOT_MISMATCH,
          i.block(),
          "the inclusion proof does not recompute coin root " + root));
    }
    return Optional.empty();
  }

  private static Rejected reject(HistoryRejection reason, long block, String message) {
    return new Rejected(reason, block, message);
  }
}
