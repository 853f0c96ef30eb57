package org.plasma4j.watcher.validation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.Competitor;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.exit.OutputKey;
import org.plasma4j.core.merkle.MerkleTree;
import org.plasma4j.core.state.FeeSchedule;
import org.plasma4j.core.state.SignatureCheck;
import org.plasma4j.core.state.TransactionValidator;
import org.plasma4j.core.state.UtxoLookup;
import org.plasma4j.core.state.UtxoView;
import org.plasma4j.core.state.ValidationResult;
import org.plasma4j.core.tx.Domain;
import org.plasma4j.core.tx.FeeTransaction;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.SignedTransaction;
import org.plasma4j.core.tx.SpendEvidence;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TransactionDecoder;
import org.plasma4j.core.tx.TxRejection;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The watcher's own UTXO view, built only from deposits and verified blocks, and the state
 * transition re-run over it with the core rules. It also remembers every owner-signed spend and
 * where each transaction is included, which is what exit and in-flight-exit checks need. Not
 * thread-safe: the node guards it.
 */
public final class ChildLedger implements UtxoView {

  /** Where a transaction is included; blocks are kept for proofs. */
  public record Location(long blkNum, int txIndex) {
    public OutputPosition position() {
      return OutputPosition.of(blkNum, txIndex, 0);
    }
  }

  /**
   * A block body with its root-chain timestamp, for inclusion proofs, and its signed records (none
   * for a deposit block), from which spends are read back.
   */
  public record Body(
      long blkNum, long timestamp, List<byte[]> txBytes, List<Bytes> records, MerkleTree tree) {
    Bytes record(int txIndex) {
      return records.get(txIndex);
    }
  }

  /**
   * Rejections that only say the operator charged other fees than its schedule: policy, not
   * validity.
   */
  private static final Set<TxRejection> FEE_POLICY = Set.of(
      TxRejection.FEE_NOT_COVERED, TxRejection.FEE_OVERPAID, TxRejection.UNSUPPORTED_FEE_TOKEN);

  private static final FeeSchedule NO_SCHEDULE = new FeeSchedule(Map.of());

  private final Domain domain;
  private final OutputClaims claims;
  private final Map<OutputPosition, Held> held = new HashMap<>();
  private final Map<Bytes32, Location> locations = new HashMap<>();
  /**
   * Where the txBytes of a record that did not decode were first included: the exit games prove
   * inclusion of txBytes alone, so such a transaction is as included as any for canonicity.
   */
  private final Map<Bytes32, Location> flawedLocations = new HashMap<>();

  private final TreeMap<Long, Body> bodies = new TreeMap<>();
  /** The block being applied (null between blocks). */
  private Stage stage;

  /**
   * What the ledger knows of one output: one map entry per output, so that judging a transaction
   * costs one lookup per input and one insertion per output rather than one in each of four maps.
   */
  private static final class Held {
    final Output output;
    /**
     * The hash of the creating transaction's txBytes when it has inputs, from which the exit games
     * derive the output's key; null when the key is the position. Kept rather than the key: few
     * outputs' keys are ever asked for, and deriving every one cost a Keccak per output.
     */
    final Bytes32 txHash;
    /** Whether a valid transaction spent it. */
    boolean spent;
    /** Owner-signed spends in known blocks, oldest first; null while there are none. */
    List<Spend> spends;

    Held(Output output, Bytes32 txHash) {
      this.output = output;
      this.txHash = txHash;
    }

    Bytes32 key(OutputPosition position) {
      return txHash == null
          ? Bytes32.ofUint(position.encode())
          : OutputKey.ofTxHash(txHash, position.outputIndex());
    }
  }

  /**
   * What the block being applied has changed so far, so that a block whose judging throws is taken
   * back whole. Its changes go straight into the ledger: staging them apart and copying them in at
   * the end cost every output, spend and location two map insertions on the one judging thread.
   */
  private static final class Stage {
    final long submittedL1;
    final List<OutputPosition> created;
    /** Outputs put where one was known: none while blocks apply once, in order. */
    final List<Replaced> replaced = new ArrayList<>();

