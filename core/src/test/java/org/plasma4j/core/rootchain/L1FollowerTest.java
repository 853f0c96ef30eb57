package org.plasma4j.core.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.CashGameEvents.CoinDeposited;
import org.plasma4j.core.rootchain.ExitGameEvents.InFlightExitStarted;
import org.plasma4j.core.rootchain.ExitGameEvents.Piggybacked;
import org.plasma4j.core.rootchain.RootChain.BlockSubmittedEvent;
import org.plasma4j.core.rootchain.RootChain.DepositEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.testing.InMemoryL1;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;

class L1FollowerTest {

  private static final Address ALICE = Address.fromHex("0x" + "a1".repeat(20));
  private static final long START = 11;

  /** A consumer that keeps what it applied and its checkpoints in memory, like a store would. */
  private static final class Recorder implements L1Follower.Consumer {
    final List<L1Event> applied = new ArrayList<>();
    final TreeMap<Long, Bytes32> checkpoints = new TreeMap<>();
    final List<Long> rolledBackTo = new ArrayList<>();
    long last = START - 1;

    @Override
    public long lastApplied() {
      return last;
    }

    @Override
    public NavigableMap<Long, Bytes32> checkpoints() {
      return new TreeMap<>(checkpoints);
    }

    @Override
    public void apply(L1Follower.Window window) {
      applied.addAll(window.events());
      checkpoints.put(window.to(), window.toHash());
      last = window.to();
    }

    @Override
    public void rollBackTo(long l1Block) {
      rolledBackTo.add(l1Block);
      applied.removeIf(e -> e.l1Block() > l1Block);
      checkpoints.tailMap(l1Block, false).clear();
      last = l1Block;
    }
  }

  private final InMemoryL1 chain = new InMemoryL1(START - 1, 1_700_000_000);
  private final Recorder consumer = new Recorder();

  private L1Follower follower(int confirmations, long maxRange) {
    return new L1Follower(chain, consumer, new L1Follower.Settings(confirmations, START, maxRange));
  }

  private static DepositEvent deposit(long blkNum) {
    return new DepositEvent(
        blkNum,
        ALICE,
        Address.ZERO,
        BigInteger.ONE,
        Bytes32.ofUint(blkNum),
        0,
        LogPlace.inBlock(0));
  }

  @Test
  void eventsOfEveryContractInOneBlockReachTheConsumerInLogOrder() {
    chain.mine(1);
    // the order the contracts emitted them in, across the framework and three games: no kind order
    // (deposits first, games last) would give it
    var coin = chain.appendAtHead(
        new CoinDeposited(7, ALICE, Address.ZERO, 0, BigInteger.TEN, 0, LogPlace.inBlock(0)));
    var ife = chain.appendAtHead(new InFlightExitStarted(
        BigInteger.ONE,
        ALICE,
        Bytes32.ofUint(1),
        1_000_000_000L,
        5,
        Bytes.of(new byte[] {1}),
        List.of(),
        LogPlace.inBlock(0)));
    var exit = chain.appendAtHead(new ExitStartedEvent(
        1_000_000_000L, ALICE, Address.ZERO, BigInteger.ONE, 5, LogPlace.inBlock(0)));
    var piggyback =
        chain.appendAtHead(new Piggybacked(BigInteger.ONE, ALICE, true, 0, LogPlace.inBlock(0)));
    var deposit = chain.appendAtHead(deposit(1));
    var submitted = chain.appendAtHead(
        new BlockSubmittedEvent(1000, Bytes32.ofUint(9), 0, LogPlace.inBlock(0)));

    L1Follower.Progress progress = follower(0, 100).poll();

    assertThat(consumer.applied).containsExactly(coin, ife, exit, piggyback, deposit, submitted);
    assertThat(consumer.applied)
        .extracting(L1Event::logIndex)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(consumer.applied)
        .allSatisfy(
            e -> assertThat(e.blockHash()).isEqualTo(chain.blockHash(START).orElseThrow()));
    assertThat(progress.lastApplied()).isEqualTo(START);
  }

