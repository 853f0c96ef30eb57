package org.plasma4j.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.node.supervision.Fatal;
import org.plasma4j.node.supervision.TaskHealth;
import org.plasma4j.operator.chain.BlockProducer;
import org.plasma4j.operator.ledger.Columns;
import org.plasma4j.operator.ledger.LedgerWriter;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;
import org.plasma4j.operator.testing.ThrowingStore;

/**
 * An {@link Error} thrown inside each background task of a running node, on its real timers (100
 * ms): a recoverable one is logged, shows in the health, and the task runs again (blocks keep
 * forming, deposits keep being followed, blocks keep being submitted); an {@link OutOfMemoryError}
 * goes to the process-exit port, which here records the call instead of halting.
 */
class BackgroundTasksTest {

  private record Halt(String where, Throwable error) {}

  private final List<Halt> halts = new CopyOnWriteArrayList<>();
  private final Fatal recorder = (where, error) -> halts.add(new Halt(where, error));
  private final ThrowingStore store = new ThrowingStore();
  private final InMemoryRootChain chain = TestChain.rootChain(0);
  private NodeHarness h;

  private void start() {
    h = NodeHarness.start(
        chain,
        store,
        NodeHarness.config(Path.of("unused"), 100, 0)
            .withBlocks(Duration.ofMillis(100), 100)
            .withRootChainFollowing(0, Duration.ofMillis(100), 0)
            .withFatal(recorder),
        b -> b);
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static boolean writesBlock(WriteBatch batch, long blkNum) {
    byte[] key = Columns.BLOCK.storageKey(blkNum);
    return batch.ops().stream().anyMatch(op -> Arrays.equals(op.key(), key));
  }

  private OutputPosition fundedDeposit() {
    OutputPosition dep = chain.deposit(ALICE.address(), ETH, 1000);
    await(
        "the deposit is followed",
        () -> !h.node.queries().utxos(ALICE.address()).isEmpty());
    return dep;
  }

  @Test
  void anErrorInBlockFormationIsSurvivedAndBlocksKeepForming() {
    start();
    OutputPosition dep = fundedDeposit();
    store.failNextCommit(
        b -> writesBlock(b, 1000), new LinkageError("simulated: a class failed to load"));
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).isOk()).isTrue();

    await(
        "block 1000 forms after the failed attempt",
        () -> h.node.queries().lastFormedBlock() == 1000);
    assertThat(store.armed()).as("the error was thrown").isFalse();
    assertThat(task(BlockProducer.TASK).failures()).isGreaterThanOrEqualTo(1);
    assertThat(task(LedgerWriter.TASK).failures()).isGreaterThanOrEqualTo(1);
    assertThat(h.node.queries().block(1000).orElseThrow().signedTxs())
        .hasSize(2); // the payment and the fee
    await("healthy again", () -> task(BlockProducer.TASK).healthy());
    assertThat(halts).isEmpty();
  }

  @Test
  void outOfMemoryInBlockFormationCallsTheProcessExit() {
    start();
    OutputPosition dep = fundedDeposit();
    store.failNextCommit(
        b -> writesBlock(b, 1000), new OutOfMemoryError("simulated: Java heap space"));
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).isOk()).isTrue();

    await("the process exit is called", () -> !halts.isEmpty());
    assertThat(halts.getFirst().where()).isEqualTo(LedgerWriter.TASK);
    assertThat(halts.getFirst().error()).isInstanceOf(OutOfMemoryError.class);
    // the recorder does not halt, so this node goes on: nothing acknowledged was lost, the block
    // forms
    await("block 1000 forms", () -> h.node.queries().lastFormedBlock() == 1000);
  }

  @Test
  void anErrorInTheRootChainFollowerIsSurvivedAndDepositsAreStillFollowed() {
    start();
    fundedDeposit();
    chain.failNextRead(new AssertionError("simulated: a broken invariant"));
    chain.deposit(BOB.address(), ETH, 700);
    await("the follower failed once", () -> task(OperatorNode.FOLLOWER_TASK).failures() >= 1);
    await(
        "Bob's deposit is followed",
        () -> !h.node.queries().utxos(BOB.address()).isEmpty());
    assertThat(task(OperatorNode.FOLLOWER_TASK).healthy()).isTrue();
    assertThat(halts).isEmpty();
  }

  @Test
  void outOfMemoryInTheSubmitterCallsTheProcessExitAndTheBlockIsStillSubmitted() {
    start();
    OutputPosition dep = fundedDeposit();
    chain.failSubmitOnce = new OutOfMemoryError("simulated: Java heap space");
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).isOk()).isTrue();
    await("the process exit is called", () -> !halts.isEmpty());
    assertThat(halts.getFirst().where()).isEqualTo(OperatorNode.SUBMITTER_TASK);
    await(
        "block 1000 is submitted on a later poll", () -> chain.submittedRoots().containsKey(1000L));
  }

  @Test
  void healthIsServedOverJsonRpc() throws Exception {
    start();
    fundedDeposit();
    chain.failNextRead(new AssertionError("simulated"));
    chain.deposit(BOB.address(), ETH, 700);
    await("the follower failed once", () -> task(OperatorNode.FOLLOWER_TASK).failures() >= 1);
    var health = new RpcHttp(h).post(RpcHttp.call("plasma_getHealth", "[]")).get("result");
    assertThat(health.get("tasks").findValuesAsText("task"))
        .contains(
            BlockProducer.TASK,
            OperatorNode.FOLLOWER_TASK,
            OperatorNode.SUBMITTER_TASK,
            OperatorNode.POLLER_TASK);
    boolean sawFailure = false;
    for (var t : health.get("tasks")) {
      if (t.get("task").asText().equals(OperatorNode.FOLLOWER_TASK)) {
        sawFailure =
            t.get("failures").asLong() >= 1 && t.get("lastError").asText().contains("simulated");
      }
    }
    assertThat(sawFailure).isTrue();
  }

  private TaskHealth task(String name) {
    return h.node.health().stream()
        .filter(t -> t.task().equals(name))
        .findFirst()
        .orElse(new TaskHealth(name, 0, 0, 0, 0, 0, ""));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