    final List<Held> spent;
    final List<Bytes32> located;
    final List<Bytes32> flawedLocated = new ArrayList<>();
    /** The output each spend was appended to, in order. */
    final List<Held> spendsAdded;

    final List<FeeDeviation> deviations = new ArrayList<>();
    final Map<Address, BigInteger> leftover = new HashMap<>();

    Stage(long submittedL1, int txs) {
      this.submittedL1 = submittedL1;
      this.created = new ArrayList<>(2 * txs);
      this.spent = new ArrayList<>(2 * txs);
      this.located = new ArrayList<>(txs);
      this.spendsAdded = new ArrayList<>(2 * txs);
    }
  }

  public ChildLedger(Domain domain) {
    this(domain, new OutputClaims());
  }

  public ChildLedger(Domain domain, OutputClaims claims) {
    this.domain = domain;
    this.claims = claims;
  }

  public Domain domain() {
    return domain;
  }

  /** What the exit games hold or paid; the chain state feeds it from root-chain events. */
  public OutputClaims claims() {
    return claims;
  }

  @Override
  public UtxoLookup lookup(OutputPosition position) {
    Held h = held.get(position);
    if (h == null) {
      return UtxoLookup.unknown();
    }
    if (h.spent) {
      return UtxoLookup.spent(h.output);
    }
    if (stage != null
        && claims.forbidding(position, () -> h.key(position), stage.submittedL1).isPresent()) {
      return UtxoLookup.exiting(h.output);
    }
    return UtxoLookup.unspent(h.output);
  }

  private Output outputOf(OutputPosition position) {
    Held h = held.get(position);
    return h == null ? null : h.output;
  }

  /** The output's key in the exit games (lib/OutputKey.sol), null if the output is not known. */
  public Bytes32 keyOf(OutputPosition position) {
    Held h = held.get(position);
    return h == null ? null : h.key(position);
  }

  public void applyDeposit(
      long blkNum, Address owner, Address token, BigInteger amount, long timestamp) {
    Deposit d = new Deposit(blkNum, owner, token, amount);
    byte[] txBytes = d.transaction().encode();
    // a deposit has no inputs: its key is its position
    held.put(d.position(), new Held(d.output(), null));
    locations.putIfAbsent(d.transaction().hash(), new Location(blkNum, 0));
    bodies.put(
        blkNum,
        new Body(
            blkNum, timestamp, List.of(txBytes), List.of(), MerkleTree.build(List.of(txBytes))));
  }

  /**
   * Re-runs the state transition over a verified block and applies its valid transactions (an
   * invalid one changes nothing), so that later blocks are judged against what honest nodes would
   * hold. The block is applied whole or not at all: if judging it throws, the ledger is as before.
   *
   * @param fees the operator's advertised schedule, if known: only for {@link FeeDeviation}s
   */
  public Judged apply(
      DecodedBlock block, long timestamp, long submittedL1, Optional<FeeSchedule> fees) {
    long blkNum = block.blkNum();
    Stage st = new Stage(submittedL1, block.decoded().size());
    stage = st;
    Body body = new Body(blkNum, timestamp, block.txBytes(), block.records(), block.tree());
    try {
      BlockVerdict first = null;
      int last = block.decoded().size() - 1;
      for (int i = 0; i <= last; i++) {
        BlockVerdict broken =
            applyTx(body, i, i == last, block.decoded().get(i), block.prepared().get(i), fees);
        if (block.refused(i) != null) {
          recordFlawedSpends(body, i, block.txBytes().get(i));
        }
        if (first == null && broken != null) {
          first = broken;
        }
      }
      bodies.put(blkNum, body);
      return new Judged(
          first == null ? BlockVerdict.valid(blkNum) : first, List.copyOf(st.deviations));
    } catch (RuntimeException | Error e) {
      takeBack(st);
      throw e;
    } finally {
      stage = null;
    }
  }

  private record Replaced(OutputPosition position, Held before) {}

