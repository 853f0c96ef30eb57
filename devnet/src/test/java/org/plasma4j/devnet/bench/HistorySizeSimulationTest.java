package org.plasma4j.devnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.cash.CoinHistory;
import org.plasma4j.core.cash.CoinHistory.Empty;
import org.plasma4j.core.cash.CoinHistory.Entry;
import org.plasma4j.core.cash.CoinHistoryCodec;
import org.plasma4j.devnet.bench.HistorySizeSimulation.Params;
import org.plasma4j.devnet.bench.HistorySizeSimulation.PolicyResult;
import org.plasma4j.devnet.bench.HistorySizeSimulation.Result;

/**
 * The simulator's counting against real trees and the real codec on a short horizon (not timed).
 */
class HistorySizeSimulationTest {
  private static final long NEVER = 0;
  private static final long EVERY_100 = 100;

  private static Params params(long blocks) {
    // 3 other transfers per block, the coin moves about every 50 blocks, checkpoints final after 40
    return new Params(
        blocks,
        3.0,
        HistorySizeSimulation.DAY_OF_BLOCKS / 50.0,
        new long[] {NEVER, EVERY_100},
        40,
        1,
        7);
  }

  private static List<Entry> entries(long blocks) {
    List<Entry> out = new ArrayList<>();
    HistorySizeSimulation.run(
        params(blocks), (block, e) -> out.add(e == null ? new Empty(block) : e));
    return out;
  }

  @Test
  void everyBlockMatchesItsRealTreeAndTheStoredSizeIsWhatTheCodecWrites() {
    for (long n : new long[] {1, 57, 250, 600}) {
      Result r = HistorySizeSimulation.run(params(n));
      List<Entry> all = entries(n);
      assertThat(r.samplesChecked())
          .isEqualTo(r.nonEmptyBlocks()); // each rebuilt as a real CoinTree
      CoinHistory full = new CoinHistory(0, all);
      PolicyResult never = r.policies().get(0);
      assertThat(never.finalBytes()).isEqualTo(CoinHistoryCodec.encode(full).length);
      assertThat(never.finalOriginBlock()).isZero();
      PolicyResult checkpointed = r.policies().get(1);
      CoinHistory kept = full.after(checkpointed.finalOriginBlock());
      assertThat(checkpointed.finalBytes()).isEqualTo(CoinHistoryCodec.encode(kept).length);
      assertThat(never.maxBytes()).isGreaterThanOrEqualTo(never.finalBytes());
    }
  }

  @Test
  void checkpointsDropHistoryAndKeepTheMaximumBounded() {
    Result r = HistorySizeSimulation.run(params(2000));
    PolicyResult never = r.policies().get(0);
    PolicyResult checkpointed = r.policies().get(1);
    assertThat(checkpointed.checkpointsFinalized()).isGreaterThan(10);
    assertThat(checkpointed.finalOriginBlock()).isGreaterThan(1_500_000L);
    assertThat(checkpointed.maxBlocksHeld()).isLessThan(EVERY_100 + 40 + 200);
    assertThat(checkpointed.maxBytes()).isLessThan(never.maxBytes() / 4);
    assertThat(never.maxBlocksHeld()).isEqualTo(2000);
    assertThat(never.naiveMaxBytes()).isEqualTo(2000L * 64 * 32);
    assertThat(r.ownTransfers()).isBetween(20L, 70L);
    assertThat(r.bytesPerBlock()).isGreaterThan(32);
  }

  @Test
  void noTrafficAndANeverMovingCoinStoreOnlyTheHeader() {
    Params idle = new Params(10_000, 0, 0, new long[] {NEVER}, 40, 1, 1);
    Result r = HistorySizeSimulation.run(idle);
    assertThat(r.nonEmptyBlocks()).isZero();
    assertThat(r.policies().get(0).maxBytes())
        .isEqualTo(CoinHistoryCodec.headerLength(0, 1000, 10_000));
  }

  @Test
  void coinBlocksEveryNthBlockCarryAllTransfersAndOnlyTheyCostHistory() {
    long interval = 10;
    Params sparse = new Params(
        3000,
        0.3,
        HistorySizeSimulation.DAY_OF_BLOCKS / 50.0,
        new long[] {NEVER},
        40,
        1,
        7,
        interval);
    List<Entry> nonEmpty = new ArrayList<>();
    Result r = HistorySizeSimulation.run(sparse, (block, e) -> {
      if (e != null) {
        nonEmpty.add(e);
      }
    });
    assertThat(nonEmpty)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.block() % (interval * 1000)).isZero());
    assertThat(r.samplesChecked())
        .isEqualTo(r.nonEmptyBlocks()); // the pooled load still matches real trees
    // the coin's own moves wait for a coin block instead of being lost
    assertThat(r.ownTransfers()).isBetween(20L, 90L).isLessThanOrEqualTo(3000 / interval);
    Result everyBlock =
        HistorySizeSimulation.run(new Params(3000, 0.3, 0, new long[] {NEVER}, 40, 1, 7));
    assertThat(r.policies().get(0).maxBytes())
        .isLessThan(everyBlock.policies().get(0).maxBytes());
  }
}
