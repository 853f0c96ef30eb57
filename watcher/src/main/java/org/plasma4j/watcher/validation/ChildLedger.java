package org.plasma4j.watcher.validation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.plasma4j.core.block.Deposit;
import org.plasma4j.core.crypto.Secp256k1;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.Competitor;
import org.plasma4j.core.exit.CompetitorFinder;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.exit.KnownTransaction;
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
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.tx.TxResult;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;

/**
 * The watcher's own UTXO view, built only from deposits and verified blocks, and the state transition
 * re-run over it with the core rules. It also remembers every owner-signed spend and where each
 * transaction is included, which is what exit and in-flight-exit checks need. Not thread-safe: the
 * node guards it.
 */
public final class ChildLedger implements UtxoView {

  /** Where a transaction is included; blocks are kept for proofs. */
  public record Location(long blkNum, int txIndex) {
    public OutputPosition position() {
      return OutputPosition.of(blkNum, txIndex, 0);
    }
  }

  /** A block body with its root-chain timestamp, for inclusion proofs. */
  public record Body(long blkNum, long timestamp, List<byte[]> txBytes, MerkleTree tree) {}

  private final Domain domain;
  private final Map<OutputPosition, Output> outputs = new HashMap<>();
  private final Set<OutputPosition> spent = new HashSet<>();
  private final Map<OutputPosition, List<Spend>> spends = new HashMap<>();
  private final Map<Bytes32, Location> locations = new HashMap<>();
  private final Map<OutputPosition, Long> exitedAtL1 = new HashMap<>();
  private final TreeMap<Long, Body> bodies = new TreeMap<>();
  /** While a block is validated: outputs exited before this L1 block may not be spent in it. */
  private long exitCutoffL1 = Long.MIN_VALUE;

  public ChildLedger(Domain domain) {
    this.domain = domain;
  }

  public Domain domain() {
    return domain;
  }

  @Override
  public UtxoLookup lookup(OutputPosition position) {
    Output o = outputs.get(position);
    if (o == null) {
      return UtxoLookup.unknown();
    }
    if (spent.contains(position)) {
      return UtxoLookup.spent(o);
    }
    Long exited = exitedAtL1.get(position);
    return exited != null && exited < exitCutoffL1 ? UtxoLookup.exiting(o) : UtxoLookup.unspent(o);
  }

  public void applyDeposit(long blkNum, Address owner, Address token, BigInteger amount, long timestamp) {
    Deposit d = new Deposit(blkNum, owner, token, amount);
    byte[] txBytes = d.transaction().encode();
    outputs.put(d.position(), d.output());
    locations.putIfAbsent(d.transaction().hash(), new Location(blkNum, 0));
    bodies.put(blkNum, new Body(blkNum, timestamp, List.of(txBytes), MerkleTree.build(List.of(txBytes))));
  }

  /** An exit of {@code position} paid out in L1 block {@code l1Block}: later blocks may not spend it. */
  public void markExited(OutputPosition position, long l1Block) {
    exitedAtL1.merge(position, l1Block, Math::min);
  }

  /**
   * Re-runs the state transition over a verified block and applies its valid transactions (an invalid
   * one changes nothing), so that later blocks are judged against what honest nodes would hold.
   */
  public BlockVerdict apply(DecodedBlock block, long timestamp, long submittedL1, FeeSchedule fees) {
    exitCutoffL1 = submittedL1;
    long blkNum = block.blkNum();
    bodies.put(blkNum, new Body(blkNum, timestamp, block.txBytes(), block.tree()));
    Map<Address, BigInteger> collected = new HashMap<>();
    BlockVerdict first = null;
    int last = block.decoded().size() - 1;
    for (int i = 0; i <= last; i++) {
      BlockVerdict broken = applyTx(blkNum, i, i == last, block.decoded().get(i), fees, collected);
      if (first == null && broken != null) {
        first = broken;
      }
    }
    exitCutoffL1 = Long.MIN_VALUE;
    return first == null ? BlockVerdict.valid(blkNum) : first;
  }

  private BlockVerdict applyTx(
      long blkNum, int i, boolean isLast, TxResult<SignedTransaction> d, FeeSchedule fees, Map<Address, BigInteger> collected) {
    if (!d.isOk()) {
      return new BlockVerdict(blkNum, "malformed_tx", i, d.rejection() + ": " + d.detail());
    }
    SignedTransaction stx = d.value();
    locations.putIfAbsent(stx.txHash(), new Location(blkNum, i));
    if (stx.tx().isFee()) {
      return applyFeeTx(blkNum, i, isLast, stx.tx(), collected);
    }
    recordSpends(blkNum, i, stx);
    TxResult<List<Address>> signers = SignatureCheck.recoverSigners(stx);
    if (!signers.isOk()) {
      return new BlockVerdict(blkNum, "invalid_tx:" + signers.rejection(), i, signers.detail());
    }
    ValidationResult v = TransactionValidator.validate(stx, signers.value(), this, fees, domain);
    if (!v.isValid()) {
      return new BlockVerdict(blkNum, "invalid_tx:" + v.rejection(), i, v.detail());
    }
    collected.merge(v.feeToken(), v.fee(), BigInteger::add);
    spent.addAll(stx.tx().inputs());
    createOutputs(blkNum, i, stx.tx());
    return null;
  }

