package org.plasma4j.rootchain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.plasma4j.core.rootchain.CashGameEvents.CheckpointStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.FollowedEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.CashGameClient.OnChainClaim;
import org.plasma4j.rootchain.CashGameClient.PendingClaims;

/**
 * Every exit and checkpoint pending on a coin, whoever filed it. The cash game keeps one of each
 * per claimant side by side and has no view that lists the claimants, so they are named by its
 * CoinExitStarted and CheckpointStarted events through a root-chain block (kept by the shared
 * follower, which reads each block once and rolls back what a reorg replaced), each one's claim is
 * read from {@code exitOf} / {@code checkpointOf} at that same block, and the game's
 * {@code pendingClaims} counts at that block tell whether any was missed: a node that withholds
 * logs. A miss reads every block again, from the first, once per refresh; a result that still
 * disagrees with the counts is {@link Found#complete() incomplete}, and nobody may judge a coin by
 * it.
 */
public final class CoinClaims {

  /** The cash game's views of a coin's claims, as of root-chain block {@code atBlock}. */
  public interface Views {
    /** {@code claimant}'s pending checkpoint ({@code checkpoint} true) or exit of the coin. */
    OnChainClaim claimOf(long slot, Address claimant, boolean checkpoint, long atBlock);

    /** How many exits and checkpoints of the coin are pending. */
    PendingClaims pendingClaims(long slot, long atBlock);
  }

  /** A pending exit ({@code checkpoint} false) or checkpoint. */
  public record Pending(boolean checkpoint, OnChainClaim claim) {}

  /**
   * The claims found on a coin as of root-chain block {@code atBlock}, and how many the game
   * counts.
   */
  public record Found(long slot, long atBlock, List<Pending> claims, PendingClaims counted) {

    public Found {
      claims = List.copyOf(claims);
    }

    public long exits() {
      return claims.stream().filter(p -> !p.checkpoint()).count();
    }

    public long checkpoints() {
      return claims.stream().filter(Pending::checkpoint).count();
    }

    /** Whether every claim the game counts was found. */
    public boolean complete() {
      return exits() == counted.exits() && checkpoints() == counted.checkpoints();
    }

    /** What was found against what the game counts, for a message. */
    public String describe() {
      return "at root-chain block " + atBlock + " the start events of coin "
          + Long.toUnsignedString(slot)
          + " name " + exits() + " pending exits and " + checkpoints()
          + " pending checkpoints, the game counts "
          + counted.exits() + " and " + counted.checkpoints();
    }
  }

  private final Views views;
  private final Starts starts;
  private long head;
  private boolean refreshed;
  /** Whether every block has been read again since the last refresh (at most once per refresh). */
  private boolean rescanned;

  /** @param startL1Block the framework's deployment block, where the start events are read from */
  public CoinClaims(Views views, L1EventSource events, long startL1Block) {
    this.views = views;
    this.starts = new Starts(events, startL1Block);
  }

  /** The claims of the cash game {@code game} reads, named by {@code events}. */
  public static CoinClaims of(CashGameClient game, L1EventSource events, long startL1Block) {
    return new CoinClaims(
        new Views() {
          @Override
          public OnChainClaim claimOf(
              long slot, Address claimant, boolean checkpoint, long atBlock) {
            return game.claimOf(slot, claimant, checkpoint, atBlock);
          }

          @Override
          public PendingClaims pendingClaims(long slot, long atBlock) {
            return game.pendingClaims(slot, atBlock);
          }
        },
        events,
        startL1Block);
  }

  /** The stream's exit and checkpoint starts, kept by the shared follower. */
  private static final class Starts extends FollowedEvents {
    private final List<CoinExitStarted> exits = new ArrayList<>();
    private final List<CheckpointStarted> checkpoints = new ArrayList<>();

    Starts(L1EventSource events, long startL1Block) {
      super(events, startL1Block, 0);
    }

    @Override
    protected void on(L1Event event) {
      switch (event) {
        case CoinExitStarted e -> exits.add(e);
        case CheckpointStarted e -> checkpoints.add(e);
        default -> {}
      }
    }

    @Override
    protected void forgetAfter(long l1Block) {
      exits.removeIf(e -> e.l1Block() > l1Block);
      checkpoints.removeIf(e -> e.l1Block() > l1Block);
    }

    synchronized Set<Address> exiters(long slot) {
      Set<Address> out = new LinkedHashSet<>();
      exits.stream().filter(e -> e.slot() == slot).forEach(e -> out.add(e.owner()));
      return out;
    }

    synchronized Set<Address> checkpointers(long slot) {
      Set<Address> out = new LinkedHashSet<>();
      checkpoints.stream().filter(e -> e.slot() == slot).forEach(e -> out.add(e.owner()));
      return out;
    }
  }

  /**
   * Reads the claims started through the latest root-chain block (only the blocks not read yet);
   * {@link #of} then reads the game's views at the last block read. One refresh serves any number
   * of coins (a poll over a wallet).
   */
  public synchronized void refresh() {
    head = starts.follow();
    refreshed = true;
    rescanned = false;
  }

  /** {@link #refresh} through the latest block, then {@link #of}. */
  public synchronized Found pending(long slot) {
    refresh();
    return of(slot);
  }

  /**
   * The coin's pending claims at the block of the last refresh, by every claimant the events
   * through it name. If the game counts others, every block is read again from the first, through
   * the latest (once per refresh), and whatever is then found is returned, complete or not.
   */
  public synchronized Found of(long slot) {
    if (!refreshed) {
      throw new IllegalStateException("no refresh yet");
    }
    Found found = read(slot);
    if (found.complete() || rescanned) {
      return found;
    }
    starts.forgetAll();
    refresh();
    rescanned = true;
    return read(slot);
  }

  private Found read(long slot) {
    Set<Address> exiters = starts.exiters(slot);
    Set<Address> checkpointers = starts.checkpointers(slot);
    List<Pending> found = new ArrayList<>();
    for (Address o : exiters) {
      OnChainClaim c = views.claimOf(slot, o, false, head);
      if (c.exists()) {
        found.add(new Pending(false, c));
      }
    }
    for (Address o : checkpointers) {
      OnChainClaim c = views.claimOf(slot, o, true, head);
      if (c.exists()) {
        found.add(new Pending(true, c));
      }
    }
    return new Found(slot, head, found, views.pendingClaims(slot, head));
  }
}
