package org.plasma4j.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.operator.testing.TestChain.ALICE;
import static org.plasma4j.operator.testing.TestChain.BOB;
import static org.plasma4j.operator.testing.TestChain.ETH;
import static org.plasma4j.operator.testing.TestChain.pay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.api.RpcError;
import org.plasma4j.core.testing.InMemoryRootChain;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.types.BlockNumbers;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.node.storage.InMemoryStore;
import org.plasma4j.node.storage.WriteBatch;
import org.plasma4j.operator.chain.BlockSubmitter;
import org.plasma4j.operator.testing.NodeHarness;
import org.plasma4j.operator.testing.RpcHttp;
import org.plasma4j.operator.testing.TestChain;

/**
 * The last child block (docs/protocol.md section 1): the operator forms and submits it, then takes
 * no transaction that no block could carry, forms no block the framework would refuse, and never
 * retries one.
 */
class PositionSpaceTest {
  private static final long LAST = BlockNumbers.LAST_CHILD_BLOCK;

  private NodeHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  /** A node whose chain has taken every child block before {@code next}, as has the node itself. */
  private NodeHarness nodeAt(long next) {
    InMemoryStore store = new InMemoryStore();
    long last = next - BlockNumbers.CHILD_BLOCK_INTERVAL;
    store.commit(new WriteBatch()
        .put(Columns.META, Columns.Meta.LAST_FORMED_BLOCK, last)
        .put(Columns.META, Columns.Meta.LAST_SUBMITTED_BLOCK, last));
    InMemoryRootChain chain = TestChain.rootChain(0);
    chain.startAt(next);
    return NodeHarness.start(chain, store, NodeHarness.config(Path.of("unused"), 100, 0), b -> b);
  }

  @Test
  void theLastChildBlockIsFormedAndSubmittedThenIntakeIsRefusedWithItsOwnCode() throws Exception {
    h = nodeAt(LAST);
    OutputPosition dep = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
    SignedTransaction toBob = pay(ALICE, dep, 1000, BOB.address(), 500);
    assertThat(h.send(toBob).isOk())
        .as("the last child block still takes transactions")
        .isTrue();
    assertThat(h.formBlock().blkNum()).isEqualTo(LAST);
    h.node.pollRootChain();
    assertThat(h.chain.submittedRoots()).containsKey(LAST);
    assertThat(h.node.submitter().lastSubmitted()).isEqualTo(LAST);

    OutputPosition bobs = OutputPosition.of(LAST, 0, 0);
    SignedTransaction spend = pay(BOB, bobs, 500, ALICE.address(), 100);
    JsonNode r = new RpcHttp(h)
        .post(RpcHttp.call("plasma_sendTransaction", "[\"" + Hex.encode(spend.encode()) + "\"]"));
    assertThat(r.path("error").path("code").asInt())
        .as(r.toString())
        .isEqualTo(RpcError.POSITION_SPACE_EXHAUSTED.code());
    assertThat(RpcError.POSITION_SPACE_EXHAUSTED.code()).isEqualTo(-32035);
    assertThat(r.path("error").path("message").asText()).contains(String.valueOf(LAST));
    assertThat(h.node.writer().call(Ledger::pendingCount).join())
        .as("nothing stored")
        .isZero();
    assertThat(h.node.queries().utxos(BOB.address()))
        .extracting(LedgerQueries.Utxo::position)
        .containsExactly(bobs);
    assertThat(h.node.writer().formBlock().join()).as("no block past the last").isEmpty();

    // a deposit after the last child block is still followed: its owner exits it
    OutputPosition late = h.chain.deposit(ALICE.address(), ETH, 7);
    h.node.pollRootChain();
    assertThat(late.blkNum()).isEqualTo(LAST + 1);
    assertThat(h.node.queries().utxos(ALICE.address()))
        .extracting(LedgerQueries.Utxo::position)
        .contains(late);
    assertThat(h.send(pay(ALICE, late, 7, BOB.address(), 1)).rejection())
        .isEqualTo(TxRejection.POSITION_SPACE_EXHAUSTED);
    assertThat(h.chain.sentNonces).as("one submission, the last block's").hasSize(1);
  }

  @Test
  void theBlockBeforeTheLastStillTakesTransactions() {
    h = nodeAt(LAST - BlockNumbers.CHILD_BLOCK_INTERVAL);
    OutputPosition dep = h.chain.deposit(ALICE.address(), ETH, 1000);
    h.node.pollRootChain();
    assertThat(h.node.writer().call(Ledger::positionSpaceExhausted).join()).isFalse();
    assertThat(h.send(pay(ALICE, dep, 1000, BOB.address(), 500)).isOk()).isTrue();
    assertThat(h.formBlock().blkNum()).isEqualTo(LAST - BlockNumbers.CHILD_BLOCK_INTERVAL);
  }

  @Test
  void aFormedBlockPastTheLastHaltsTheSubmitterWithoutSendingIt() {
    InMemoryStore store = new InMemoryStore();
    long past = LAST + BlockNumbers.CHILD_BLOCK_INTERVAL;
    store.commit(new WriteBatch()
        .put(Columns.META, Columns.Meta.LAST_SUBMITTED_BLOCK, LAST)
        .put(Columns.BLOCK, past, new BlockRecord(past, Bytes32.ofUint(1), 1, 0)));
    InMemoryRootChain chain = TestChain.rootChain(0);
    chain.startAt(past);
    BlockSubmitter submitter = new BlockSubmitter(
        store,
        chain,
        chain,
        new BlockSubmitter.Settings(BigInteger.valueOf(100_000_000_000L), 3, 0));
    for (int i = 0; i < 5; i++) {
      submitter.poll();
    }
    assertThat(submitter.haltReason())
        .get()
        .asString()
        .contains("position space exhausted")
        .contains(String.valueOf(past));
    assertThat(chain.sentNonces).as("never sent, never retried").isEmpty();
    assertThat(submitter.lastSubmitted()).isEqualTo(LAST);
  }
}
