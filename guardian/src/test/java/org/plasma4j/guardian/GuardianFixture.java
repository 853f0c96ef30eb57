package org.plasma4j.guardian;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.KeyPair;
import org.plasma4j.core.exit.InFlightExitData;
import org.plasma4j.core.exit.StandardExitData;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.testing.DevKeys;
import org.plasma4j.core.testing.Fixtures;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionSigner;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/** Deposits, payments and views for the guardian's unit tests (no chain). */
final class GuardianFixture {

  static final KeyPair ALICE = DevKeys.ACCOUNT_2;
  static final KeyPair BOB = DevKeys.ACCOUNT_3;
  static final KeyPair CAROL = DevKeys.ACCOUNT_4;
  static final Address ETH = Address.ETH;
  static final Address TOKEN = Fixtures.TOKEN;
  static final long MEP = 3600;
  static final long L1_START = 1_000_000;
  static final GuardianConfig CONFIG =
      new GuardianConfig(MEP, Duration.ofSeconds(30), 4, 3, 60, 50, 5, 1, BigInteger.ZERO);
  /** Every exit queue's head matured long ago. */
  static final java.util.Map<Address, Long> READY = java.util.Map.of(ETH, 0L, TOKEN, 0L);

  private GuardianFixture() {}

  /** A deposit output of {@code owner} in deposit block {@code blkNum}. */
  static OwnedOutput deposit(KeyPair owner, Address token, long amount, long blkNum) {
    Transaction tx = Deposit.transaction(owner.address(), token, BigInteger.valueOf(amount));
    byte[] txBytes = tx.encode();
    Bytes proof = MerkleTree.build(List.of(txBytes)).proof(0);
    StandardExitData data = new StandardExitData(
        OutputPosition.of(blkNum, 0, 0), Bytes.wrap(txBytes), proof, L1_START - 100);
    return new OwnedOutput(owner.address(), token, BigInteger.valueOf(amount), data);
  }

  /** {@code from} pays {@code amount} of its output to {@code to}, change back, fee {@code fee}. */
  static InFlightTx payment(
      KeyPair from, OwnedOutput input, KeyPair to, long amount, long fee, long sentAt) {
    long change = input.amount().longValueExact() - amount - fee;
    List<Output> outputs = new ArrayList<>();
    outputs.add(Output.of(to.address(), input.token(), amount));
    if (change > 0) {
      outputs.add(Output.of(from.address(), input.token(), change));
    }
    Transaction tx = Transaction.payment(List.of(input.exitData().position()), outputs);
    SignedTransaction signed = TransactionSigner.sign(tx, Fixtures.DOMAIN, from.privateKey());
    return new InFlightTx(new InFlightExitData(signed, List.of(input.exitData())), sentAt);
  }

  static ChainView view(
      long l1, long nowMillis, List<ByzantineEvent> events, List<OwnedOutput> outputs) {
    return ChainView.at(l1, nowMillis).with(c -> {
      c.events = events;
      c.ownedOutputs = outputs;
      c.queueHeads = READY;
    });
  }

  static ChainView healthy(List<OwnedOutput> outputs) {
    return view(L1_START, 0, List.of(), outputs);
  }

  static ChainView bad(List<OwnedOutput> outputs) {
    return view(L1_START, 0, List.of(new ByzantineEvent("invalid_block", "block 2000")), outputs);
  }

  static ChainView withIfes(ChainView v, List<ObservedIfe> ifes) {
    return v.with(c -> c.inFlightExits = ifes);
  }

  static ChainView at(ChainView v, long l1, long nowMillis) {
    return v.with(c -> {
      c.l1Timestamp = l1;
      c.nowMillis = nowMillis;
    });
  }

  static ChainView withIncluded(ChainView v, Set<Bytes32> included) {
    return v.with(c -> c.includedTxs = included);
  }

  static ChainView withChallenged(ChainView v, Set<Long> challenged) {
    return v.with(c -> c.challengedExits = challenged);
  }

  static ChainView withQueueHeads(ChainView v, java.util.Map<Address, Long> heads) {
    return v.with(c -> c.queueHeads = heads);
  }

  static ChainView withFinalized(
      ChainView v, Set<Long> exits, Set<BigInteger> mass, Set<BigInteger> withdrawn) {
    return v.with(c -> {
      c.finalizedExits = exits;
      c.finalizedMassExits = mass;
      c.withdrawnMassExits = withdrawn;
    });
  }

  /** An in-flight exit the watcher judges canonical with nothing of it spent. */
  static ObservedIfe ife(InFlightTx tx, long startedAt, Set<Integer> inputs, Set<Integer> outputs) {
    return new ObservedIfe(
        BigInteger.ONE,
        tx.tx(),
        startedAt,
        startedAt + MEP,
        inputs,
        outputs,
        Set.of(),
        java.util.Optional.of(unspent(tx.tx(), true)));
  }

  /**
   * The watcher's verdict on a transaction none of whose inputs or outputs anything else spends.
   */
  static WatcherView.Piggybackable unspent(Transaction tx, boolean canonical) {
    Set<Integer> inputs = new java.util.HashSet<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      inputs.add(i);
    }
    Set<Integer> outputs = new java.util.HashSet<>();
    for (int i = 0; i < tx.outputs().size(); i++) {
      outputs.add(i);
    }
    return new WatcherView.Piggybackable(tx, canonical, inputs, outputs);
  }

  /**
   * The journal after every action of {@code plan} succeeded, exits maturing at {@code exitableAt}.
   */
  static Journal allSucceeded(Journal journal, Plan plan, long exitableAt) {
    Journal j = journal;
    long batch = 1;
    for (Action a : plan.actions()) {
      BigInteger batchId =
          a instanceof Action.StartMassExit ? BigInteger.valueOf(batch++) : BigInteger.ZERO;
      j = j.withSuccess(
          a, new Outcome("0xabc", BigInteger.TEN, BigInteger.ONE, exitableAt, batchId, 1), 0);
    }
    return j;
  }
}
