package org.plasma4j.rootchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.FrameworkClient.ExitsOutcome;
import org.plasma4j.rootchain.FrameworkClient.Payout;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** What a processExits receipt's events say, and only the framework's count. */
class ExitsOutcomeTest {

  private static final Address FRAMEWORK = Address.fromHex("0x" + "fa".repeat(20));
  private static final Address OTHER = Address.fromHex("0x" + "66".repeat(20));
  private static final Address OWNER = Address.fromHex("0x" + "0b".repeat(20));
  private static final Address TOKEN = Address.fromHex("0x" + "70".repeat(20));

  private static String word(BigInteger v) {
    return String.format("%064x", v);
  }

  private static String word(Address a) {
    return "0".repeat(24) + a.toHex().substring(2);
  }

  /**
   * A log of {@code event} by {@code emitter}: indexed topics as given, {@code data} the words not
   * indexed.
   */
  private static Log log(Address emitter, Event event, List<String> indexed, String data) {
    List<String> topics = new ArrayList<>();
    topics.add(EventEncoder.encode(event));
    indexed.forEach(t -> topics.add("0x" + t));
    Log l = new Log();
    l.setAddress(emitter.toHex());
    l.setTopics(topics);
    l.setData("0x" + data);
    return l;
  }

  private static Log payout(Address emitter, Event event, long amount) {
    return log(emitter, event, List.of(word(OWNER), word(TOKEN)), word(BigInteger.valueOf(amount)));
  }

  private static Log finalized(Address emitter) {
    return log(
        emitter,
        PlasmaFramework.EXITFINALIZED_EVENT,
        List.of(
            word(BigInteger.valueOf(1_000_000L)),
            word(OWNER),
            word(TOKEN)) /* deposit block 1's output */,
        word(BigInteger.TEN));
  }

  @Test
  void theFrameworksPaidShortAndFailedPayoutsAreReportedAndNoOtherContractsLogs() {
    TransactionReceipt receipt = new TransactionReceipt();
    receipt.setLogs(List.of(
        finalized(FRAMEWORK),
        finalized(FRAMEWORK),
        payout(FRAMEWORK, PlasmaFramework.PAYOUTSHORT_EVENT, 7),
        payout(FRAMEWORK, PlasmaFramework.PAYOUTFAILED_EVENT, 9),
        finalized(OTHER), // a receiver's hook emitting the framework's events counts for nothing
        payout(OTHER, PlasmaFramework.PAYOUTFAILED_EVENT, 1)));

    ExitsOutcome o = FrameworkClient.exitsOutcome(receipt, FRAMEWORK);

    assertThat(o.finalized()).isEqualTo(2);
    assertThat(o.omitted()).isZero();
    assertThat(o.deferred()).isZero();
    assertThat(o.shortPaid()).containsExactly(new Payout(OWNER, TOKEN, BigInteger.valueOf(7)));
    assertThat(o.failed()).containsExactly(new Payout(OWNER, TOKEN, BigInteger.valueOf(9)));
  }
}