  @Test
  void onlyConfirmedBlocksAreReadInWindowsOfTheGivenRange() {
    for (int i = 1; i <= 7; i++) {
      chain.appendInNewBlock(deposit(i));
    }
    L1Follower.Progress progress = follower(2, 2).poll();

    // head 17, two confirmations: blocks 11..15 in windows of two blocks
    assertThat(progress.windows())
        .extracting(L1Follower.Window::from, L1Follower.Window::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(11L, 12L),
            org.assertj.core.groups.Tuple.tuple(13L, 14L),
            org.assertj.core.groups.Tuple.tuple(15L, 15L));
    assertThat(consumer.applied)
        .extracting(e -> ((DepositEvent) e).blkNum())
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(consumer.checkpoints).containsOnlyKeys(12L, 14L, 15L);
  }

  @Test
  void aReorgBelowTheNewestCheckpointRollsTheConsumerBackToTheNewestCanonicalOne() {
    L1Follower follower = follower(0, 2);
    for (int i = 1; i <= 6; i++) {
      chain.appendInNewBlock(deposit(i)); // blocks 11..16
    }
    follower.poll(); // checkpoints 12, 14, 16
    assertThat(consumer.checkpoints).containsOnlyKeys(12L, 14L, 16L);

    // blocks 14..16 replaced: deposits 4..6 gone, deposit 40 in their place
    chain.reorgFrom(14);
    chain.appendAtHead(deposit(40));
    L1Follower.Progress progress = follower.poll();

    assertThat(progress.rolledBackTo()).hasValue(12L);
    assertThat(consumer.rolledBackTo).containsExactly(12L);
    assertThat(consumer.applied)
        .extracting(e -> ((DepositEvent) e).blkNum())
        .containsExactly(1L, 2L, 3L, 40L);
    assertThat(progress.lastApplied()).isEqualTo(16L);
    assertThat(consumer.checkpoints.get(16L)).isEqualTo(chain.blockHash(16).orElseThrow());
  }

  @Test
  void aReorgBelowEveryCheckpointRollsBackToBeforeTheStart() {
    L1Follower follower = follower(0, 100);
    chain.appendInNewBlock(deposit(1));
    chain.appendInNewBlock(deposit(2));
    follower.poll();

    chain.reorgFrom(START);
    L1Follower.Progress progress = follower.poll();

    assertThat(progress.rolledBackTo()).hasValue(START - 1);
    assertThat(consumer.applied).isEmpty();
    assertThat(progress.lastApplied()).isEqualTo(START + 1);
  }

  @Test
  void aReorgAboveTheConfirmedBlocksIsOnlyNoticed() {
    L1Follower follower = follower(2, 100);
    for (int i = 1; i <= 4; i++) {
      chain.appendInNewBlock(deposit(i));
    }
    follower.poll();
    chain.reorgLast(1);
    L1Follower.Progress progress = follower.poll();

    assertThat(progress.reorgAtHead()).isTrue();
    assertThat(progress.rolledBackTo()).isEmpty();
    assertThat(consumer.rolledBackTo).isEmpty();
  }

  @Test
  void aWindowWhoseLastBlockChangesWhileReadIsLeftForTheNextPoll() {
    chain.appendInNewBlock(deposit(1));
    chain.appendInNewBlock(deposit(2));
    L1EventSource reorgingMidRead = new L1EventSource() {
      boolean reorged;

      @Override
      public long headBlockNumber() {
        return chain.headBlockNumber();
      }

      @Override
      public Optional<Bytes32> blockHash(long l1Block) {
        return chain.blockHash(l1Block);
      }

      @Override
      public List<L1Event> events(long from, long to) {
        List<L1Event> read = chain.events(from, to);
        if (!reorged) {
          reorged = true;
          chain.reorgFrom(to);
          chain.appendAtHead(deposit(20));
        }
        return read;
      }
    };
    L1Follower follower =
        new L1Follower(reorgingMidRead, consumer, new L1Follower.Settings(0, START, 100));

    L1Follower.Progress first = follower.poll();
    assertThat(first.changedWhileRead()).isPresent();
    assertThat(consumer.applied).isEmpty();

    follower.poll();
    assertThat(consumer.applied)
        .extracting(e -> ((DepositEvent) e).blkNum())
        .containsExactly(1L, 20L);
  }
}
