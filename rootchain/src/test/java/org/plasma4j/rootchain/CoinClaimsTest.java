package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.CashGameEvents;
import org.plasma4j.core.rootchain.CashGameEvents.CheckpointStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.CashGameClient.OnChainClaim;
import org.plasma4j.rootchain.CashGameClient.PendingClaims;

class CoinClaimsTest {

  private static final long SLOT = 7;
  private static final Address ALICE = Address.fromHex("0x" + "a1".repeat(20));
  private static final Address MALLORY = Address.fromHex("0x" + "66".repeat(20));
  private static final Address ACCOMPLICE = Address.fromHex("0x" + "ac".repeat(20));
  private static final OnChainClaim NONE =
      new OnChainClaim(Address.ZERO, Address.ZERO, 0, 0, 0, 0, 0);

  /**
   * A cash game: the claims pending per (slot, owner, kind), counted as the game counts them, and
   * the start events its node serves (a node may withhold some); every read and log range asked is
   * recorded.
   */
  private static final class Game implements CoinClaims.Views, L1EventSource {
    final Map<String, OnChainClaim> pending = new HashMap<>();
    final List<CoinExitStarted> exitLogs = new ArrayList<>();
    final List<CheckpointStarted> checkpointLogs = new ArrayList<>();
    final List<long[]> exitRangesAsked = new ArrayList<>();
    final List<Long> viewsReadAt = new ArrayList<>();
    long head = 100;
    long nextId = 1;

    private static String key(long slot, Address owner, boolean checkpoint) {
      return slot + ":" + owner + ":" + checkpoint;
    }

    /**
     * A claim started on chain at {@code l1Block}; {@code logged} false: the node withholds its
     * event.
     */
    OnChainClaim start(
        Address owner, boolean checkpoint, long exitBlock, long l1Block, boolean logged) {
      long id = nextId++;
      OnChainClaim c = new OnChainClaim(owner, ALICE, 999, exitBlock, 5_000, 0, id);
      pending.put(key(SLOT, owner, checkpoint), c);
      if (logged) {
        if (checkpoint) {
          checkpointLogs.add(
              new CheckpointStarted(SLOT, owner, exitBlock, 999, id, LogPlace.inBlock(l1Block)));
        } else {
          exitLogs.add(
              new CoinExitStarted(SLOT, owner, exitBlock, 999, id, LogPlace.inBlock(l1Block)));
        }
      }
      return c;
    }

    void close(Address owner, boolean checkpoint) {
      pending.remove(key(SLOT, owner, checkpoint));
    }

    @Override
    public OnChainClaim claimOf(long slot, Address claimant, boolean checkpoint, long atBlock) {
      viewsReadAt.add(atBlock);
      return pending.getOrDefault(key(slot, claimant, checkpoint), NONE);
    }

    @Override
    public PendingClaims pendingClaims(long slot, long atBlock) {
      viewsReadAt.add(atBlock);
      long exits = pending.keySet().stream()
          .filter(k -> k.startsWith(slot + ":") && k.endsWith(":false"))
          .count();
      long checkpoints = pending.keySet().stream()
          .filter(k -> k.startsWith(slot + ":") && k.endsWith(":true"))
          .count();
      return new PendingClaims(exits, checkpoints);
    }

    /** The node's log stream: the start events it serves, in log order. */
    @Override
    public List<L1Event> events(long from, long to) {
      exitRangesAsked.add(new long[] {from, to});
      return java.util.stream.Stream.concat(exitLogs.stream(), checkpointLogs.stream())
          .filter(e -> e.l1Block() >= from && e.l1Block() <= to)
          .map(e -> (L1Event) e)
          .sorted(L1Event.LOG_ORDER)
          .toList();
    }

    @Override
    public long headBlockNumber() {
      return head;
    }