  /** Undoes what a block whose judging threw had changed, newest change first. */
  private void takeBack(Stage st) {
    for (int i = st.spendsAdded.size() - 1; i >= 0; i--) {
      Held h = st.spendsAdded.get(i);
      h.spends.removeLast();
      if (h.spends.isEmpty()) {
        h.spends = null;
      }
    }
    st.flawedLocated.forEach(flawedLocations::remove);
    st.located.forEach(locations::remove);
    st.spent.forEach(h -> h.spent = false);
    st.created.forEach(held::remove);
    for (int i = st.replaced.size() - 1; i >= 0; i--) {
      Replaced r = st.replaced.get(i);
      held.put(r.position(), r.before());
    }
  }

  /** A block's verdict and where its transactions' fees differ from the advertised schedule. */
  public record Judged(BlockVerdict verdict, List<FeeDeviation> deviations) {}

  /**
   * A valid transaction whose fee is not the operator's advertised one: a policy matter, never
   * invalidity.
   */
  public record FeeDeviation(int txIndex, TxRejection rejection, String detail) {}

  private BlockVerdict applyTx(
      Body body,
      int i,
      boolean isLast,
      TxResult<SignedTransaction> d,
      DecodedBlock.Prepared prepared,
      Optional<FeeSchedule> fees) {
    long blkNum = body.blkNum();
    if (!d.isOk()) {
      return new BlockVerdict(blkNum, "malformed_tx", i, d.rejection() + ": " + d.detail());
    }
    SignedTransaction stx = d.value();
    if (locations.putIfAbsent(stx.txHash(), new Location(blkNum, i)) == null) {
      stage.located.add(stx.txHash());
    }
    if (stx.tx().isFee()) {
      return applyFeeTx(blkNum, i, isLast, stx.tx());
    }
    recordSpends(body, i, stx, prepared.recovered());
    TxResult<List<Address>> signers = SignatureCheck.signers(stx, prepared.recovered());
    if (!signers.isOk()) {
      return new BlockVerdict(blkNum, "invalid_tx:" + signers.rejection(), i, signers.detail());
    }
    ValidationResult v =
        TransactionValidator.validate(stx, signers.value(), this, fees.orElse(NO_SCHEDULE), domain);
    if (!v.isValid() && !FEE_POLICY.contains(v.rejection())) {
      return new BlockVerdict(blkNum, "invalid_tx:" + v.rejection(), i, v.detail());
    }
    if (!v.isValid() && fees.isPresent()) {
      stage.deviations.add(new FeeDeviation(i, v.rejection(), v.detail()));
    }
    // every policy rejection comes after the amount checks: outputs never exceed inputs in any
    // token
    for (OutputPosition in : stx.tx().inputs()) {
      Output o = outputOf(in);
      stage.leftover.merge(o.token(), o.amount(), BigInteger::add);
    }
    for (Output o : stx.tx().outputs()) {
      stage.leftover.merge(o.token(), o.amount().negate(), BigInteger::add);
    }
    for (OutputPosition in : stx.tx().inputs()) {
      Held h = held.get(in);
      if (!h.spent) {
        h.spent = true;
        stage.spent.add(h);
      }
    }
    createOutputs(blkNum, i, stx.tx(), stx.txHash());
    return null;
  }

  /**
   * The fee transaction is the last one and mints, per token, exactly what the block's valid
   * payments left unspent: signed and committed data alone decide it, whatever schedule the
   * operator advertises. A block without one burns its fees, which takes nothing from anyone.
   */
  private BlockVerdict applyFeeTx(long blkNum, int i, boolean isLast, Transaction feeTx) {
    if (!isLast) {
      return new BlockVerdict(
          blkNum, "invalid_fee_tx", i, "a fee transaction is not the last transaction");
    }
    TreeMap<Address, BigInteger> expected = new TreeMap<>();
    stage.leftover.forEach((token, amount) -> {
      if (amount.signum() > 0) {
        expected.put(token, amount);
      }
    });
    String mismatch = feeMismatch(blkNum, feeTx, expected);
    if (mismatch != null) {
      return new BlockVerdict(
          blkNum, "invalid_fee_tx", i, mismatch + "; left unspent: " + expected);
    }
    createOutputs(blkNum, i, feeTx, null);
    return null;
  }

