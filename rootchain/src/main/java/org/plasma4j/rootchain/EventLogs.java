package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import org.plasma4j.core.types.Address;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/**
 * eth_getLogs for the event ports: one contract's logs of any of some events in a root-chain block
 * range, in log order, minus removed ones, each decoded with the generated bindings.
 */
final class EventLogs {

  private final Web3j web3j;

  EventLogs(Web3j web3j) {
    this.web3j = web3j;
  }

  /** Blocks per eth_getLogs call: public nodes refuse (or time out on) much wider ranges. */
  static final long MAX_RANGE = 10_000;

  <T> List<T> of(Address contract, long from, long to, Function<Log, T> decode, Event... events) {
    List<T> out = new java.util.ArrayList<>();
    for (long start = from; start <= to; start += MAX_RANGE) {
      out.addAll(window(contract, start, Math.min(to, start + MAX_RANGE - 1), decode, events));
    }
    return out;
  }

  private <T> List<T> window(
      Address contract, long from, long to, Function<Log, T> decode, Event... events) {
    EthFilter filter = new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
        contract.toHex());
    String[] topics = new String[events.length];
    for (int i = 0; i < events.length; i++) {
      topics[i] = EventEncoder.encode(events[i]);
    }
    filter.addOptionalTopics(topics);
    try {
      return web3j.ethGetLogs(filter).send().getLogs().stream()
          .map(result -> (Log) result.get())
          .filter(log -> !log.isRemoved())
          .filter(log -> ReceiptLogs.emittedBy(
              log, contract)) // a node that ignored the filter names no one else's
          .map(decode)
          .toList();
    } catch (java.io.IOException e) {
      throw new Web3jRootChain.RootChainException("root-chain RPC failed: " + e.getMessage(), e);
    }
  }

  static long block(Log log) {
    return log.getBlockNumber().longValueExact();
  }

  static String topic(Log log) {
    return log.getTopics().get(0);
  }
}
