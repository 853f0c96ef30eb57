package org.plasma4j.core.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.rootchain.CashGameEvents.CoinRootSubmitted;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.testing.InMemoryL1;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;

class FollowedEventsTest {

  private static final long DEPLOYED_AT = 50;

  /** A wallet's coin roots: the one kind it cares about, by one switch. */
  private static final class Roots extends FollowedEvents {
    final List<CoinRootSubmitted> kept = new ArrayList<>();

    Roots(L1EventSource chain, long start) {
      super(chain, start, 0);
    }

    @Override
    protected void on(L1Event event) {
      switch (event) {
        case CoinRootSubmitted e -> kept.add(e);
        default -> {}
      }
    }

    @Override
    protected void forgetAfter(long l1Block) {
      kept.removeIf(e -> e.l1Block() > l1Block);
    }

    List<Long> blocks() {
      return kept.stream().map(CoinRootSubmitted::blkNum).toList();
    }
  }

  /** Every log range the reader asked the chain for. */
  private static final class Counting implements L1EventSource {
    final InMemoryL1 l1;
    final List<long[]> asked = new ArrayList<>();

    Counting(InMemoryL1 l1) {
      this.l1 = l1;
    }

    @Override
    public long headBlockNumber() {
      return l1.headBlockNumber();
    }

    @Override
    public java.util.Optional<Bytes32> blockHash(long l1Block) {
      return l1.blockHash(l1Block);
    }

    @Override
    public List<L1Event> events(long from, long to) {
      asked.add(new long[] {from, to});
      return l1.events(from, to);
    }
  }

  private final InMemoryL1 l1 = new InMemoryL1(DEPLOYED_AT, 1_700_000_000);
  private final Counting chain = new Counting(l1);
  private final Roots roots = new Roots(chain, DEPLOYED_AT);

  private void root(long blkNum) {
    l1.appendInNewBlock(new CoinRootSubmitted(blkNum, Bytes32.ofUint(blkNum), LogPlace.inBlock(0)));
  }

  @Test
  void readsFromTheDeploymentBlockAndThenOnlyTheNewBlocksKeepingOnlyItsKind() {
    root(1000);
    l1.appendInNewBlock(new ExitChallengedEvent(1, Address.ZERO, LogPlace.inBlock(0)));
    long first = roots.follow();
    root(2000);
    long second = roots.follow();

    assertThat(roots.blocks()).containsExactly(1000L, 2000L);
    assertThat(first).isEqualTo(DEPLOYED_AT + 2);
    assertThat(second).isEqualTo(DEPLOYED_AT + 3);
    assertThat(chain.asked)
        .as("never a block before the deployment, never a block twice")
        .containsExactly(
            new long[] {DEPLOYED_AT, DEPLOYED_AT + 2},
            new long[] {DEPLOYED_AT + 3, DEPLOYED_AT + 3});
  }

  @Test
  void aReorgBelowTheBlocksReadRollsTheKeptEventsBackAndReadsTheNewChain() {
    root(1000);
    root(2000);
    root(3000);
    roots.follow();
    l1.reorgLast(2); // the blocks of roots 2000 and 3000 are replaced by empty ones
    l1.mine(1);
    root(4000);

    long last = roots.follow();

    assertThat(roots.blocks()).containsExactly(1000L, 4000L);
    assertThat(last).isEqualTo(l1.headBlockNumber());
  }

  @Test
  void forgettingAllReadsEveryBlockAgainFromTheDeployment() {
    root(1000);
    roots.follow();
    chain.asked.clear();

    roots.forgetAll();
    roots.follow();

    assertThat(roots.blocks()).containsExactly(1000L);
    assertThat(chain.asked).containsExactly(new long[] {DEPLOYED_AT, DEPLOYED_AT + 1});
  }
}
