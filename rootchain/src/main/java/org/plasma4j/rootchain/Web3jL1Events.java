package org.plasma4j.rootchain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The event stream over JSON-RPC: per window of blocks ONE eth_getLogs over the framework and every
 * game it registered, filtered by every topic of {@link L1Decoders}, each log decoded by its
 * topic0's decoder if the contract that decoder names emitted it, in log order.
 */
public final class Web3jL1Events implements L1EventSource {

  /** Blocks per eth_getLogs call: public nodes refuse (or time out on) much wider ranges. */
  static final long MAX_RANGE = 10_000;

  private static final Comparator<Log> LOG_ORDER =
      Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex);

  private final Web3j web3j;
  private final Address framework;
  private volatile Map<L1Decoders.Source, Address> sources;

  public Web3jL1Events(Web3j web3j, Address framework) {
    this.web3j = web3j;
    this.framework = framework;
  }

  @Override
  public long headBlockNumber() {
    return L1Calls.read(() -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
  }

  @Override
  public Optional<Bytes32> blockHash(long l1Block) {
    return L1Calls.read(() -> {
      EthBlock.Block block = web3j
          .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(l1Block)), false)
          .send()
          .getBlock();
      return Optional.ofNullable(block).map(b -> Bytes32.fromHex(b.getHash()));
    });
  }

  @Override
  public List<L1Event> events(long from, long to) {
    Map<L1Decoders.Source, Address> emitters = sources();
    List<L1Event> out = new ArrayList<>();
    for (long start = from; start <= to; start += MAX_RANGE) {
      out.addAll(window(emitters, start, Math.min(to, start + MAX_RANGE - 1)));
    }
    return out;
  }

  private List<L1Event> window(Map<L1Decoders.Source, Address> emitters, long from, long to) {
    EthFilter filter = new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
        emitters.values().stream().distinct().map(Address::toHex).toList());
    filter.addOptionalTopics(L1Decoders.topics().toArray(String[]::new));
    List<Log> logs = L1Calls.read(() -> web3j.ethGetLogs(filter).send().getLogs().stream()
        .map(result -> (Log) result.get())
        .filter(log -> !log.isRemoved())
        .sorted(LOG_ORDER)
        .toList());
    List<L1Event> out = new ArrayList<>(logs.size());
    for (Log log : logs) {
      // a node that ignored the filter, or a topic another contract emitted, names no one's event
      L1Decoders.of(log)
          .filter(d -> emittedBy(log, emitters.get(d.source())))
          .map(d -> d.decode().apply(log))
          .ifPresent(out::add);
    }
    return out;
  }

  private static boolean emittedBy(Log log, Address emitter) {
    return emitter != null && ReceiptLogs.emittedBy(log, emitter);
  }

  /**
   * The framework and the games it registered; read again while some game is not registered yet (a
   * chain followed from before the registration), kept once all are: registration is final.
   */
  private Map<L1Decoders.Source, Address> sources() {
    Map<L1Decoders.Source, Address> known = sources;
    if (known != null) {
      return known;
    }
    PlasmaFramework reader = Contracts.readOnly(web3j, framework);
    Map<L1Decoders.Source, Address> read = new EnumMap<>(L1Decoders.Source.class);
    read.put(L1Decoders.Source.FRAMEWORK, framework);
    game(reader, 1).ifPresent(a -> read.put(L1Decoders.Source.IN_FLIGHT_EXIT_GAME, a));
    game(reader, 2).ifPresent(a -> read.put(L1Decoders.Source.MASS_EXIT_GAME, a));
    game(reader, 3).ifPresent(a -> read.put(L1Decoders.Source.CASH_GAME, a));
    if (read.size() == L1Decoders.Source.values().length) {
      sources = Map.copyOf(read);
    }
    return read;
  }

  private static Optional<Address> game(PlasmaFramework reader, int kind) {
    Address game = Address.fromHex(
        L1Calls.read(() -> reader.exitGame(BigInteger.valueOf(kind)).send()));
    return game.isZero() ? Optional.empty() : Optional.of(game);
  }
}
