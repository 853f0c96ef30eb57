package org.plasma4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plasma4j.wallet.TestKeys.ALICE;
import static org.plasma4j.wallet.TestKeys.ALICE_KEY;
import static org.plasma4j.wallet.TestKeys.BOB;
import static org.plasma4j.wallet.TestKeys.ETH;
import static org.plasma4j.wallet.TestKeys.FRAMEWORK;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.OutputPosition;

/**
 * plasma_getUtxos lists a position and, beside it, its block, tx index and output index. The wallet
 * takes the parts from the position by the contracts' layout: parts that disagree with it (a
 * hostile operator, or one on another layout), or a position that names no output, are a malformed
 * answer and nothing is sent.
 */
class HostileUtxoPositionTest {
  private final StubOperator operator = new StubOperator();
  private final PlasmaWallet wallet = new PlasmaWallet(
      WalletKey.fromHex(ALICE_KEY),
      new OperatorClient(URI.create(operator.url())),
      new InMemoryActions());

  @AfterEach
  void stop() {
    operator.close();
  }

  private static Map<String, Object> utxo(
      long position, long blkNum, int txIndex, int outputIndex, String amount) {
    return Map.of(
        "position",
        position,
        "blkNum",
        blkNum,
        "txIndex",
        txIndex,
        "outputIndex",
        outputIndex,
        "owner",
        ALICE.toHex(),
        "token",
        ETH,
        "amount",
        amount);
  }

  /**
   * Block 2000, tx 1, output 1 described with the parts a 1e9 / 1e4 reading gives: block 2, tx 0,
   * output 11.
   */
  @Test
  void partsThatTheLayoutDoesNotGiveThePositionAreAMalformedAnswer() {
    long position = OutputPosition.of(2000, 1, 1).encode(); // 2_000_000_011
    operator.on("plasma_getUtxos", List.of(utxo(position, 2, 0, 11, "1000")));

    assertThatThrownBy(wallet::utxos)
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessageContaining("malformed operator answer: position 2000000011");
  }

  @Test
  void partsThatAgreeWithThePositionAreKept() {
    long position = OutputPosition.of(2000, 1, 1).encode();
    operator.on("plasma_getUtxos", List.of(utxo(position, 2000, 1, 1, "1000")));

    Utxo u = wallet.utxos().getFirst();
    assertThat(List.of(u.position(), u.blkNum(), (long) u.txIndex(), (long) u.outputIndex()))
        .containsExactly(position, 2000L, 1L, 1L);
  }

  /**
   * Output index 4 names no output; the operator lists it anyway as Alice's only spendable output.
   */
  @Test
  void aPositionThatNamesNoOutputIsRefusedAndNothingIsSent() {
    long noOutput = 1_000_004L;
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(FRAMEWORK.toHex()))
        .on("plasma_getFeeSchedule", Map.of(ETH, "1000"))
        .on("plasma_getUtxos", List.of(utxo(noOutput, 1, 0, 4, "1000000")));

    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .isInstanceOf(WalletException.OperatorUnreachable.class)
        .hasMessageContaining("position 1000004 names no output");
    assertThat(operator.requests())
        .noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }
}
