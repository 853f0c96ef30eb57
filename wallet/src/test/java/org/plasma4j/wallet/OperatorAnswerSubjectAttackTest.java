package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Keccak256;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.SpendEvidence;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.wallet.WalletException.OperatorUnreachable;

/**
 * The exit and challenge data an operator answers for one output, about another: a genuine spend of
 * another output, or of this one at another input, or the exit data of another position. The wallet
 * refuses each as a malformed answer, tells its owner nothing of a spend of the output, and touches
 * the root chain not at all; the honest answers for the output asked for still read.
 */
class OperatorAnswerSubjectAttackTest {

  private static final OutputPosition ASKED = OutputPosition.of(2000, 1, 1);
  private static final OutputPosition OTHER = OutputPosition.of(3000, 4, 0);

  private static final List<OutputPosition> FOUR_INPUTS = List.of(
      OutputPosition.of(1, 0, 0),
      OutputPosition.of(2000, 0, 3),
      OutputPosition.of(3000, 65_535, 1),
      OutputPosition.of(4000, 7, 0));

  private final StubOperator operator = new StubOperator();
  private final InMemoryActions rootChain = new InMemoryActions();
  private final OperatorClient client = new OperatorClient(java.net.URI.create(operator.url()));
  private final PlasmaWallet wallet =
      new PlasmaWallet(WalletKey.fromHex(ALICE_KEY), client, rootChain);

  @AfterEach
  void stop() {
    operator.close();
  }

  private static Transaction spending(OutputPosition... inputs) {
    return Transaction.payment(List.of(inputs), List.of(Output.of(BOB, Address.ETH, 6)));
  }

  private void challengeData(long position, Transaction spend, int inputIndex) {
    operator.on(
        "plasma_getChallengeData",
        Map.of(
            "position",
            position,
            "spendingTx",
            Hex.encode(spend.encode()),
            "inputIndex",
            inputIndex,
            "signature",
            Hex.encode(new byte[65])));
  }

  private static Transaction created() {
    return Transaction.payment(
        List.of(OutputPosition.of(1, 0, 0)),
        List.of(Output.of(BOB, Address.ETH, 5), Output.of(ALICE, Address.ETH, 7)));
  }

  private void exitData(long position) {
    operator.on(
        "plasma_getExitData",
        Map.of(
            "position",
            position,
            "txBytes",
            Hex.encode(created().encode()),
            "proof",
            Hex.encode(new byte[512]),
            "blockTimestamp",
            100));
  }

  @Test
  void aSpendOfAnotherOutputIsNotASpendOfTheOneAskedFor() {
    long asked = ASKED.encode();
    exitData(asked);
    String p = "malformed operator answer: ";
    // another output's genuine spend, named as its own
    challengeData(OTHER.encode(), spending(OTHER), 0);
    assertThatThrownBy(() -> wallet.exitUnspent(asked, false))
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessage(p + "position " + OTHER.encode() + " is not the output asked for, " + asked);
    // the same spend, named as the asked output's
    challengeData(asked, spending(OTHER), 0);
    assertThatThrownBy(() -> wallet.exitUnspent(asked, false))
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessage(
            p + "spendingTx's input 0 is " + OTHER + ", not the output asked for, " + ASKED);
    // a spend of it at another input than it names, and at an input it does not have
    challengeData(asked, spending(OTHER, ASKED), 0);
    assertThatThrownBy(() -> wallet.challenge(asked))
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessage(
            p + "spendingTx's input 0 is " + OTHER + ", not the output asked for, " + ASKED);
    challengeData(asked, spending(ASKED), 1);
    assertThatThrownBy(() -> wallet.challenge(asked))
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessage(p + "spendingTx has no input 1");
    assertThat(rootChain.calls).as("nothing sent to the root chain").isEmpty();

    // the honest spend of the output asked for, at the input that spends it
    Transaction honest = spending(OTHER, ASKED);
    challengeData(asked, honest, 1);
    assertThat(wallet.spendOf(asked)).contains(Keccak256.hash32(honest.encode()));
    assertThat(client.getChallengeData(asked).inputIndex()).isEqualTo(1);
  }

  @Test
  void exitDataOfAnotherPositionIsRefusedBeforeTheRootChain() {
    long asked = ASKED.encode();
    exitData(OTHER.encode());
    assertThatThrownBy(() -> wallet.exit(asked))
        .isInstanceOf(OperatorUnreachable.class)
        .hasMessage("malformed operator answer: position " + OTHER.encode()
            + " is not the output asked for, " + asked);
    assertThat(rootChain.calls).as("nothing sent to the root chain").isEmpty();

    exitData(asked);
    wallet.exit(asked);
    assertThat(rootChain.calls).containsExactly("startStandardExit " + asked + " 512 100");
  }

  /**
   * The challenge data an honest operator answers (its evidence read from the stored spend as
   * challengeStandardExit reads it) for each input of a four-input spend whose first input is a
   * deposit: every one reads, of the input it is at, and names the spend.
   */
  @Test
  void theOperatorsEvidenceForEachInputOfASpendReads() {
    SignedTransaction spend = TransactionSigner.sign(
        Transaction.payment(FOUR_INPUTS, List.of(Output.of(BOB, Address.ETH, 6))),
        rootChain.domain,
        Collections.nCopies(4, WalletKey.fromHex(ALICE_KEY).privateKey()));
    assertThat(FOUR_INPUTS.getFirst().isDeposit()).isTrue();
    for (int k = 0; k < FOUR_INPUTS.size(); k++) {
      OutputPosition input = FOUR_INPUTS.get(k);
      SpendEvidence e = SpendEvidence.of(spend.encode(), input).orElseThrow();
      Signature sig = e.signature();
      operator.on(
          "plasma_getChallengeData",
          Map.of(
              "position", input.encode(),
              "spendingTx", e.txBytes().toHex(),
              "inputIndex", e.inputIndex(),
              "signature", sig.toHex()));
      OperatorClient.ChallengeData read = client.getChallengeData(input.encode());
      assertThat(read.inputIndex()).isEqualTo(k);
      assertThat(read.spendingTx()).isEqualTo(e.txBytes());
      assertThat(read.signature().toHex()).isEqualTo(sig.toHex());
      assertThat(wallet.spendOf(input.encode())).contains(spend.txHash());
    }
  }
}
