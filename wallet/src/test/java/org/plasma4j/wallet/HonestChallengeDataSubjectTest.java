package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.SpendEvidence;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * The challenge data an honest operator answers (its evidence read from the stored spend as
 * challengeStandardExit reads it) for each input of a four-input spend whose first input is a
 * deposit: the wallet reads every one, of the input it is at, and names the spend to the owner.
 */
class HonestChallengeDataSubjectTest {

  private static final List<OutputPosition> INPUTS = List.of(
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

  @Test
  void theOperatorsEvidenceForEachInputOfASpendReads() {
    SignedTransaction spend = TransactionSigner.sign(
        Transaction.payment(INPUTS, List.of(Output.of(BOB, Address.ETH, 6))),
        rootChain.domain,
        Collections.nCopies(4, WalletKey.fromHex(ALICE_KEY).privateKey()));
    assertThat(INPUTS.getFirst().isDeposit()).isTrue();
    for (int k = 0; k < INPUTS.size(); k++) {
      OutputPosition input = INPUTS.get(k);
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
