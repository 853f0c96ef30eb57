package org.plasma4j.watcher.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * Which outputs the exit games hold or have paid, over root-chain time, as the framework's output
 * reservations record them (contracts/src/lib/OutputKey.sol): an exit holds an output from its start
 * (a standard exit, each mass-exit leaf, each piggyback; an in-flight exit holds its inputs for good,
 * because its transaction, signed by their owners, is published), a challenge releases it, a payout
 * marks it exited. A child block may spend none of them. Pure bookkeeping; not thread-safe.
 *
 * <p>Outputs are named by their output key where the event names one (mass-exit leaves, piggybacked
 * outputs) and by position where it names a position (standard exits, in-flight inputs): the ledger
 * knows both for every output it holds, and a lookup checks both.
 *
 * @param graceL1Blocks an exit's start counts against a block only if it is older than this many root-chain
 *     blocks at the block's submission: an honest operator learns of an exit only once it is confirmed, so
 *     a spend it included meanwhile is answered by challenging the exit, not by condemning the block. A
 *     payout counts at once: it follows a whole exit period in which the exit was known.
 */
public final class OutputClaims {

  /** One exit's hold on an output. {@code spender}: a transaction whose spend the hold allows (its own in-flight transaction). */
  public static final class Claim {
    private final String holder;
    private final long heldFrom;
    private final Bytes32 spender;
    private long releasedAt = Long.MAX_VALUE;
    private long exitedAt = Long.MAX_VALUE;

    private Claim(String holder, long heldFrom, Bytes32 spender) {
      this.holder = holder;
      this.heldFrom = heldFrom;
      this.spender = spender;
    }

    /** The exit that holds it: {@code standard:<position>}, {@code mass:<batchId>}, {@code ife:<ifeId>}. */
    public String holder() {
      return holder;
    }

    public boolean exited() {
      return exitedAt != Long.MAX_VALUE;
    }

    /** Whether a spend by {@code txHash} in a block submitted in L1 block {@code submittedL1} contradicts it. */
    boolean forbids(Bytes32 txHash, long submittedL1, long grace) {
      if (spender != null && spender.equals(txHash)) {
        return false;
      }
      if (exitedAt < submittedL1) {
        return true;
      }
      return heldFrom + grace < submittedL1 && releasedAt > submittedL1;
    }
  }

  private final long graceL1Blocks;
  private final Map<Bytes32, List<Claim>> byKey = new HashMap<>();
  private final Map<OutputPosition, List<Claim>> byPosition = new HashMap<>();

  public OutputClaims(long graceL1Blocks) {
    this.graceL1Blocks = Math.max(0, graceL1Blocks);
  }

  public void hold(Bytes32 key, String holder, long l1Block) {
    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Claim(holder, l1Block, null));
  }

  /** {@code spender}: the holder's own transaction, which may spend the output (null for none). */
  public void hold(OutputPosition position, String holder, long l1Block, Bytes32 spender) {
    byPosition.computeIfAbsent(position, k -> new ArrayList<>()).add(new Claim(holder, l1Block, spender));
  }

  public void release(Bytes32 key, String holder, long l1Block) {
    open(byKey.get(key), holder).ifPresent(c -> c.releasedAt = l1Block);
  }

  public void release(OutputPosition position, String holder, long l1Block) {
    open(byPosition.get(position), holder).ifPresent(c -> c.releasedAt = l1Block);
  }

  public void exited(Bytes32 key, String holder, long l1Block) {
    open(byKey.get(key), holder).ifPresent(c -> c.exitedAt = Math.min(c.exitedAt, l1Block));
  }

  public void exited(OutputPosition position, String holder, long l1Block) {
    open(byPosition.get(position), holder).ifPresent(c -> c.exitedAt = Math.min(c.exitedAt, l1Block));
  }

  /**
   * The claim that forbids {@code spendingTx} to spend the output at {@code position} (key {@code key}) in a
   * block submitted in L1 block {@code submittedL1}, if any.
   */
  public Optional<Claim> forbidding(OutputPosition position, Bytes32 key, Bytes32 spendingTx, long submittedL1) {
    return claimsOn(position, key).stream().filter(c -> c.forbids(spendingTx, submittedL1, graceL1Blocks)).findFirst();
  }

  /** Whether an exit holds the output now, or one paid it: no other exit of it can start. */
  public boolean heldOrPaid(OutputPosition position, Bytes32 key) {
    return claimsOn(position, key).stream().anyMatch(c -> c.releasedAt == Long.MAX_VALUE);
  }

  private List<Claim> claimsOn(OutputPosition position, Bytes32 key) {
    List<Claim> candidates = new ArrayList<>(listOrEmpty(byPosition.get(position)));
    if (key != null) {
      candidates.addAll(listOrEmpty(byKey.get(key)));
    }
    return candidates;
  }

  private static List<Claim> listOrEmpty(List<Claim> claims) {
    return claims == null ? List.of() : claims;
  }

  /** The holder's newest claim still open (not released); an exit's later events refer to it. */
  private static Optional<Claim> open(List<Claim> claims, String holder) {
    if (claims == null) {
      return Optional.empty();
    }
    for (int i = claims.size() - 1; i >= 0; i--) {
      Claim c = claims.get(i);
      if (c.holder.equals(holder) && c.releasedAt == Long.MAX_VALUE) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