  /**
   * Why {@code feeTx} is not the one fee transaction minting {@code expected} (sorted by token), or
   * null.
   */
  private static String feeMismatch(
      long blkNum, Transaction feeTx, TreeMap<Address, BigInteger> expected) {
    if (expected.size() > Transaction.MAX_OUTPUTS) {
      return "fees in " + expected.size() + " tokens do not fit one fee transaction";
    }
    List<Output> outs = feeTx.outputs();
    if (outs.isEmpty() || outs.get(0).owner().isZero()) {
      return "the fee transaction has no beneficiary";
    }
    Optional<Transaction> wanted;
    try {
      wanted = FeeTransaction.build(blkNum, outs.get(0).owner(), expected);
    } catch (IllegalArgumentException e) {
      // a total no output can hold (2^256 and more): no fee transaction mints it
      return "no fee transaction can mint what the block's transactions left unspent ("
          + e.getMessage() + ")";
    }
    if (wanted.isEmpty() || !wanted.get().equals(feeTx)) {
      return "the fee transaction does not mint exactly what the block's transactions left unspent";
    }
    return null;
  }

  /**
   * {@code txHash}: the hash of {@code tx}'s txBytes if it has inputs (its outputs' keys derive
   * from it), else null.
   */
  private void createOutputs(long blkNum, int txIndex, Transaction tx, Bytes32 txHash) {
    Bytes32 keyedBy = tx.inputs().isEmpty() ? null : txHash;
    for (int o = 0; o < tx.outputs().size(); o++) {
      OutputPosition p = OutputPosition.of(blkNum, txIndex, o);
      Held before = held.put(p, new Held(tx.outputs().get(o), keyedBy));
      if (before == null) {
        stage.created.add(p);
      } else {
        stage.replaced.add(new Replaced(p, before));
      }
    }
  }

  /**
   * Keeps every input signed by its known owner under this chain's domain, valid tx or not.
   * {@code recovered}: what each signature with an input recovers to
   * ({@link SignatureCheck#recoverEach}).
   */
  private void recordSpends(
      Body body, int txIndex, SignedTransaction stx, List<Optional<Address>> recovered) {
    // the exit games read neither the domain field nor a signature's form: such a record is read
    // input by input, as a flawed one is
    if (!stx.domain().equals(domain)
        || !stx.signatures().stream().allMatch(Signature::isCanonical)) {
      recordFlawedSpends(body, txIndex, stx.txBytes());
      return;
    }
    List<OutputPosition> inputs = stx.tx().inputs();
    for (int j = 0; j < inputs.size() && j < stx.signatures().size(); j++) {
      Held owned = held.get(inputs.get(j));
      if (owned != null && recovered.get(j).filter(owned.output.owner()::equals).isPresent()) {
        addSpend(owned, new Spend(inputs.get(j), body, txIndex, j, stx.txHash(), null));
      }
    }
  }

  /**
   * Keeps the owner-signed spends of a transaction whose signed record broke a rule outside its
   * txBytes (a signature count, another input's signature, the domain field, the record's size).
   * challengeStandardExit reads only the txBytes and the challenged input's signature, so the
   * input's owner could exit the spent output while the spend's outputs exit too, unless such a
   * spend is kept as evidence. Each input's signature is read on its own, as the exit game reads
   * it, and must recover to the input's owner under this chain's domain.
   */
  private void recordFlawedSpends(Body body, int txIndex, byte[] txBytes) {
    long blkNum = body.blkNum();
    TxResult<Transaction> decoded = TransactionDecoder.decodeTransaction(txBytes);
    if (!decoded.isOk() || decoded.value().inputs().isEmpty()) {
      return;
    }
    Transaction tx = decoded.value();
    Bytes32 hash = tx.hash();
    if (flawedLocations.putIfAbsent(hash, new Location(blkNum, txIndex)) == null) {
      stage.flawedLocated.add(hash);
    }
    byte[] record = body.record(txIndex).toArray();
    for (int j = 0; j < tx.inputs().size(); j++) {
      OutputPosition input = tx.inputs().get(j);
      Held owned = held.get(input);
      if (owned != null
          && SpendEvidence.of(record, input)
              .filter(e -> e.signedBy(owned.output.owner(), domain))
              .isPresent()) {
        // read back as the exit games see it: the txBytes and the signatures they would accept
        addSpend(owned, new Spend(input, body, txIndex, j, hash, domain));
      }
    }
  }

