package org.plasma4j.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.BlockCommitment;
import org.plasma4j.core.rootchain.LogPlace;
import org.plasma4j.core.rootchain.RootChain.ExitChallengedEvent;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.testing.TxBuilder;
import org.plasma4j.core.tx.FeeTransaction;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.advice.ExitAdvice;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.events.ByzantineEvent;

class WatcherNodeTest {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;
  static final KeyPair CAROL = DevKeys.ACCOUNT_4;

  final TestChain chain = new TestChain();

  static SignedTransaction pay(OutputPosition in, KeyPair owner, KeyPair to, long amount) {
    return TxBuilder.payment().input(in, owner).output(to, Address.ETH, amount).sign();
  }

  static SignedTransaction feeTx(long blkNum, KeyPair owner, long amount) {
    Transaction fee = FeeTransaction.build(
            blkNum, owner.address(), java.util.Map.of(Address.ETH, BigInteger.valueOf(amount)))
        .orElseThrow();
    return FeeTransaction.signedForm(fee, Fixtures.DOMAIN);
  }

  static List<String> types(WatcherNode w) {
    return w.byzantineEvents(0).stream().map(ByzantineEvent::type).toList();
  }

  @Test
  void validBlocksAreValidatedAndTheOwnerIsToldHowToExit() {
    OutputPosition dep = chain.deposit(ALICE, 100);
    long blk = chain.submit(pay(dep, ALICE, BOB, 90), feeTx(1000, CAROL, 10));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();

      WatcherStatus s = w.status();
      assertThat(s.lastValidatedBlock()).isEqualTo(blk);
      assertThat(s.lastValidBlock()).isEqualTo(blk);
      assertThat(s.firstBadBlock()).isZero();
      assertThat(w.byzantineEvents(0)).isEmpty();
      ExitAdvice bob = w.exitAdvice(BOB.address());
      assertThat(bob.standardExits()).hasSize(1);
      ExitAdvice.StandardExit e = bob.standardExits().get(0);
      assertThat(e.position()).isEqualTo(OutputPosition.of(blk, 0, 0).encode());
      assertThat(e.amount()).isEqualTo(BigInteger.valueOf(90));
      Bytes32 commitment = BlockCommitment.of(
          chain.l1.submitted().get(0).root(), chain.l1.submitted().get(0).timestamp());
      assertThat(new StandardExitData(
                  OutputPosition.decode(e.position()), e.txBytes(), e.proof(), e.blockTimestamp())
              .matches(commitment))
          .isTrue();
      assertThat(w.exitAdvice(ALICE.address()).standardExits()).isEmpty();
      assertThat(w.exitAdvice(CAROL.address()).standardExits())
          .extracting(ExitAdvice.StandardExit::amount)
          .containsExactly(BigInteger.TEN);
    }
  }

  @Test
  void aDoubleSpendMakesTheBlockInvalidAndLaterBlocksAreStillValidated() {
    OutputPosition a = chain.deposit(ALICE, 100);
    OutputPosition c = chain.deposit(CAROL, 50);
    long b1 = chain.submit(pay(a, ALICE, BOB, 90));
    long b2 = chain.submit(pay(a, ALICE, ALICE, 90), pay(c, CAROL, BOB, 40));
    long b3 = chain.submit(pay(OutputPosition.of(b2, 1, 0), BOB, CAROL, 30));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();

      assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo("invalid_block");
        assertThat(e.details())
            .containsEntry("blkNum", "2000")
            .containsEntry("error", "invalid_tx:SPENT_INPUT")
            .containsEntry("txIndex", "0");
        assertThat(e.logLine())
            .startsWith(
                "byzantine_event seq=1 type=invalid_block blkNum=2000 error=invalid_tx:SPENT_INPUT txIndex=0");
      });
      WatcherStatus s = w.status();
      assertThat(s.lastValidatedBlock()).isEqualTo(b3);
      assertThat(s.lastValidBlock()).isEqualTo(b3);
      assertThat(s.firstBadBlock()).isEqualTo(b2);
      assertThat(s.invalidBlocks()).containsExactly(b2);
      // Bob's output of block 1000 is safe to exit; Carol's of block 3000 comes after the invalid
      // block
      assertThat(w.exitAdvice(BOB.address()).standardExits())
          .extracting(ExitAdvice.StandardExit::position)
          .containsExactly(OutputPosition.of(b1, 0, 0).encode());
      assertThat(w.exitAdvice(CAROL.address()).standardExits()).isEmpty();
    }
  }

  @Test
  void anOutputThatNothingFundsMakesTheBlockInvalid() {
    OutputPosition a = chain.deposit(ALICE, 100);
    chain.submit(
        TxBuilder.payment().input(a, ALICE).output(BOB, Address.ETH, 1_000).sign());
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0))
          .singleElement()
          .satisfies(e ->
              assertThat(e.details()).containsEntry("error", "invalid_tx:AMOUNTS_DO_NOT_BALANCE"));
    }
  }

  @Test
  void aFeeTransactionMintingMoreThanTheFeesMakesTheBlockInvalid() {
    OutputPosition a = chain.deposit(ALICE, 100);
    chain.submit(pay(a, ALICE, BOB, 90), feeTx(1000, CAROL, 1_000_000));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
        assertThat(e.details())
            .containsEntry("error", "invalid_fee_tx")
            .containsEntry("txIndex", "1");
      });
      assertThat(w.exitAdvice(CAROL.address()).standardExits()).isEmpty();
    }
  }

  @Test
  void aCommittedMalformedTransactionIsReportedAndValidationGoesOn() {
    OutputPosition a = chain.deposit(ALICE, 100);
    Transaction zero = Transaction.payment(
        List.of(a), List.of(new Output(BOB.address(), Address.ETH, BigInteger.ZERO)));
    SignedTransaction bad =
        org.plasma4j.core.tx.TransactionSigner.sign(zero, Fixtures.DOMAIN, ALICE.privateKey());
    chain.submit(TestChain.rootOf(zero.encode()), List.of(bad.encoded()));
    long b2 = chain.submit(pay(a, ALICE, BOB, 90));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
        assertThat(e.details())
            .containsEntry("blkNum", "1000")
            .containsEntry("error", "malformed_tx");
      });
      assertThat(w.status().lastValidatedBlock()).isEqualTo(b2);
      assertThat(w.status().lastValidBlock()).isEqualTo(b2);
    }
  }

  @Test
  void aBodyNotMatchingItsRootIsReportedThenWithheldUntilTheRealOneIsServed() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction real = pay(a, ALICE, BOB, 90);
    long blk = chain.submit(real);
    chain.operator.blocks.put(blk, List.of(pay(a, ALICE, CAROL, 90).encoded()));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo("invalid_block");
        assertThat(e.details()).containsEntry("error", "mismatched_root");
      });
      assertThat(w.status().lastValidatedBlock()).isZero();

      chain.clock.addAndGet(30_000);
      w.pollOnce();
      assertThat(types(w)).containsExactly("invalid_block", "block_withholding");
      assertThat(w.status().withheldBlocks()).containsExactly(blk);

      chain.operator.blocks.put(blk, List.of(real.encoded()));
      w.pollOnce();
      assertThat(w.status().lastValidatedBlock()).isEqualTo(blk);
      assertThat(w.status().withheldBlocks()).isEmpty();
      assertThat(w.byzantineEvents(0)).hasSize(2);
    }
  }

  @Test
  void aBodyNotMatchingItsRootIsFetchedAgainFromAMirrorBeforeAnythingIsReported() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction real = pay(a, ALICE, BOB, 90);
    long blk = chain.submit(real);
    FakeOperator mirror = new FakeOperator(TestChain.FEES);
    mirror.blocks.put(blk, List.of(real.encoded()));
    chain.operator.blocks.put(
        blk, List.of(pay(a, ALICE, CAROL, 90).encoded())); // a stale or tampered answer
    try (WatcherNode w = chain.watcher(chain.config(), chain.operator, List.of(mirror))) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).isEmpty();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
    }
  }

  @Test
  void aBodyNotMatchingItsRootOnceIsFetchedAgainFromTheOperatorBeforeAnythingIsReported() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction real = pay(a, ALICE, BOB, 90);
    long blk = chain.submit(real);
    chain.operator.firstAnswers.put(blk, List.of(pay(a, ALICE, CAROL, 90).encoded()));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).isEmpty();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk);
    }
  }

  @Test
  void theNextBlockIsFetchedWhileOneIsJudgedAndOnlyABodyMatchingItsRootIsUsed() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction first = pay(a, ALICE, BOB, 90);
    long blk1 = chain.submit(first);
    OutputPosition b = OutputPosition.of(blk1, 0, 0);
    long blk2 = chain.submit(pay(b, BOB, CAROL, 80));
    long blk3 = chain.submit(pay(OutputPosition.of(blk2, 0, 0), CAROL, ALICE, 70));
    // the answer fetched ahead for the third block is tampered with; the second is honest
    chain.operator.firstAnswers.put(blk3, List.of(pay(b, BOB, ALICE, 80).encoded()));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();

      assertThat(w.status().lastValidBlock()).isEqualTo(blk3);
      assertThat(w.byzantineEvents(0)).isEmpty();
      // the second block came only from the fetch ahead; the third's tampered answer ahead was
      // dropped and the block fetched again the usual way
      assertThat(chain.operator.asked)
          .filteredOn(s -> s.startsWith(blk2 + "@"))
          .containsExactly(blk2 + "@watcher-prefetch");
      assertThat(chain.operator.asked)
          .filteredOn(s -> s.startsWith(blk3 + "@"))
          .hasSize(2)
          .first()
          .isEqualTo(blk3 + "@watcher-prefetch");
    }
  }

  @Test
  void aNextBlockTheOperatorWithholdsAheadIsAskedForAgainAndCountsAsWithheldOnlyThen() {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk1 = chain.submit(pay(a, ALICE, BOB, 90));
    long blk2 = chain.submit(pay(OutputPosition.of(blk1, 0, 0), BOB, CAROL, 80));
    List<Bytes> second = chain.operator.blocks.remove(blk2);
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk1);
      assertThat(chain.operator.asked)
          .filteredOn(s -> s.startsWith(blk2 + "@"))
          .containsExactly(blk2 + "@watcher-prefetch", blk2 + "@main");
      assertThat(w.byzantineEvents(0)).isEmpty();

      chain.operator.blocks.put(blk2, second);
      w.pollOnce();
      assertThat(w.status().lastValidBlock()).isEqualTo(blk2);
      assertThat(w.byzantineEvents(0)).isEmpty();
    }
  }

  @Test
  void aFrozenOperatorRpcForAMinuteRaisesNoWithholdingAndTheApiKeepsServing() throws Exception {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(pay(a, ALICE, BOB, 90));
    chain.operator.down = true;
    try (WatcherNode w = chain.watcher()) {
      for (int second = 0;
          second <= 60;
          second++) { // a minute of one poll per second, on the simulated clock
        w.pollOnce();
        chain.clock.addAndGet(1_000);
      }
      assertThat(w.byzantineEvents(0)).isEmpty();
      assertThat(w.status().withheldBlocks()).isEmpty();
      assertThat(w.health())
          .filteredOn(t -> t.task().equals(WatcherNode.OPERATOR_TASK))
          .singleElement()
          .satisfies(t -> assertThat(t.healthy()).isFalse());

      String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"watcher_getHealth\",\"params\":[]}";
      HttpResponse<String> r = HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.rpcPort()))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("\"healthy\":false").contains("\"task\":\"operator-rpc\"");

      chain.operator.down = false; // the outage ends: the block is validated, nothing was reported
      chain.clock.addAndGet(30_000); // past any backoff
      w.pollOnce();
      assertThat(w.status().lastValidatedBlock()).isEqualTo(blk);
      assertThat(w.byzantineEvents(0)).isEmpty();
      assertThat(w.health()).allSatisfy(t -> assertThat(t.healthy()).isTrue());
    }
  }

  @Test
  void anOperatorSilentForTheSilenceTimeoutIsWithholding() {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(pay(a, ALICE, BOB, 90));
    chain.operator.down = true;
    try (WatcherNode w =
        chain.watcher(chain.config().withOperatorSilenceTimeout(java.time.Duration.ofMinutes(5)))) {
      long start = chain.clock.get();
      while (chain.clock.get() - start < 5 * 60_000 - 1_000) {
        w.pollOnce();
        chain.clock.addAndGet(1_000);
      }
      assertThat(w.byzantineEvents(0)).isEmpty();
      chain.clock.set(
          start + 5 * 60_000 + 30_000); // past the silence timeout and the longest backoff
      w.pollOnce();
      // the deposit is still safe to exit
      TestChain.assertWithheld(w, blk, "silent", ALICE, a.encode());
    }
  }

  @Test
  void anOperatorThatAnswersButDoesNotServeABlockIsWithholdingAfterTheTimeout() {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(pay(a, ALICE, BOB, 90));
    chain.operator.blocks.remove(blk); // committed on the root chain, NOT_FOUND from the operator
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      chain.clock.addAndGet(29_999);
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).isEmpty();
      chain.clock.addAndGet(1);
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo("block_withholding");
        assertThat(e.details())
            .containsEntry("blkNum", Long.toString(blk))
            .containsEntry("evidence", "refused");
      });
    }
  }

  @Test
  void anOperatorThatHangsOnOneBlockButAnswersTheProbeIsWithholdingAfterTheTimeout() {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(pay(a, ALICE, BOB, 90));
    var hangsOnOne = new org.plasma4j.watcher.childchain.OperatorBlocks() {
      @Override
      public List<Bytes> block(long blkNum) throws org.plasma4j.watcher.childchain.FetchException {
        throw new org.plasma4j.watcher.childchain.FetchException(
            org.plasma4j.watcher.childchain.FetchException.Kind.TIMEOUT,
            "no answer within 2000 ms");
      }

      @Override
      public org.plasma4j.core.state.FeeSchedule feeSchedule() {
        return TestChain.FEES;
      }

      @Override
      public long blockNumber() {
        return blk;
      }
    };
    try (WatcherNode w = chain.watcher(chain.config(), hangsOnOne)) {
      w.pollOnce();
      chain.clock.addAndGet(30_000);
      w.pollOnce();
      assertThat(w.byzantineEvents(0))
          .singleElement()
          .satisfies(e -> assertThat(e.details())
              .containsEntry("evidence", "refused")
              .containsEntry("blkNum", Long.toString(blk)));
    }
  }

  @Test
  void errorsInsideThePollLoopAreSurvivedAndOutOfMemoryEndsTheProcess() throws Exception {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(pay(a, ALICE, BOB, 90));
    List<String> halts = new java.util.concurrent.CopyOnWriteArrayList<>();
    chain.operator.errorOnce = new OutOfMemoryError("simulated: Java heap space");
    WatcherConfig config = chain.config().withFollowing(0, java.time.Duration.ofMillis(50), 0);
    try (WatcherNode w = new WatcherNode(
        config,
        chain.l1,
        chain.operator,
        java.util.Optional.empty(),
        chain.store,
        chain.clock::get,
        (where, e) -> halts.add(where))) {
      w.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (w.status().lastValidatedBlock() != blk && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(halts).containsExactly(WatcherNode.VALIDATION_TASK);
      assertThat(w.status().lastValidatedBlock())
          .as("validated on a later poll")
          .isEqualTo(blk);

      long blk2 = chain.submit(pay(OutputPosition.of(blk, 0, 0), BOB, CAROL, 80));
      chain.operator.errorOnce = new AssertionError("simulated: a broken invariant");
      while (w.status().lastValidatedBlock() != blk2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(w.status().lastValidatedBlock()).isEqualTo(blk2);
      assertThat(halts).hasSize(1);
      assertThat(w.health())
          .filteredOn(t -> t.task().equals(WatcherNode.VALIDATION_TASK))
          .singleElement()
          .satisfies(t -> assertThat(t.failures()).isEqualTo(2));
    }
  }

  @Test
  void anOperatorStreamingAnEndlessAnswerIsWithholdingAndTheWatcherKeepsServing() throws Exception {
    OutputPosition a = chain.deposit(ALICE, 100);
    long blk = chain.submit(pay(a, ALICE, BOB, 90));
    com.sun.net.httpserver.HttpServer endless =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 4);
    endless.createContext("/", ex -> {
      try (ex) {
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) '[');
        while (true) {
          ex.getResponseBody().write(chunk);
        }
      } catch (java.io.IOException hungUp) {
        // the watcher stopped reading at its limit
      }
    });
    endless.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    endless.start();
    var op = new org.plasma4j.watcher.childchain.JsonRpcOperatorBlocks(
        URI.create("http://127.0.0.1:" + endless.getAddress().getPort()),
        java.time.Duration.ofSeconds(2),
        256 * 1024);
    try (WatcherNode w = chain.watcher(chain.config(), op)) {
      w.pollOnce();
      chain.clock.addAndGet(30_000);
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo("block_withholding");
        assertThat(e.details()).containsEntry("blkNum", Long.toString(blk));
        assertThat(e.details().get("reason")).startsWith("too_large");
      });
      HttpResponse<String> r = HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.rpcPort()))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"watcher_byzantineEvents\",\"params\":[0]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("\"type\":\"block_withholding\"");
    } finally {
      endless.stop(0);
    }
  }

  @Test
  void anExitOfASpentOutputIsReportedChallengedAndThenUnchallengedNearItsDeadline() {
    OutputPosition a = chain.deposit(ALICE, 100);
    SignedTransaction spend = pay(a, ALICE, BOB, 90);
    chain.submit(spend);
    long exitableAt = chain.l1.headTimestamp() + TestChain.MEP;
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        exitableAt,
        LogPlace.inBlock(chain.l1.mine())));
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo("invalid_exit");
        assertThat(e.details())
            .containsEntry("kind", "standard")
            .containsEntry("position", a.toString())
            .containsEntry("spentBy", spend.txHash().toString());
      });
      assertThat(chain.challenger.sent)
          .singleElement()
          .isInstanceOfSatisfying(ChallengeTask.StandardExitChallenge.class, c -> {
            assertThat(c.data().position()).isEqualTo(a);
            assertThat(c.data().spendingTxBytes()).isEqualTo(Bytes.wrap(spend.txBytes()));
            assertThat(c.data().inputIndex()).isZero();
            assertThat(c.data().signature()).isEqualTo(spend.signatures().get(0));
          });
      assertThat(w.status().challengesSent()).isEqualTo(1);

      chain.l1.setHeadTimestamp(exitableAt - 600);
      w.pollOnce();
      assertThat(types(w)).containsExactly("invalid_exit", "unchallenged_exit");
      assertThat(chain.challenger.sent).hasSize(1); // sent once

      chain.l1.append(new ExitChallengedEvent(
          a.encode(), chain.challenger.address, LogPlace.inBlock(chain.l1.mine())));
      chain.l1.setHeadTimestamp(exitableAt + 1);
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).hasSize(2);
    }
  }

  @Test
  void aRestartResumesWithoutReportingOldEventsAgain() {
    OutputPosition a = chain.deposit(ALICE, 100);
    chain.submit(pay(a, ALICE, BOB, 90));
    long b2 = chain.submit(pay(a, ALICE, CAROL, 90));
    chain.l1.append(new ExitStartedEvent(
        a.encode(),
        ALICE.address(),
        Address.ETH,
        BigInteger.valueOf(100),
        chain.l1.headTimestamp() + TestChain.MEP,
        LogPlace.inBlock(chain.l1.mine())));
    WatcherStatus before;
    List<ByzantineEvent> events;
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      before = w.status();
      events = w.byzantineEvents(0);
      assertThat(events)
          .extracting(ByzantineEvent::type)
          .containsExactly("invalid_block", "invalid_exit");
    }
    chain.operator.down = true; // everything must come from the store
    try (WatcherNode w = chain.watcher()) {
      assertThat(w.status().lastValidatedBlock()).isEqualTo(b2);
      w.pollOnce();
      assertThat(w.byzantineEvents(0)).isEqualTo(events);
      WatcherStatus after = w.status();
      assertThat(after.syncedL1Block()).isEqualTo(before.syncedL1Block());
      assertThat(after.lastValidatedBlock()).isEqualTo(before.lastValidatedBlock());
      assertThat(after.firstBadBlock()).isEqualTo(before.firstBadBlock());
      assertThat(after.invalidBlocks()).isEqualTo(before.invalidBlocks());
    }
  }

  @Test
  void aRootChainReorgDropsTheEventsItRemovedAndTheStateFollows() {
    OutputPosition a = chain.deposit(ALICE, 100);
    long reorgedBlock = chain.l1.headBlockNumber();
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce();
      assertThat(w.exitAdvice(ALICE.address()).standardExits()).hasSize(1);

      chain.l1.reorgFrom(reorgedBlock);
      chain.l1.mine();
      w.pollOnce();
      assertThat(w.exitAdvice(ALICE.address()).standardExits()).isEmpty();
      assertThat(w.status().syncedL1Block()).isEqualTo(chain.l1.headBlockNumber());
      assertThat(a.blkNum()).isEqualTo(1);
    }
  }

  @Test
  void aReorgBelowACheckpointRollsTheWatcherBackToTheNewestCanonicalOne() {
    chain.deposit(ALICE, 100);
    try (WatcherNode w = chain.watcher()) {
      w.pollOnce(); // a checkpoint at the first deposit's block
      long kept = chain.l1.headBlockNumber();
      chain.deposit(ALICE, 200);
      w.pollOnce();
      chain.deposit(ALICE, 300);
      w.pollOnce(); // three checkpoints
      assertThat(w.exitAdvice(ALICE.address()).standardExits()).hasSize(3);

      // the two later checkpoints' blocks are replaced by empty ones
      chain.l1.reorgFrom(kept + 1);
      w.pollOnce();

      assertThat(w.exitAdvice(ALICE.address()).standardExits())
          .singleElement()
          .satisfies(e -> assertThat(e.amount()).isEqualTo(BigInteger.valueOf(100)));
      assertThat(w.status().syncedL1Block()).isEqualTo(chain.l1.headBlockNumber());
    }
  }

  @Test
  void eventsWaitForTheirConfirmations() {
    chain.deposit(ALICE, 100);
    try (WatcherNode w =
        chain.watcher(chain.config().withFollowing(3, java.time.Duration.ofSeconds(1), 0))) {
      w.pollOnce();
      assertThat(w.exitAdvice(ALICE.address()).standardExits()).isEmpty();
      chain.l1.mine();
      chain.l1.mine();
      chain.l1.mine();
      w.pollOnce();
      assertThat(w.exitAdvice(ALICE.address()).standardExits()).hasSize(1);
    }
  }

  static Signature sig(SignedTransaction t) {
    return t.signatures().get(0);
  }
}
