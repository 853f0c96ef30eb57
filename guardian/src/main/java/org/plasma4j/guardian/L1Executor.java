package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jExitGameEvents;
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
  private final Map<Address, InFlightExitClient> inFlightClients = new LinkedHashMap<>();
  private final Map<Address, MassExitClient> massClients = new LinkedHashMap<>();
  private final Map<BigInteger, List<MassExitLeaf>> leaves = new java.util.concurrent.ConcurrentHashMap<>();
  private final Web3jExitGameEvents.GameAddresses games;
  private final Web3jExitGameEvents events;

  public L1Executor(Web3j web3j, Address framework, List<Credentials> keys) {
    this.web3j = web3j;
    this.framework = framework;
    this.games = Web3jExitGameEvents.GameAddresses.of(web3j, framework);
    this.events = new Web3jExitGameEvents(web3j, framework, games.inFlightExitGame(), games.massExitGame());
    keys.forEach(k -> this.keys.put(Address.fromHex(k.getAddress()), k));
  }

  public List<Address> addresses() {
    return List.copyOf(keys.keySet());
  }

  private synchronized FrameworkClient client(Address who) {
    Credentials key = credentials(who);
    return clients.computeIfAbsent(who, a -> new FrameworkClient(web3j, key, framework));
  }

  private synchronized InFlightExitClient inFlightExits(Address who) {
    Credentials key = credentials(who);
    return inFlightClients.computeIfAbsent(who, a -> new InFlightExitClient(web3j, key, games.inFlightExitGame()));
  }

  private synchronized MassExitClient massExits(Address who) {
    Credentials key = credentials(who);
    return massClients.computeIfAbsent(who, a -> new MassExitClient(web3j, key, games.massExitGame()));
  }

  private Credentials credentials(Address who) {
    Credentials key = keys.get(who);
    if (key == null) {
      throw new IllegalArgumentException("the guardian holds no key for " + who);
    }
    return key;
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
      case Action.StartInFlightExit a -> startInFlightExit(a);
      case Action.Piggyback a -> piggyback(a);
      case Action.StartMassExit a -> startMassExit(a);
      case Action.WithdrawMassExit a -> {
        TransactionReceipt r = massExits(anyKey()).withdrawMassExit(a.batchId(), leaves(a.batchId()));
        yield Outcome.of(r.getTransactionHash(), BigInteger.ZERO, gas(r));
      }
    };
  }

  private Outcome startInFlightExit(Action.StartInFlightExit a) {
    InFlightExitClient client = inFlightExits(a.initiator());
    BigInteger bond = client.inFlightExitBond();
    TransactionReceipt r = client.startInFlightExit(a.tx().exitData());
    long exitableAt = client.inFlightExit(a.tx().exitData().ifeId()).exitableAt();
    return new Outcome(r.getTransactionHash(), bond, gas(r), exitableAt, BigInteger.ZERO);
  }

  private Outcome piggyback(Action.Piggyback a) {
    InFlightExitClient client = inFlightExits(a.owner());
    BigInteger bond = client.piggybackBond();
    Bytes txBytes = Bytes.wrap(a.tx().encode());
    TransactionReceipt r = a.onOutput() ? client.piggybackOnOutput(txBytes, a.index()) : client.piggybackOnInput(txBytes, a.index());
    return Outcome.of(r.getTransactionHash(), bond, gas(r));
  }

  /** A mass exit of the owner's own outputs: no consents, so no domain separator is needed. */
  private Outcome startMassExit(Action.StartMassExit a) {
    MassExitClient client = massExits(a.owner());
    List<MassExitBatch.Exiting> outputs = a.outputs().stream()
        .map(o -> new MassExitBatch.Exiting(o.exitData().position(),
            TransactionDecoder.decodeTransaction(o.exitData().txBytes().toArray()).orElseThrow(),
            CompressedProof.compress(o.exitData().proof()), o.exitData().blockTimestamp(), Optional.empty()))
        .toList();
    MassExitBatch batch = MassExitBatch.of(a.token(), a.owner(), outputs, Bytes32.ZERO);
    BigInteger bond = client.bondPerOutput().multiply(BigInteger.valueOf(outputs.size()));
    MassExitClient.Started started = client.startMassExit(batch);
    leaves.put(started.batchId(), started.leaves());
    long exitableAt = client.massExit(started.batchId()).exitableAt();
    return new Outcome(started.receipt().getTransactionHash(), bond, gas(started.receipt()), exitableAt, started.batchId());
  }

  /** The leaves a batch was started with: remembered, or read back from its MassExitStarted event. */
  private List<MassExitLeaf> leaves(BigInteger batchId) {
    List<MassExitLeaf> known = leaves.get(batchId);
    if (known != null) {
      return known;
    }
    long head;
    try {
      head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("root chain unreachable: " + e.getMessage(), e);
    }
    return events.massExitsStarted(0, head).stream()
        .filter(e -> e.batchId().equals(batchId))
        .map(ExitGameEvents.MassExitStarted::leaves)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no MassExitStarted event for batch " + batchId));
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
    return Optional.of(inFlightExits(anyKey()).inFlightExit(ifeId)).filter(InFlightExitState::exists);
  }

  @Override
  public boolean isStandardExitProcessed(long position) {
    return client(anyKey()).isExited(position);
  }

  @Override
  public int massExitState(BigInteger batchId) {
    return massExits(anyKey()).massExit(batchId).state();
  }
}