  private void addSpend(Held of, Spend spend) {
    if (of.spends == null) {
      of.spends = new ArrayList<>(1);
    }
    of.spends.add(spend);
    stage.spendsAdded.add(of);
  }

  /** Owner-signed spends of {@code position} in known blocks, oldest first. */
  public List<Spend> spendsOf(OutputPosition position) {
    Held h = held.get(position);
    return h == null || h.spends == null ? List.of() : List.copyOf(h.spends);
  }

  public Optional<Output> output(OutputPosition position) {
    return Optional.ofNullable(outputOf(position));
  }

  public boolean isSpent(OutputPosition position) {
    Held h = held.get(position);
    return h != null && h.spent;
  }

  public Optional<Location> location(Bytes32 txHash) {
    return Optional.ofNullable(locations.get(txHash));
  }

  /** Where {@code txHash} is included, with the proof and timestamp the contracts check. */
  public Optional<Inclusion> inclusion(Bytes32 txHash) {
    return location(txHash).flatMap(l -> inclusionAt(l.blkNum(), l.txIndex()));
  }

  /**
   * The oldest inclusion of {@code txHash}'s txBytes, in a decoded record or a flawed one: what
   * respondToNonCanonicalChallenge can prove, and so what decides canonicity. Outputs exist only at
   * {@link #inclusion}.
   */
  public Optional<Inclusion> oldestInclusion(Bytes32 txHash) {
    Location valid = locations.get(txHash);
    Location flawed = flawedLocations.get(txHash);
    Location oldest = valid == null
        ? flawed
        : flawed == null || valid.position().encode() < flawed.position().encode() ? valid : flawed;
    return Optional.ofNullable(oldest).flatMap(l -> inclusionAt(l.blkNum(), l.txIndex()));
  }

  public Optional<Inclusion> inclusionAt(long blkNum, int txIndex) {
    return body(blkNum)
        .map(b -> new Inclusion(blkNum, txIndex, b.tree().proof(txIndex), b.timestamp()));
  }

  /**
   * The known competitors of an in-flight transaction older than its own inclusion (all of them if
   * it is not included), oldest first: any at all means it is not canonical. Each names the first
   * shared input whose owner signed the competitor (a recorded spend of it): another shared input
   * may carry a signature by anyone, or none, which challengeInFlightExitNotCanonical refuses. The
   * game takes the signature as an argument and proves only the txBytes included, so a competitor
   * is named at the oldest inclusion of its txBytes, whatever record carried them: a younger one
   * could be beaten by the in-flight transaction's own inclusion.
   */
  public List<Competitor> olderCompetitors(Transaction tx, Bytes32 txHash) {
    Map<Bytes32, Competitor> known = new LinkedHashMap<>();
    for (int i = 0; i < tx.inputs().size(); i++) {
      int shared = i;
      for (Spend s : spendsOf(tx.inputs().get(i))) {
        if (!s.txHash().equals(txHash)) {
          known.computeIfAbsent(
              s.txHash(), h -> new Competitor(s.tx(), shared, s.inputIndex(), oldestInclusion(h)));
        }
      }
    }
    long own = oldestInclusion(txHash).map(Inclusion::position).orElse(Long.MAX_VALUE);
    return known.values().stream()
        .filter(c -> c.priority() < own)
        .sorted(
            Comparator.comparingLong(Competitor::priority).thenComparingInt(Competitor::inputIndex))
        .toList();
  }

  public Optional<Body> body(long blkNum) {
    return Optional.ofNullable(bodies.get(blkNum));
  }

  /** Every known output and its position, spent or not (for exit advice). */
  public void forEachOutput(BiConsumer<OutputPosition, Output> action) {
    held.forEach((p, h) -> action.accept(p, h.output));
  }
}
