package org.plasma4j.rootchain;

import java.util.List;
import org.plasma4j.core.types.Address;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The logs of one contract's event in a receipt. Every contract a transaction calls can emit a log
 * of any shape (a token's transferFrom inside a deposit, a receiver's hook inside a payout), so a
 * log is taken as the contract's only if the contract emitted it: its address, not its topic, says
 * whose it is.
 */
public final class ReceiptLogs {

  private ReceiptLogs() {}

  /** {@code receipt}'s logs of {@code event} that {@code emitter} emitted, in log order. */
  public static List<Log> of(TransactionReceipt receipt, Address emitter, Event event) {
    String topic = EventEncoder.encode(event);
    return receipt.getLogs().stream()
        .filter(l -> emittedBy(l, emitter))
        .filter(l -> !l.getTopics().isEmpty() && topic.equals(l.getTopics().get(0)))
        .toList();
  }

  /** Whether {@code emitter} emitted {@code log}. */
  static boolean emittedBy(Log log, Address emitter) {
    return log.getAddress() != null && Address.fromHex(log.getAddress()).equals(emitter);
  }
}
