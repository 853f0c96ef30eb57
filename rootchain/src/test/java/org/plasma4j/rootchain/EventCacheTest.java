package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCacheTest {

  private record Seen(String name, long l1Block) {}

  /** A root chain whose logs the test edits, counting the block ranges asked for. */
  private static final class Chain {
    final List<Seen> logs = new ArrayList<>();
    final List<long[]> asked = new ArrayList<>();

    List<Seen> between(long from, long to) {
      asked.add(new long[] {from, to});
      return logs.stream().filter(s -> s.l1Block() >= from && s.l1Block() <= to).toList();
    }
  }

  @Test
  void eachRefreshReadsOnlyNewBlocksAndTheReorgMargin() {
    Chain chain = new Chain();
    EventCache<Seen> cache = new EventCache<>(chain::between, Seen::l1Block, 3);
    chain.logs.add(new Seen("a", 5));
    assertThat(cache.upTo(100)).extracting(Seen::name).containsExactly("a");
    chain.logs.add(new Seen("b", 150));
    assertThat(cache.upTo(200)).extracting(Seen::name).containsExactly("a", "b");
    assertThat(chain.asked).containsExactly(new long[] {0, 100}, new long[] {98, 200});
  }

  @Test
  void aReorgInsideTheMarginReplacesWhatWasKept() {
    Chain chain = new Chain();
    EventCache<Seen> cache = new EventCache<>(chain::between, Seen::l1Block, 5);
    chain.logs.add(new Seen("kept", 10));
    chain.logs.add(new Seen("orphaned", 99));
    assertThat(cache.upTo(100)).hasSize(2);
    chain.logs.remove(1);
    chain.logs.add(new Seen("replacement", 101));
    assertThat(cache.upTo(101)).extracting(Seen::name).containsExactly("kept", "replacement");
  }

  @Test
  void aShorterChainDropsTheEventsAboveItsHead() {
    Chain chain = new Chain();
    EventCache<Seen> cache = new EventCache<>(chain::between, Seen::l1Block, 2);
    chain.logs.add(new Seen("low", 3));
    chain.logs.add(new Seen("high", 50));
    assertThat(cache.upTo(50)).hasSize(2);
    chain.logs.remove(1);
    assertThat(cache.upTo(40)).extracting(Seen::name).containsExactly("low");
  }
}
