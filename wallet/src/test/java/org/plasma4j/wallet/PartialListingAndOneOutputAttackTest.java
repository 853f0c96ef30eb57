package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;
import static org.plasma4j.wallet.TestKeys.ETH;
import static org.plasma4j.wallet.TestKeys.FRAMEWORK;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * A hostile operator against the wallet's two new reads: the one output {@code awaitSpendable} asks
 * for by position, and a listing cut at its pages bound that payments still spend from. The wallet
 * must take no other position or owner for the output waited on, and must pay from a partial
 * listing only the owner's listed outputs, each once, with its change back to the owner.
 */
class PartialListingAndOneOutputAttackTest {

  private static final long DEPOSIT = OutputPosition.of(5, 0, 0).encode();

  private final StubOperator operator = new StubOperator();
  private final OperatorClient client = new OperatorClient(URI.create(operator.url()));
  private final InMemoryActions rootChain = new InMemoryActions();
  private final PlasmaWallet wallet =
      new PlasmaWallet(WalletKey.fromHex(ALICE_KEY), client, rootChain);

  @AfterEach
  void stop() {
    operator.close();
  }

  private List<JsonNode> utxoRequests() {
    return operator.requests().stream()
        .filter(r -> r.get("method").asText().equals("plasma_getUtxos"))
        .map(r -> r.get("params"))
        .toList();
  }

  @Test
  void awaitSpendableTakesNeitherTheNextPositionNorAnotherOwnersOutputAtItsPosition() {
    // the next output (another index of a later block) in place of the one waited on
    long next = OutputPosition.of(6, 0, 0).encode();
    operator.on(
        "plasma_getUtxos", List.of(StubOperator.utxo(next, ALICE.toHex(), ETH, "1000000000")));
    assertThatThrownBy(() -> wallet.awaitSpendable(DEPOSIT, Duration.ofMillis(700)))
        .isInstanceOf(WalletException.Timeout.class)
        .hasMessageStartingWith("the operator did not credit output " + DEPOSIT + " within ");
    assertThat(utxoRequests()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.get(0).asText()).isEqualToIgnoringCase(ALICE.toHex());
      assertThat(p.get(1).asLong()).isEqualTo(DEPOSIT - 1);
      assertThat(p.get(2).asInt()).isEqualTo(1);
    });

    // the very position, listed as someone else's: a malformed answer, not a credit
    operator.on(
        "plasma_getUtxos", List.of(StubOperator.utxo(DEPOSIT, BOB.toHex(), ETH, "1000000000")));
    assertThatThrownBy(() -> wallet.awaitSpendable(DEPOSIT, Duration.ofSeconds(5)))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: [0].owner " + BOB + " is not the owner asked for, "
            + ALICE);

    // a position before it (the cursor going back): malformed too
    operator.on(
        "plasma_getUtxos",
        List.of(StubOperator.utxo(
            OutputPosition.of(4, 0, 0).encode(), ALICE.toHex(), ETH, "1000000000")));
    assertThatThrownBy(() -> wallet.awaitSpendable(DEPOSIT, Duration.ofSeconds(5)))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessage("malformed operator answer: [0].position 4000000 is not after " + (DEPOSIT - 1)
            + ": outputs repeat or go back");

    // the owner's output at the position: credited
    operator.on(
        "plasma_getUtxos", List.of(StubOperator.utxo(DEPOSIT, ALICE.toHex(), ETH, "1000000000")));
    Utxo credited = wallet.awaitSpendable(DEPOSIT, Duration.ofSeconds(5));
    assertThat(credited.position()).isEqualTo(DEPOSIT);
    assertThat(credited.owner()).isEqualTo(ALICE);
    assertThat(credited.amount()).isEqualTo(1_000_000_000);
  }

  /** Output {@code i} of an owner listed without end: 1,000 wei in block 1000(i+1). */
  private static Map<String, Object> output(long i) {
    return StubOperator.utxo(
        OutputPosition.of(1000 * (i + 1), 0, 0).encode(), ALICE.toHex(), ETH, "1000");
  }

  @Test
  void aPaymentFromAListingCutAtItsBoundSpendsListedOutputsOnceAndReturnsTheChange() {
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(FRAMEWORK.toHex()))
        .on("plasma_getFeeSchedule", Map.of(ETH, "1000"))
        .on("plasma_getUtxos", params -> {
          long after = params.get(1).asLong();
          long first = after == 0 ? 0 : OutputPosition.decode(after).blkNum() / 1000;
          List<Map<String, Object>> page = new ArrayList<>();
          for (long i = first; i < first + params.get(2).asInt(); i++) {
            page.add(output(i));
          }
          return page;
        });
    CommittedOutputs committed = CommittedOutputs.of(
        CommittedOutputs.Listed.of(
            OutputPosition.of(1000, 0, 0).encode(), ALICE, Address.ETH, 1000),
        CommittedOutputs.Listed.of(
            OutputPosition.of(2000, 0, 0).encode(), ALICE, Address.ETH, 1000),
        CommittedOutputs.Listed.of(
            OutputPosition.of(3000, 0, 0).encode(), ALICE, Address.ETH, 1000),
        CommittedOutputs.Listed.of(
            OutputPosition.of(4000, 0, 0).encode(), ALICE, Address.ETH, 1000));
    committed.serveExitData(operator);
    committed.commitTo(rootChain);
    // two pages of two: four outputs of 1,000 wei read, the listing incomplete
    PlasmaWallet small = wallet.withOperator(client.withUtxoPages(2, 2));
    UtxoListing listing = small.listing();
    assertThat(listing.complete()).isFalse();
    assertThat(listing.balances()).containsExactly(Map.entry(Address.fromHex(ETH), big(4_000)));

    PlasmaWallet.Payment payment = small.buildPayment(BOB, Address.ETH, big(1_500));
    Transaction tx = payment.signed().tx();
    List<Long> listed = listing.outputs().stream().map(Utxo::position).toList();
    assertThat(tx.inputs())
        .hasSize(3)
        .doesNotHaveDuplicates()
        .allSatisfy(in -> assertThat(listed).contains(in.encode()));
    assertThat(tx.outputs())
        .containsExactly(
            new Output(BOB, Address.ETH, big(1_500)), new Output(ALICE, Address.ETH, big(500)));
    assertThat(payment.fee()).isEqualTo(1_000);
    byte[] digest = payment.signed().signingDigest();
    for (Signature s : payment.signed().signatures()) {
      assertThat(Secp256k1.recover(digest, s)).contains(ALICE);
    }

    // more than the listed outputs hold: refused, saying the wallet holds more than was read
    assertThatThrownBy(() -> small.buildPayment(BOB, Address.ETH, big(3_500)))
        .isInstanceOf(WalletException.InsufficientFunds.class)
        .hasMessage("insufficient funds in ETH: need 4500 wei, have 4000 wei (from the first 4"
            + " outputs the operator listed; this wallet holds more than one listing reads)");
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