  /** The fee transaction is the last one and mints exactly the fees the block's payments paid. */
  private BlockVerdict applyFeeTx(long blkNum, int i, boolean isLast, Transaction feeTx, Map<Address, BigInteger> collected) {
    if (!isLast) {
      return new BlockVerdict(blkNum, "invalid_fee_tx", i, "a fee transaction is not the last transaction");
    }
    Optional<Transaction> expected = FeeTransaction.build(blkNum, feeTx.outputs().get(0).owner(), collected);
    if (expected.isEmpty() || !expected.get().equals(feeTx)) {
      return new BlockVerdict(blkNum, "invalid_fee_tx", i,
          "the fee transaction does not mint exactly the collected fees " + collected + " for block " + blkNum);
    }
    createOutputs(blkNum, i, feeTx);
    return null;
  }

  private void createOutputs(long blkNum, int txIndex, Transaction tx) {
    for (int o = 0; o < tx.outputs().size(); o++) {
      outputs.put(OutputPosition.of(blkNum, txIndex, o), tx.outputs().get(o));
    }
  }

  /** Keeps every input signed by its known owner under this chain's domain, valid tx or not. */
  private void recordSpends(long blkNum, int txIndex, SignedTransaction stx) {
    if (!stx.domain().equals(domain)) {
      return;
    }
    List<OutputPosition> inputs = stx.tx().inputs();
    byte[] digest = null;
    for (int j = 0; j < inputs.size() && j < stx.signatures().size(); j++) {
      Output owned = outputs.get(inputs.get(j));
      Signature sig = stx.signatures().get(j);
      if (owned == null || !sig.isCanonical()) {
        continue;
      }
      digest = digest == null ? stx.signingDigest() : digest;
      if (Secp256k1.recover(digest, sig).filter(owned.owner()::equals).isPresent()) {
        spends.computeIfAbsent(inputs.get(j), k -> new ArrayList<>()).add(new Spend(inputs.get(j), blkNum, txIndex, stx, j));
      }
    }
  }

  /** Owner-signed spends of {@code position} in known blocks, oldest first. */
  public List<Spend> spendsOf(OutputPosition position) {
    return List.copyOf(spends.getOrDefault(position, List.of()));
  }

  public Optional<Output> output(OutputPosition position) {
    return Optional.ofNullable(outputs.get(position));
  }

  public boolean isSpent(OutputPosition position) {
    return spent.contains(position);
  }

  public Optional<Location> location(Bytes32 txHash) {
    return Optional.ofNullable(locations.get(txHash));
  }

  /** Where {@code txHash} is included, with the proof and timestamp the contracts check. */
  public Optional<Inclusion> inclusion(Bytes32 txHash) {
    return location(txHash).flatMap(l -> inclusionAt(l.blkNum(), l.txIndex()));
  }

  public Optional<Inclusion> inclusionAt(long blkNum, int txIndex) {
    return body(blkNum).map(b -> new Inclusion(blkNum, txIndex, b.tree().proof(txIndex), b.timestamp()));
  }

  /**
   * The known competitors of an in-flight transaction older than its own inclusion (all of them if it
   * is not included), oldest first: any at all means it is not canonical.
   */
  public List<Competitor> olderCompetitors(Transaction tx, Bytes32 txHash) {
    Map<Bytes32, KnownTransaction> known = new LinkedHashMap<>();
    for (OutputPosition input : tx.inputs()) {
      for (Spend s : spendsOf(input)) {
        known.computeIfAbsent(s.tx().txHash(), h -> new KnownTransaction(s.tx(), inclusionAt(s.blkNum(), s.txIndex())));
      }
    }
    long own = inclusion(txHash).map(Inclusion::position).orElse(Long.MAX_VALUE);
    return CompetitorFinder.all(tx, known.values()).stream().filter(c -> c.priority() < own).toList();
  }

  public Optional<Body> body(long blkNum) {
    return Optional.ofNullable(bodies.get(blkNum));
  }

  /** Every known output and its position (for exit advice). */
  public Map<OutputPosition, Output> outputs() {
    return java.util.Collections.unmodifiableMap(outputs);
  }
}