    @Override
    public java.util.Optional<org.plasma4j.core.types.Bytes32> blockHash(long l1Block) {
      return l1Block < 0 || l1Block > head
          ? java.util.Optional.empty()
          : java.util.Optional.of(
              org.plasma4j.core.types.Bytes32.ofUint(java.math.BigInteger.valueOf(l1Block)));
    }
  }

  private final Game game = new Game();
  private final CoinClaims claims = new CoinClaims(game, game, 0);

  @Test
  void everyOwnersExitAndCheckpointIsFoundSideBySideAndAgreesWithTheCounts() {
    OnChainClaim aliceExit = game.start(ALICE, false, 999, 10, true);
    OnChainClaim malloryExit = game.start(MALLORY, false, 2000, 20, true);
    OnChainClaim accompliceCheckpoint = game.start(ACCOMPLICE, true, 3000, 30, true);

    CoinClaims.Found found = claims.pending(SLOT);

    assertThat(found.complete()).isTrue();
    assertThat(found.claims())
        .containsExactly(
            new CoinClaims.Pending(false, aliceExit),
            new CoinClaims.Pending(false, malloryExit),
            new CoinClaims.Pending(true, accompliceCheckpoint));
    assertThat(found.counted()).isEqualTo(new PendingClaims(2, 1));
    assertThat(found.atBlock()).isEqualTo(100);
    assertThat(game.viewsReadAt)
        .as("every view is read at the block the events were read through")
        .containsOnly(100L);
  }

  @Test
  void anOwnerWhoseClaimClosedIsNotListedAndAnOtherCoinsClaimsAreNot() {
    game.start(MALLORY, false, 2000, 20, true);
    game.close(MALLORY, false);
    OnChainClaim again = game.start(MALLORY, true, 2000, 40, true);
    game.exitLogs.add(
        new CashGameEvents.CoinExitStarted(SLOT + 1, ALICE, 999, 999, 99, LogPlace.inBlock(50)));

    CoinClaims.Found found = claims.pending(SLOT);

    assertThat(found.complete()).isTrue();
    assertThat(found.claims()).containsExactly(new CoinClaims.Pending(true, again));
  }

  @Test
  void aClaimWhoseEventTheLastReadMissedIsFoundByReadingEveryBlockAgain() {
    game.start(ALICE, false, 999, 10, true);
    assertThat(claims.pending(SLOT).complete()).isTrue();
    // a claim now sits in a block read before, under a log the node did not serve then
    game.head = 500;
    OnChainClaim hidden = game.start(MALLORY, false, 2000, 20, true);
    game.exitRangesAsked.clear();

    CoinClaims.Found found = claims.pending(SLOT);

    assertThat(found.complete()).isTrue();
    assertThat(found.claims()).contains(new CoinClaims.Pending(false, hidden));
    assertThat(game.exitRangesAsked)
        .as("the new blocks first, then every block from the first")
        .containsExactly(new long[] {101, 500}, new long[] {0, 500});
  }

  @Test
  void aClaimTheGameCountsButNoEventNamesLeavesTheResultIncompleteAndIsReadAgainOncePerRefresh() {
    game.start(ALICE, false, 999, 10, true);
    game.start(ACCOMPLICE, true, 3000, 30, false); // its event withheld

    CoinClaims.Found found = claims.pending(SLOT);

    assertThat(found.complete()).isFalse();
    assertThat(found.checkpoints()).isZero();
    assertThat(found.counted()).isEqualTo(new PendingClaims(1, 1));
    assertThat(found.describe())
        .contains("name 1 pending exits and 0 pending checkpoints, the game counts 1 and 1");
    assertThat(game.exitRangesAsked).containsExactly(new long[] {0, 100}, new long[] {0, 100});

    game.exitRangesAsked.clear();
    assertThat(claims.of(SLOT).complete()).isFalse();
    assertThat(game.exitRangesAsked)
        .as("no second full read before the next refresh")
        .isEmpty();
  }
}
