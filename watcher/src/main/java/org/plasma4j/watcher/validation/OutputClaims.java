package org.plasma4j.watcher.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * Which outputs the exit games hold or have paid, over root-chain time, as the framework's output
 * reservations record them (contracts/src/lib/OutputKey.sol): an exit holds an output from its
 * start (a standard exit, each mass-exit leaf, each piggyback; an in-flight exit holds its inputs
 * for good, because its transaction, signed by their owners, is published), a challenge releases
 * it, a payout marks it exited. Pure bookkeeping; not thread-safe.
 *
 * <p>Only a payout condemns a block: a block submitted after an output was paid may not spend it,
 * by any transaction (an in-flight exit's own included) — the root chain paid it and the block
 * creates it again. A hold does not: an honest operator may have accepted the owner's spend before
 * the exit started and include it in a block mined any time later, so a spend of a held output is
 * the owner-signed evidence that challenges the exit (the exit audit), never a verdict on the
 * block.
 *
 * <p>Outputs are named by their output key where the event names one (mass-exit leaves, piggybacked
 * outputs) and by position where it names a position (standard exits, in-flight inputs): the ledger
 * knows both for every output it holds, and a lookup checks both.
 */
public final class OutputClaims {

  /** One exit's hold on an output. */
  public static final class Claim {
    private final String holder;
    private long releasedAt = Long.MAX_VALUE;
    private long exitedAt = Long.MAX_VALUE;

    private Claim(String holder) {
      this.holder = holder;
    }

    /**
     * The exit that holds it: {@code standard:<position>}, {@code mass:<batchId>},
     * {@code ife:<ifeId>}.
     */
    public String holder() {
      return holder;
    }

    public boolean exited() {
      return exitedAt != Long.MAX_VALUE;
    }

    /**
     * Whether any spend in a block submitted in L1 block {@code submittedL1} re-creates what it
     * paid.
     */
    boolean forbids(long submittedL1) {
      return exitedAt < submittedL1;
    }
  }

  private final Map<Bytes32, List<Claim>> byKey = new HashMap<>();
  private final Map<OutputPosition, List<Claim>> byPosition = new HashMap<>();

  public void hold(Bytes32 key, String holder) {
    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Claim(holder));
  }

  public void hold(OutputPosition position, String holder) {
    byPosition.computeIfAbsent(position, k -> new ArrayList<>()).add(new Claim(holder));
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
    open(byPosition.get(position), holder)
        .ifPresent(c -> c.exitedAt = Math.min(c.exitedAt, l1Block));
  }

  /**
   * The claim that paid the output at {@code position} (key {@code key}) before a block submitted
   * in L1 block {@code submittedL1}, if any: that block may not spend it.
   */
  public Optional<Claim> forbidding(OutputPosition position, Bytes32 key, long submittedL1) {
    return forbidding(position, () -> key, submittedL1);
  }

  /**
   * As {@link #forbidding(OutputPosition, Bytes32, long)}, deriving the key only if some claim is
   * held by key: every input of every transaction is looked up here, and most chains hold none.
   */
  public Optional<Claim> forbidding(
      OutputPosition position, Supplier<Bytes32> key, long submittedL1) {
    if (byPosition.isEmpty() && byKey.isEmpty()) {
      return Optional.empty();
    }
    return claimsOn(position, byKey.isEmpty() ? null : key.get()).stream()
        .filter(c -> c.forbids(submittedL1))
        .findFirst();
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
