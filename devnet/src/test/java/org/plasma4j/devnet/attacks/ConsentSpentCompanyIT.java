package org.plasma4j.devnet.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.devnet.attacks.AttackHarness.ALICE;
import static org.plasma4j.devnet.attacks.AttackHarness.COPYCAT;
import static org.plasma4j.devnet.attacks.AttackHarness.ETHER;
import static org.plasma4j.devnet.attacks.AttackHarness.MALLORY;
import static org.plasma4j.devnet.attacks.AttackHarness.MIN_EXIT_PERIOD;
import static org.plasma4j.devnet.attacks.AttackHarness.PROCESSOR;
import static org.plasma4j.devnet.attacks.AttackHarness.WATCHER;
import static org.plasma4j.devnet.attacks.AttackHarness.address;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.InFlightExitGame;
import org.plasma4j.contracts.generated.RevertingReceiver;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.InFlightExitId;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitOutputChallenged;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.devnet.Devnet;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.GameAddresses;
import org.plasma4j.wallet.MassExitConsent;
import org.plasma4j.wallet.PlasmaWallet;
import org.plasma4j.wallet.RootChainActions.Deposit;
import org.plasma4j.wallet.RootChainActions.MassExit;
import org.plasma4j.watcher.events.EventType;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * A consented batch beside an output its initiator spent in flight. Alice consents to mallory's
 * batch, vouching for the blocks up to her deposit's. Mallory puts her own 5 ETH deposit, of a
 * block alice vouched for, beside alice's output, and has also signed a transaction spending that
 * deposit to her accomplice (the copycat account), which nobody includes: the accomplice exits it
 * in flight and piggybacks its output. The in-flight exit is processed first, takes the 5 ETH and
 * marks the deposit exited; the batch would then ask the vault for 6 ETH, find it holding 1, and
 * pay alice nothing.
 *
 * <p>Defence: the in-flight exit publishes the spend and its input's signature in its
 * {@code InFlightExitStarted} event, however it was started: by the accomplice directly, or through
 * a relay contract the accomplice deployed (whose call the watcher never reads). The watcher takes
 * it as mallory's signed spend of her deposit, reports her leaf {@code invalid_exit} and challenges
 * it; the leaf's bond goes to the watcher and its amount leaves the batch, which asks the vault
 * only for alice's 1 ETH and pays it to her in full.
 */
class ConsentSpentCompanyIT extends AttackTest {

  private static final BigInteger FIVE = ETHER.multiply(BigInteger.valueOf(5));

  @Test
  void aConsentedOutputBesideALeafSpentInFlightIsPaidInFullOnceTheWatcherChallengesTheLeaf() {
    run(false);
  }

  @Test
  void theWatcherStillChallengesWhenTheInFlightExitIsStartedThroughAnotherContract() {
    run(true);
  }

