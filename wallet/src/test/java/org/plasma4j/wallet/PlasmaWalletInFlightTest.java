package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;
import static org.plasma4j.wallet.TestKeys.ETH;
import static org.plasma4j.wallet.TestKeys.FRAMEWORK;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.Hex;
import org.plasma4j.core.types.OutputPosition;

/** The wallet's in-flight exit actions against a stub operator and a fake root chain. */
class PlasmaWalletInFlightTest {

  private static final long DEPOSIT = OutputPosition.of(1, 0, 0).encode();

  private final StubOperator operator = new StubOperator();
  private final InMemoryActions rootChain = new InMemoryActions();
  private final PlasmaWallet wallet = new PlasmaWallet(
      WalletKey.fromHex(ALICE_KEY),
      new OperatorClient(java.net.URI.create(operator.url())),
      rootChain);
  private final Deposit deposit = new Deposit(1, ALICE, Address.ETH, BigInteger.valueOf(1_000_000));
  private final List<String> sent = new ArrayList<>();

  @AfterEach
  void stop() {
    operator.close();
  }

  /** Alice owns the deposit; the operator serves its exit data and accepts one payment. */
  private void operatorServingTheDeposit() {
    CommittedOutputs committed =
        CommittedOutputs.of(CommittedOutputs.Listed.of(DEPOSIT, ALICE, Address.ETH, 1_000_000));
    committed.serve(operator);
    committed.commitTo(rootChain);
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(FRAMEWORK.toHex()))
        .on("plasma_getFeeSchedule", Map.of(ETH, "1000"))
        .on("plasma_sendTransaction", params -> {
          sent.add(params.get(0).asText());
          SignedTransaction tx = TransactionDecoder.decodeSigned(
                  Hex.decode(params.get(0).asText()))
              .orElseThrow();
          return Map.of("txHash", tx.txHash().toHex());
        });
  }

  @Test
  void aSentPaymentCanExitInFlightFromWhatTheWalletKeptEvenWhenTheOperatorGoesSilent() {
    operatorServingTheDeposit();
    Bytes32 txHash = wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000));
    SignedTransaction tx = wallet.sentTransaction(txHash).orElseThrow();
    assertThat(wallet.sentTransactions()).containsExactly(tx);
    // the operator now withholds everything
    operator.on("plasma_getExitData", params -> {
      throw new StubOperator.RpcError(-32022, "withheld");
    });

    wallet.startInFlightExit(txHash);

    assertThat(rootChain.calls).containsExactly("startInFlightExit [" + DEPOSIT + "]");
    assertThat(rootChain.lastInFlightExit.txBytes().toArray()).isEqualTo(tx.txBytes());
    assertThat(rootChain.lastInFlightExit.inputTxs().get(0).toArray())
        .isEqualTo(deposit.transaction().encode());
    assertThat(rootChain.lastInFlightExit.inputTimestamps())
        .containsExactly(CommittedOutputs.TIMESTAMP);
    assertThat(rootChain.lastInFlightExit.signatures())
        .containsExactly(tx.signatures().get(0).bytes());
  }

  @Test
  void piggybacksCheckOwnershipBeforeTouchingTheRootChain() {
    operatorServingTheDeposit();
    SignedTransaction tx = wallet
        .sentTransaction(wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .orElseThrow();

    assertThatThrownBy(() -> wallet.piggybackOutput(tx.tx(), 0))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("output 0 of the transaction belongs to " + BOB);
    assertThatThrownBy(() -> wallet.piggybackOutput(tx.tx(), 7))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessage("the transaction has no output 7");
    assertThatThrownBy(() -> wallet.piggybackInput(tx, 1))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessage("the transaction has no input 1");
    assertThat(rootChain.calls).isEmpty();

    wallet.piggybackOutput(tx.tx(), 1); // the change
    wallet.piggybackInput(tx, 0);
    assertThat(rootChain.calls).containsExactly("piggyback output 1", "piggyback input 0");
    assertThat(rootChain.lastTxBytes).isEqualTo(tx.txBytes());
  }

  @Test
  void anInFlightExitWithoutTheInputsDataIsAClearError() {
    operatorServingTheDeposit();
    SignedTransaction tx = wallet
        .sentTransaction(wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .orElseThrow();
    operator.on("plasma_getExitData", params -> {
      throw new StubOperator.RpcError(-32022, "no output");
    });
    // another wallet of the same key kept nothing of the payment
    PlasmaWallet restarted = new PlasmaWallet(
        WalletKey.fromHex(ALICE_KEY),
        new OperatorClient(java.net.URI.create(operator.url())),
        rootChain);

    assertThatThrownBy(() -> restarted.startInFlightExit(tx))
        .isInstanceOf(WalletException.UnknownPosition.class)
        .hasMessageContaining(Long.toString(DEPOSIT));
    assertThatThrownBy(() -> restarted.startInFlightExit(Bytes32.ZERO))
        .isInstanceOf(WalletException.InvalidInput.class)
        .hasMessageContaining("did not send");
    assertThat(rootChain.calls).isEmpty();
  }
}
