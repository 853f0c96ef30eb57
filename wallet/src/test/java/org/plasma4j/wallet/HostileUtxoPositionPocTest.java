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
 * PoC (fails on purpose until fixed): plasma_getUtxos carries a position and, beside it, its block, tx index
 * and output index. OperatorClient.getUtxos takes all four as the operator sends them, never deriving the
 * parts from the position with the layout, and never checking that the position names an output at all. A
 * hostile operator (or one still on another layout) therefore has the wallet hold, and `wallet utxos --json`
 * print, parts that the contracts would never read from that position; and a position that names no output
 * reaches the payment planner, which throws a bare IllegalArgumentException instead of a named rejection.
 */
class HostileUtxoPositionPocTest {
  private final StubOperator operator = new StubOperator();
  private final PlasmaWallet wallet =
      new PlasmaWallet(WalletKey.fromHex(ALICE_KEY), new OperatorClient(URI.create(operator.url())), new FakeRootChain());

  @AfterEach
  void stop() {
    operator.close();
  }

  private static Map<String, Object> utxo(long position, long blkNum, int txIndex, int outputIndex, String amount) {
    return Map.of("position", position, "blkNum", blkNum, "txIndex", txIndex, "outputIndex", outputIndex,
        "owner", ALICE.toHex(), "token", ETH, "amount", amount);
  }

  /** Block 2000, tx 1, output 1 described with the parts a 1e9 / 1e4 reading gives: block 2, tx 0, output 11. */
  @Test
  void pocTheWalletKeepsPartsThatTheLayoutDoesNotGiveThePosition() {
    long position = OutputPosition.of(2000, 1, 1).encode(); // 2_000_000_011
    operator.on("plasma_getUtxos", List.of(utxo(position, 2, 0, 11, "1000")));

    // the fix: a malformed answer (OperatorUnreachable), or parts derived from the position
    List<Utxo> utxos;
    try {
      utxos = wallet.utxos();
    } catch (WalletException.OperatorUnreachable refused) {
      return;
    }
    Utxo u = utxos.getFirst();
    assertThat(List.of(u.blkNum(), (long) u.txIndex(), (long) u.outputIndex()))
        .as("the parts of position %d the wallet holds (and the CLI prints)", position)
        .containsExactly(2000L, 1L, 1L);
  }

  /** Output index 4 names no output; the operator lists it anyway as Alice's only spendable output. */
  @Test
  void pocAPositionThatNamesNoOutputIsNotANamedRejection() {
    long noOutput = 1_000_004L;
    operator
        .on("plasma_getChainInfo", StubOperator.chainInfo(FRAMEWORK.toHex()))
        .on("plasma_getFeeSchedule", Map.of(ETH, "1000"))
        .on("plasma_getUtxos", List.of(utxo(noOutput, 1, 0, 4, "1000000")));

    assertThatThrownBy(() -> wallet.send(BOB, Address.ETH, BigInteger.valueOf(300_000)))
        .as("the wallet names a malformed operator answer")
        .isInstanceOf(WalletException.class);
    assertThat(operator.requests()).noneMatch(r -> r.get("method").asText().equals("plasma_sendTransaction"));
  }
}