  private void run(boolean throughRelay) {
    BalanceBook book = book(ALICE, MALLORY, COPYCAT, PROCESSOR, WATCHER);
    PlasmaWallet alice = h.wallet(ALICE);
    PlasmaWallet mallory = h.wallet(MALLORY);
    PlasmaWallet accomplice = h.wallet(COPYCAT);

    Deposit mallorys = h.deposit(MALLORY, FIVE);
    Deposit alices = h.deposit(ALICE, ETHER);
    book.debit(address(MALLORY), "deposit", FIVE);
    book.debit(address(ALICE), "deposit", ETHER);
    long maxBlock = OutputPosition.decode(alices.position()).blkNum();
    MassExitConsent consent = alice.consentToMassExit(
        alices.position(), address(MALLORY), h.l1Timestamp() + MIN_EXIT_PERIOD, maxBlock);

    // mallory spends her deposit to her accomplice in a transaction nobody includes; it exits in
    // flight
    SignedTransaction spend = mallory.sign(Transaction.payment(
        List.of(OutputPosition.decode(mallorys.position())),
        List.of(new Output(address(COPYCAT), Address.ETH, FIVE))));
    if (throughRelay) {
      Address relay = startThroughRelay(accomplice.inFlightExitData(spend));
      book.open("relay", relay);
      book.debit(
          address(COPYCAT), "in-flight exit bond, sent through the relay", h.inFlightExitBond());
      book.credit(
          relay,
          "in-flight exit bond refund, to the relay (the exit's initiator)",
          h.inFlightExitBond());
      assertThat(h.games()
              .events(0, h.anvil().blockNumber(), ExitGameEvents.InFlightExitStarted.class))
          .singleElement()
          .satisfies(e -> {
            assertThat(e.initiator()).as("the relay started it").isEqualTo(relay);
            assertThat(e.inputSignatures())
                .as("the signature, from the event alone")
                .containsExactly(spend.signatures().get(0).bytes());
          });
    } else {
      accomplice.startInFlightExit(spend);
      h.expectUnchallengedInFlightExit(COPYCAT);
    }
    accomplice.piggybackOutput(spend.tx(), 0);
    h.expectPaidPiggyback(COPYCAT, FIVE);

    // then she batches the deposit with alice's consented output: both of blocks alice vouched for
    MassExit batch = mallory.massExit(Address.ETH, List.of(mallorys.position()), List.of(consent));
    assertThat(batch.leaves())
        .extracting(l -> l.owner())
        .containsExactly(address(MALLORY), address(ALICE));
    book.debit(address(MALLORY), "mass exit bonds", h.massExitBond().multiply(BigInteger.TWO));

    h.watch(); // finds the spend, commits the challenge
    h.watch(); // reveals it a block later
    assertThat(h.reported(EventType.INVALID_EXIT))
        .singleElement()
        .satisfies(e -> assertThat(e.details())
            .containsEntry("kind", "mass")
            .containsEntry("batchId", batch.batchId().toString())
            .containsEntry("leafIndex", "0")
            .containsEntry("owner", address(MALLORY).toHex())
            .containsEntry("spentBy", spend.txHash().toHex())
            .containsEntry("spentAt", "in_flight:" + InFlightExitId.of(spend.txBytes())));
    List<MassExitOutputChallenged> challenged =
        h.games().events(0, h.anvil().blockNumber(), ExitGameEvents.MassExitOutputChallenged.class);
    assertThat(challenged).singleElement().satisfies(c -> {
      assertThat(c.batchId()).isEqualTo(batch.batchId());
      assertThat(c.leafIndex()).isZero();
      assertThat(c.challenger()).isEqualTo(address(WATCHER));
    });
    book.credit(address(WATCHER), "bond of mallory's challenged leaf", h.massExitBond());
    assertThat(h.massExits(PROCESSOR).massExit(batch.batchId()).remaining())
        .as("the batch asks only for alice's output")
        .isEqualTo(ETHER);

    h.exitPeriodPasses();
    FrameworkClient processor = h.l1(PROCESSOR);
    processor.processExits(Address.ETH, 10);
    assertThat(processor.exitQueueLength(Address.ETH)).isZero();
    book.credit(
        address(PROCESSOR),
        "bounties: the piggyback and alice's leaf",
        h.ifeProcessBounty().add(h.massExitBounty()));
    book.credit(
        address(MALLORY),
        "bond refund of alice's unchallenged leaf (bond − process bounty)",
        h.massExitBond().subtract(h.massExitBounty()));
    alice.withdrawMassExit(batch);
    book.credit(address(ALICE), "her consented output, in full", ETHER);
    assertThat(book.balance(h.devnet().framework()))
        .as("the vault paid exactly what it held")
        .isZero();
    assertThat(h.withdrawable(address(ALICE))).isZero();

    book.assertAllWhole();
  }

  /**
   * The accomplice deploys a relay (a contract that calls any contract) and starts the in-flight
   * exit through it, so the transaction the watcher could read is a call to the relay, not to the
   * game.
   */
  private Address startThroughRelay(InFlightExitData data) {
    try {
      var web3j = h.devnet().web3j();
      var key = Devnet.credentials(COPYCAT);
      RevertingReceiver relay =
          RevertingReceiver.deploy(web3j, key, new DefaultGasProvider()).send();
      relay.setRejecting(false).send();
      Address game = GameAddresses.of(web3j, h.devnet().framework()).inFlightExitGame();
      BigInteger bond = h.inFlightExitBond();
      String call = InFlightExitGame.load(game.toHex(), web3j, key, new DefaultGasProvider())
          .startInFlightExit(
              data.txBytes().toArray(),
              data.inputTxs().stream().map(b -> b.toArray()).toList(),
              data.inputPositions().stream().map(BigInteger::valueOf).toList(),
              data.inputProofs().stream().map(b -> b.toArray()).toList(),
              data.inputTimestamps().stream().map(BigInteger::valueOf).toList(),
              data.signatures().stream().map(b -> b.toArray()).toList(),
              bond)
          .encodeFunctionCall();
      var receipt = relay
          .execute(game.toHex(), org.web3j.utils.Numeric.hexStringToByteArray(call), bond, bond)
          .send();
      assertThat(receipt.isStatusOK()).isTrue();
      assertThat(Address.fromHex(receipt.getTo()))
          .isEqualTo(Address.fromHex(relay.getContractAddress()));
      return Address.fromHex(relay.getContractAddress());
    } catch (Exception e) {
      throw new AssertionError("cannot start the in-flight exit through a relay", e);
    }
  }
}
