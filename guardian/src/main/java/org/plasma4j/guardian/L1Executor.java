package org.plasma4j.guardian;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.plasma4j.contracts.generated.PlasmaFramework;
import org.plasma4j.core.exit.InFlightExitState;
import org.plasma4j.core.exit.MassExitBatch;
import org.plasma4j.core.merkle.CompressedProof;
import org.plasma4j.core.rootchain.ExitGameEvents;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitStarted;
import org.plasma4j.core.rootchain.FollowedEvents;
import org.plasma4j.core.rootchain.L1Event;
import org.plasma4j.core.rootchain.L1EventSource;
import org.plasma4j.core.rootchain.RootChain.ExitStartedEvent;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.rootchain.FrameworkClient;
import org.plasma4j.rootchain.GameAddresses;
import org.plasma4j.rootchain.InFlightExitClient;
import org.plasma4j.rootchain.MassExitClient;
import org.plasma4j.rootchain.Web3jRootChain;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
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
  private final Map<BigInteger, List<MassExitLeaf>> leaves =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final GameAddresses games;
  private final Web3jRootChain reader;
  private final Started started;

  private volatile Consumer<String> broadcasting = hash -> {};

  /**
   * @param rpc the root chain's JSON-RPC: the executor sends through it, telling {@link #execute}'s
   *     caller each transaction's hash before the transaction leaves
   * @param startL1Block the framework's deployment block: what a crash left to recover is read from
   *     there, never from genesis
   */
  public L1Executor(
      Web3jService rpc, Address framework, long startL1Block, List<Credentials> keys) {
    this.web3j = Web3j.build(new BroadcastHook(rpc, hash -> broadcasting.accept(hash)));
    this.framework = framework;
    this.games = GameAddresses.of(web3j, framework);
    this.reader = new Web3jRootChain(web3j, framework, Optional.empty());
    keys.forEach(k -> this.keys.put(Address.fromHex(k.getAddress()), k));
    this.started = new Started(reader, startL1Block, Set.copyOf(this.keys.keySet()));
  }

  /**
   * The standard and mass exits the keys started, kept by the shared follower: what recovery after
   * a crash looks for when the journal lost a transaction's hash, and where a batch's leaves are
   * read back from.
   */
  private static final class Started extends FollowedEvents {
    private final Set<Address> owners;
    private final List<ExitStartedEvent> exits = new ArrayList<>();
    private final List<MassExitStarted> batches = new ArrayList<>();

    Started(L1EventSource chain, long startL1Block, Set<Address> owners) {
      super(chain, startL1Block, 0);
      this.owners = owners;
    }

    @Override
    protected void on(L1Event event) {
      switch (event) {
        case ExitStartedEvent e -> {
          if (owners.contains(e.owner())) {
            exits.add(e);
          }
        }
        case MassExitStarted e -> {
          if (owners.contains(e.initiator())) {
            batches.add(e);
          }
        }
        default -> {}
      }
    }

    @Override
    protected void forgetAfter(long l1Block) {
      exits.removeIf(e -> e.l1Block() > l1Block);
      batches.removeIf(e -> e.l1Block() > l1Block);
    }

    synchronized List<ExitStartedEvent> exits() {
      follow();
      return List.copyOf(exits);
    }

    synchronized List<MassExitStarted> batches() {
      follow();
      return List.copyOf(batches);
    }
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
    return inFlightClients.computeIfAbsent(
        who, a -> new InFlightExitClient(web3j, key, games.inFlightExitGame()));
  }

  private synchronized MassExitClient massExits(Address who) {
    Credentials key = credentials(who);
    return massClients.computeIfAbsent(
        who, a -> new MassExitClient(web3j, key, games.massExitGame()));
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
  public synchronized Outcome execute(Action action, Consumer<String> beforeBroadcast) {
    broadcasting = beforeBroadcast;
    try {
      return switch (action) {
        case Action.StartStandardExit a -> startStandardExit(a);
        case Action.ProcessExits a -> {
          TransactionReceipt r = client(anyKey()).processExits(a.token(), a.maxExits());
          yield Outcome.of(r.getTransactionHash(), BigInteger.ZERO, gas(r), block(r));
        }
        case Action.StartInFlightExit a -> startInFlightExit(a);
        case Action.Piggyback a -> piggyback(a);
        case Action.StartMassExit a -> startMassExit(a);
        case Action.WithdrawMassExit a -> {
          TransactionReceipt r =
              massExits(anyKey()).withdrawMassExit(a.batchId(), leaves(a.batchId()));
          yield Outcome.of(r.getTransactionHash(), BigInteger.ZERO, gas(r), block(r));
        }
      };
    } finally {
      broadcasting = hash -> {};
    }
  }

  @Override
  public Address sender(Action action) {
    return switch (action) {
      case Action.StartStandardExit a -> a.output().owner();
      case Action.StartMassExit a -> a.owner();
      case Action.StartInFlightExit a -> a.initiator();
      case Action.Piggyback a -> a.owner();
      case Action.ProcessExits a -> anyKey();
      case Action.WithdrawMassExit a -> anyKey();
    };
  }

  /**
   * By the journaled hashes first (a receipt: mined or reverted; a known transaction without one:
   * pending); if the chain knows none of them, by the state the action would have left.
   */
  @Override
  public Reconciled reconcile(JournalEntry sent) {
    try {
      List<String> hashes = new java.util.ArrayList<>(sent.l1TxHashes());
      java.util.Collections.reverse(hashes);
      for (String hash : hashes) {
        Optional<TransactionReceipt> r =
            web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
        if (r.isPresent() && r.get().getBlockNumberRaw() != null) {
          return r.get().isStatusOK()
              ? new Reconciled.Mined(readBack(sent, r.get()))
              : new Reconciled.Reverted(
                  hash, gas(r.get()), String.valueOf(r.get().getRevertReason()));
        }
      }
      for (String hash : hashes) {
        if (web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent()) {
          return new Reconciled.Pending(hash);
        }
      }
      return effect(sent).<Reconciled>map(Reconciled.Mined::new).orElseGet(Reconciled.Dropped::new);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("root chain unreachable: " + e.getMessage(), e);
    }
  }

  /**
   * The outcome of a mined transaction of {@code sent}, read back from its receipt and the state it
   * left.
   */
  private Outcome readBack(JournalEntry sent, TransactionReceipt r) throws java.io.IOException {
    BigInteger bond = web3j
        .ethGetTransactionByHash(r.getTransactionHash())
        .send()
        .getTransaction()
        .map(org.web3j.protocol.core.methods.response.Transaction::getValue)
        .orElse(BigInteger.ZERO);
    long exitableAt = 0;
    BigInteger batchId = BigInteger.ZERO;
    String kind = sent.key().substring(0, sent.key().indexOf(':'));
    switch (kind) {
      case "exit" ->
        exitableAt = PlasmaFramework.getExitStartedEvents(r).stream()
            .filter(e -> e.position.longValueExact() == sent.positions().getFirst())
            .map(e -> e.exitableAt.longValueExact())
            .findFirst()
            .orElse(0L);
      case "mass" -> {
        Optional<ExitGameEvents.MassExitStarted> started = massExitOf(sent, block(r), block(r));
        if (started.isPresent()) {
          batchId = started.get().batchId();
          exitableAt = started.get().exitableAt();
        }
      }
      case "ife" ->
        exitableAt =
            inFlightExit(sent.ifeId()).map(InFlightExitState::exitableAt).orElse(0L);
      default -> {}
    }
    return new Outcome(r.getTransactionHash(), bond, gas(r), exitableAt, batchId, block(r));
  }

  /**
   * What the chain shows of {@code sent} when it knows none of its transactions: the exit, batch,
   * in-flight exit, piggyback or payout exists for this sender (started by this guardian before a
   * crash lost the hash, or by someone else). It counts as mined at the head: it still needs its
   * confirmations.
   */
  private Optional<Outcome> effect(JournalEntry sent) {
    long head = headBlock();
    String kind = sent.key().substring(0, sent.key().indexOf(':'));
    switch (kind) {
      case "exit" -> {
        long position = sent.positions().getFirst();
        FrameworkClient.StandardExit e = client(anyKey()).standardExit(position);
        if (e.state() == EXIT_NONE || !e.owner().equals(sent.sender())) {
          return Optional.empty();
        }
        long exitableAt = started.exits().stream()
            .filter(x -> x.position() == position)
            .mapToLong(org.plasma4j.core.rootchain.RootChain.ExitStartedEvent::exitableAt)
            .max()
            .orElse(0);
        return Optional.of(
            new Outcome("", BigInteger.ZERO, BigInteger.ZERO, exitableAt, BigInteger.ZERO, head));
      }
      case "mass" -> {
        return started.batches().stream()
            .filter(m -> startedBy(sent, m))
            .findFirst()
            .map(m -> new Outcome(
                "", BigInteger.ZERO, BigInteger.ZERO, m.exitableAt(), m.batchId(), head));
      }
      case "ife" -> {
        return inFlightExit(sent.ifeId())
            .map(s -> new Outcome(
                "", BigInteger.ZERO, BigInteger.ZERO, s.exitableAt(), BigInteger.ZERO, head));
      }
      case "piggyback" -> {
        String[] parts = sent.key().split(":");
        int index = Integer.parseInt(parts[3]);
        boolean output = "out".equals(parts[2]);
        return inFlightExit(sent.ifeId())
            .filter(s -> output ? s.isOutputPiggybacked(index) : s.isInputPiggybacked(index))
            .map(s -> Outcome.of("", BigInteger.ZERO, BigInteger.ZERO, head));
      }
      case "withdraw-mass" -> {
        return massExitState(sent.batchId()) >= MASS_EXIT_PAID
            ? Optional.of(Outcome.of("", BigInteger.ZERO, BigInteger.ZERO, head))
            : Optional.empty();
      }
      default -> {
        return Optional.empty(); // processExits leaves nothing of its own to find
      }
    }
  }

  /** The batch {@code sent} started: its sender's, of its token, over exactly its positions. */
  private Optional<ExitGameEvents.MassExitStarted> massExitOf(
      JournalEntry sent, long from, long to) {
    return reader.events(from, to, MassExitStarted.class).stream()
        .filter(m -> startedBy(sent, m))
        .findFirst();
  }

  private static boolean startedBy(JournalEntry sent, MassExitStarted m) {
    return m.initiator().equals(sent.sender())
        && m.token().equals(sent.token())
        && m.leaves().stream().map(MassExitLeaf::position).toList().equals(sent.positions());
  }

  private static long block(TransactionReceipt r) {
    return r.getBlockNumber().longValueExact();
  }

  private Outcome startInFlightExit(Action.StartInFlightExit a) {
    InFlightExitClient client = inFlightExits(a.initiator());
    BigInteger bond = client.inFlightExitBond();
    TransactionReceipt r = client.startInFlightExit(a.tx().exitData());
    long exitableAt = client.inFlightExit(a.tx().exitData().ifeId()).exitableAt();
    return new Outcome(r.getTransactionHash(), bond, gas(r), exitableAt, BigInteger.ZERO, block(r));
  }

  private Outcome piggyback(Action.Piggyback a) {
    InFlightExitClient client = inFlightExits(a.owner());
    BigInteger bond = client.piggybackBond();
    Bytes txBytes = Bytes.wrap(a.tx().encode());
    TransactionReceipt r = a.onOutput()
        ? client.piggybackOnOutput(txBytes, a.index())
        : client.piggybackOnInput(txBytes, a.index());
    return Outcome.of(r.getTransactionHash(), bond, gas(r), block(r));
  }

  /** A mass exit of the owner's own outputs: no consents, so no domain separator is needed. */
  private Outcome startMassExit(Action.StartMassExit a) {
    MassExitClient client = massExits(a.owner());
    List<MassExitBatch.Exiting> outputs = a.outputs().stream()
        .map(o -> new MassExitBatch.Exiting(
            o.exitData().position(),
            TransactionDecoder.decodeTransaction(o.exitData().txBytes().toArray())
                .orElseThrow(),
            CompressedProof.compress(o.exitData().proof()),
            o.exitData().blockTimestamp(),
            Optional.empty()))
        .toList();
    MassExitBatch batch = MassExitBatch.of(a.token(), a.owner(), outputs, Bytes32.ZERO);
    BigInteger bond = client.bondPerOutput().multiply(BigInteger.valueOf(outputs.size()));
    MassExitClient.Started started = client.startMassExit(batch);
    leaves.put(started.batchId(), started.leaves());
    long exitableAt = client.massExit(started.batchId()).exitableAt();
    return new Outcome(
        started.receipt().getTransactionHash(),
        bond,
        gas(started.receipt()),
        exitableAt,
        started.batchId(),
        block(started.receipt()));
  }

  /**
   * The leaves a batch was started with: remembered, or read back from its MassExitStarted event.
   */
  private List<MassExitLeaf> leaves(BigInteger batchId) {
    List<MassExitLeaf> known = leaves.get(batchId);
    if (known != null) {
      return known;
    }
    return started.batches().stream()
        .filter(e -> e.batchId().equals(batchId))
        .map(ExitGameEvents.MassExitStarted::leaves)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no MassExitStarted event for batch " + batchId));
  }

  private Outcome startStandardExit(Action.StartStandardExit a) {
    OwnedOutput o = a.output();
    FrameworkClient client = client(o.owner());
    BigInteger bond = client.exitBond();
    TransactionReceipt r = client.startStandardExit(
        o.position(),
        o.exitData().txBytes().toArray(),
        o.exitData().proof().toArray(),
        o.exitData().blockTimestamp());
    long exitableAt = PlasmaFramework.getExitStartedEvents(r).stream()
        .filter(e -> e.position.longValueExact() == o.position())
        .map(e -> e.exitableAt.longValueExact())
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no ExitStarted event in " + r.getTransactionHash()));
    return new Outcome(r.getTransactionHash(), bond, gas(r), exitableAt, BigInteger.ZERO, block(r));
  }

  /** Gas paid for a receipt: gasUsed times effectiveGasPrice. */
  static BigInteger gas(TransactionReceipt r) {
    return r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
  }

  @Override
  public long headTimestamp() {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("root chain unreachable: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<InFlightExitState> inFlightExit(BigInteger ifeId) {
    return Optional.of(inFlightExits(anyKey()).inFlightExit(ifeId))
        .filter(InFlightExitState::exists);
  }

  @Override
  public long headBlock() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("root chain unreachable: " + e.getMessage(), e);
    }
  }

  @Override
  public int standardExitState(long position) {
    return client(anyKey()).standardExitState(position);
  }

  @Override
  public int massExitState(BigInteger batchId) {
    return massExits(anyKey()).massExit(batchId).state();
  }

  @Override
  public Optional<Long> queueHeadExitableAt(Address token) {
    return client(anyKey()).nextExit(token).map(FrameworkClient.QueueHead::exitableAt);
  }

  @Override
  public BigInteger balance(Address who) {
    return client(anyKey()).ethBalance(who);
  }
}
