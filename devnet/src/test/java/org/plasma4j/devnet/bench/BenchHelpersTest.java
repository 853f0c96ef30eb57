package org.plasma4j.devnet.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchHelpersTest {

  @Test
  void nearestRankPercentiles() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100..1, unsorted
    }
    Percentiles.Summary s = Percentiles.summarize(values);
    assertEquals(new Percentiles.Summary(100, 50, 90, 99, 100), s);
    assertEquals(100, values[0], "input left unchanged");
    long[] sorted = {10, 20, 30, 40};
    assertEquals(20, Percentiles.nearestRank(sorted, 50));
    assertEquals(30, Percentiles.nearestRank(sorted, 51));
    assertEquals(40, Percentiles.nearestRank(sorted, 99));
    assertEquals(10, Percentiles.nearestRank(sorted, 0.1));
    assertEquals(new Percentiles.Summary(1, 7, 7, 7, 7), Percentiles.summarize(new long[] {7}));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[0], 50));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(sorted, 0));
  }

  @Test
  void planFansEightDepositsOutToOneHundredThousandOutputs() {
    LoadPlan plan = LoadPlan.of(8, 100_000);
    // 8 -> 32 -> 128 -> 512 -> 2048 -> 8192 -> 32768, then 22,411 of those split: 32768 + 3 * 22411
    assertEquals(List.of(8, 32, 128, 512, 2048, 8192, 22_411), plan.splitsPerRound());
    assertEquals(33_331, plan.fanOutTransactions());
    assertEquals(100_001, plan.outputs());
  }

  @Test
  void planForSmallLoads() {
    assertEquals(List.of(), LoadPlan.of(8, 8).splitsPerRound());
    assertEquals(List.of(1), LoadPlan.of(8, 9).splitsPerRound());
    assertEquals(List.of(1, 4, 5), LoadPlan.of(1, 30).splitsPerRound());
    assertEquals(31, LoadPlan.of(1, 30).outputs());
  }

  @Test
  void depositCoversEveryLevelOfSplits() {
    LoadPlan plan = LoadPlan.of(1, 16); // two rounds: 1 -> 4 -> 16 (split 4)
    assertEquals(List.of(1, 4), plan.splitsPerRound());
    BigInteger fee = BigInteger.valueOf(100);
    // leaf 200 -> 4*200+100+4 = 904 -> 4*904+100+4 = 3720
    BigInteger deposit = plan.depositAmount(BigInteger.valueOf(200), fee);
    assertEquals(BigInteger.valueOf(3720), deposit);
    for (BigInteger child : LoadPlan.split(deposit, 4, fee)) {
      for (BigInteger leaf : LoadPlan.split(child, 4, fee)) {
        assertEquals(true, leaf.compareTo(BigInteger.valueOf(200)) >= 0, "leaf " + leaf);
      }
    }
  }

  @Test
  void splitIsExactWithRemainderFirst() {
    BigInteger[] parts = LoadPlan.split(BigInteger.valueOf(1_003), 4, BigInteger.valueOf(100));
    assertArrayEquals(
        new BigInteger[] {
          BigInteger.valueOf(228),
          BigInteger.valueOf(225),
          BigInteger.valueOf(225),
          BigInteger.valueOf(225)
        },
        parts);
    assertThrows(
        IllegalArgumentException.class,
        () -> LoadPlan.split(BigInteger.valueOf(103), 4, BigInteger.valueOf(100)));
  }

  @Test
  void batchesCoverEverythingOnce() {
    List<int[]> b = LoadPlan.batches(1_001, 500);
    assertEquals(3, b.size());
    assertArrayEquals(new int[] {0, 500}, b.get(0));
    assertArrayEquals(new int[] {500, 1000}, b.get(1));
    assertArrayEquals(new int[] {1000, 1001}, b.get(2));
    assertEquals(0, LoadPlan.batches(0, 500).size());
  }

  @Test
  void processCpuNoJavaThreadAccountsForIsItsOwnGroupInOrder() {
    java.util.Map<String, Double> byGroup = new java.util.LinkedHashMap<>();
    byGroup.put("rpc request threads", 4.0);
    byGroup.put("ledger writer", 1.5);
    java.util.Map<String, Double> all = PlasmaBench.withJvmThreads(byGroup, 7.5);
    assertEquals(
        List.of("rpc request threads", PlasmaBench.JVM_THREADS, "ledger writer"),
        List.copyOf(all.keySet()));
    assertEquals(2.0, all.get(PlasmaBench.JVM_THREADS), 1e-9);
    // a process total below the threads' sum (clock granularity) adds no negative group
    assertEquals(byGroup, PlasmaBench.withJvmThreads(byGroup, 5.0));
  }
}
