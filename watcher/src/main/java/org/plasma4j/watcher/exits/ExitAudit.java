package org.plasma4j.watcher.exits;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plasma4j.core.crypto.Signature;
import org.plasma4j.core.exit.ChallengeData;
import org.plasma4j.core.exit.Competitor;
import org.plasma4j.core.exit.Inclusion;
import org.plasma4j.core.rootchain.ExitGameEvents.MassExitLeaf;
import org.plasma4j.core.tx.Output;
import org.plasma4j.core.tx.Transaction;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes;
import org.plasma4j.core.types.Bytes32;
import org.plasma4j.core.types.OutputPosition;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.events.EventType;
import org.plasma4j.watcher.exits.ExitBook.InFlightExit;
import org.plasma4j.watcher.exits.ExitBook.MassExit;
import org.plasma4j.watcher.exits.ExitBook.StandardExit;
import org.plasma4j.watcher.validation.ChildLedger;
import org.plasma4j.watcher.validation.Spend;

/**
 * Judges every open exit against the watcher's ledger: exits and mass-exit leaves of outputs spent
 * in a known block, in-flight exits whose transaction has an older competitor (or was wrongly
 * challenged), piggybacks on spent inputs and outputs, and piggybacks the watched owners could
 * still make. Pure: it returns findings and the challenges that answer them.
 *
 * @param now root-chain time in seconds
 * @param margin seconds before exitableAt from which an open invalid exit is reported unchallenged
 * @param minExitPeriod the root chain's minimum exit period in seconds: canonicity challenges close
 *     half of it after an in-flight exit starts, and its exitableAt is at least one period after
 *     its start
 */
public record ExitAudit(
    ExitBook book,
    ChildLedger ledger,
    long now,
    long margin,
    Set<Address> watched,
    long minExitPeriod) {

  public ExitAudit(ExitBook book, ChildLedger ledger, long now, long margin, Set<Address> watched) {
    this(book, ledger, now, margin, watched, 0);
  }

  public record Result(List<Finding> findings, List<ChallengeTask> tasks) {}

  public Result run() {
    List<Finding> findings = new ArrayList<>();
    List<ChallengeTask> tasks = new ArrayList<>();
    // a paid exit is judged too: a theft nobody stopped stays a finding, the vault is short by it
    // for good
    book.standardExits().stream()
        .filter(x -> x.state() != ExitBook.State.CHALLENGED)
        .forEach(x -> standardExit(x, findings, tasks));
    book.massExits().forEach(m -> massExit(m, findings, tasks));
    book.inFlightExits().forEach(x -> inFlightExit(x, findings, tasks));
    book.deferred()
        .forEach(d -> findings.add(new Finding(
            EventType.EXIT_DEFERRED,
            "deferred:" + d.token().toHex() + ":" + d.entry(),
            details(
                "token",
                d.token(),
                "entry",
                d.entry(),
                "kind",
                kindName(d.kind()),
                "exitId",
                d.exitId(),
                "reason",
                d.reason().toHex(),
                "l1Block",
                d.l1Block()))));
    return new Result(findings, tasks);
  }

  private static String kindName(int kind) {
    return switch (kind) {
      case 0 -> "standard";
      case 1 -> "in_flight";
      case 2 -> "mass";
      case 3 -> "cash";
      default -> Integer.toString(kind);
    };
  }

  private void standardExit(StandardExit x, List<Finding> findings, List<ChallengeTask> tasks) {
    OutputPosition position = OutputPosition.decode(x.started().position());
    Optional<Evidence> spend = spendOf(position);
    if (spend.isEmpty()) {
      return;
    }
    Evidence s = spend.get();
    Map<String, String> d = details(
        "kind",
        "standard",
        "position",
        position,
        "owner",
        x.started().owner(),
        "amount",
        x.started().amount(),
        "token",
        x.started().token(),
        "spentBy",
        s.txHash(),
        "spentAt",
        s.spentAt(),
        "exitableAt",
        x.started().exitableAt(),
        "atRisk",
        atRisk(Map.of(x.started().token(), x.started().amount())));
    String subject = "exit:" + position;
    if (x.state() == ExitBook.State.FINALIZED) {
      if (ledger.isSpent(position)) {
        findings.add(new Finding(EventType.UNCHALLENGED_EXIT, subject, d));
      }
      return;
    }
    findings.add(new Finding(EventType.INVALID_EXIT, subject, d));
    tasks.add(new ChallengeTask.StandardExitChallenge(
        new ChallengeData(position, s.txBytes(), s.inputIndex(), s.signature())));
    if (now >= x.started().exitableAt() - margin) {
      findings.add(new Finding(EventType.UNCHALLENGED_EXIT, subject, d));
    }
  }

  /**
   * What the vault would pay wrongly, per token: {@code <token>:<amount>} joined by commas, empty
   * if nothing. A guardian weighs it against its own holdings of each token.
   */
  static String atRisk(Map<Address, BigInteger> amounts) {
    return amounts.entrySet().stream()
        .filter(e -> e.getValue().signum() > 0)
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Address::toHex)))
        .map(e -> e.getKey().toHex() + ":" + e.getValue())
        .collect(java.util.stream.Collectors.joining(","));
  }

  private void massExit(MassExit m, List<Finding> findings, List<ChallengeTask> tasks) {
    List<MassExitLeaf> leaves = m.started().leaves();
    for (int i = 0; i < leaves.size(); i++) {
      if (m.leafChallenged(i)) {
        continue;
      }
      OutputPosition position = OutputPosition.decode(leaves.get(i).position());
      Optional<Evidence> spend = spendOf(position);
      if (spend.isEmpty()) {
        continue;
      }
      Evidence s = spend.get();
      Map<String, String> d = details(
          "kind",
          "mass",
          "batchId",
          m.started().batchId(),
          "leafIndex",
          i,
          "position",
          position,
          "owner",
          leaves.get(i).owner(),
          "amount",
          leaves.get(i).amount(),
          "token",
          m.started().token(),
          "spentBy",
          s.txHash(),
          "spentAt",
          s.spentAt(),
          "exitableAt",
          m.started().exitableAt(),
          "atRisk",
          atRisk(Map.of(m.started().token(), leaves.get(i).amount())));
      String subject = "mass:" + m.started().batchId() + ":" + i;
      if (m.finalized()) {
        if (ledger.isSpent(position)) {
          findings.add(new Finding(EventType.UNCHALLENGED_EXIT, subject, d));
        }
        continue;
      }
      findings.add(new Finding(EventType.INVALID_EXIT, subject, d));
      tasks.add(new ChallengeTask.MassExitLeafChallenge(
          m.started().batchId(), leaves, i, s.txBytes(), s.inputIndex(), s.signature()));
      if (now >= m.started().exitableAt() - margin) {
        findings.add(new Finding(EventType.UNCHALLENGED_EXIT, subject, d));
      }
    }
  }

  /**
   * A transaction signed by an output's owner that spends it: where it is, {@code spentAt} (the
   * spending transaction's position, or {@code in_flight:<ifeId>}).
   */
  private record Evidence(
      Bytes txBytes, Bytes32 txHash, int inputIndex, Signature signature, String spentAt) {}

  /**
   * The owner-signed spend of {@code position} that challenges any other exit of it: a spend in a
   * known block first, else an in-flight transaction some in-flight exit published on the root
   * chain with its inputs' signatures (the game verified them against the inputs' owners). The
   * in-flight one need never be included: an initiator who spends his own output in flight and also
   * batches it would otherwise have the batch ask the vault for an output the in-flight exit takes
   * first, shorting every other leaf.
   */
  private Optional<Evidence> spendOf(OutputPosition position) {
    List<Spend> spends = ledger.spendsOf(position);
    if (!spends.isEmpty()) {
      Spend s = spends.get(0);
      return Optional.of(new Evidence(
          Bytes.wrap(s.tx().txBytes()),
          s.txHash(),
          s.inputIndex(),
          s.signature(),
          s.txPosition().toString()));
    }
    for (InFlightExit x : book.inFlightExits()) {
      List<OutputPosition> inputs = x.tx().inputs();
      List<Bytes> signatures = x.started().inputSignatures();
      for (int i = 0; i < inputs.size() && i < signatures.size(); i++) {
        if (inputs.get(i).equals(position) && signatures.get(i).length() == Signature.LENGTH) {
          return Optional.of(new Evidence(
              x.started().txBytes(),
              x.started().txHash(),
              i,
              new Signature(signatures.get(i)),
              "in_flight:" + x.started().ifeId()));
        }
      }
    }
    return Optional.empty();
  }

  private void inFlightExit(InFlightExit x, List<Finding> findings, List<ChallengeTask> tasks) {
    Transaction tx = x.tx();
    BigInteger id = x.started().ifeId();
    Bytes txBytes = x.started().txBytes();
    Optional<Inclusion> included = ledger.inclusion(x.started().txHash());
    // a flawed record's txBytes prove an inclusion too: the response may name it
    Optional<Inclusion> oldest = ledger.oldestInclusion(x.started().txHash());
    long own = oldest.map(Inclusion::position).orElse(Long.MAX_VALUE);
    List<Competitor> older = ledger.olderCompetitors(tx, x.started().txHash());
    if (x.finalized()) {
      // settled: no challenge can change it any more, but outputs paid as canonical against an
      // older
      // competitor were paid while the competitor's outputs stand
      Optional<Competitor> applied =
          older.stream().filter(c -> applied(c.position())).findFirst();
      if (applied.isPresent() && x.paidCanonical()) {
        Competitor c = applied.get();
        Map<String, String> d = details(
            "ifeId",
            id,
            "txHash",
            x.started().txHash(),
            "competitor",
            c.competingTx().txHash(),
            "competitorPosition",
            c.position(),
            "exitableAt",
            x.started().exitableAt(),
            "atRisk",
            atRisk(piggybackedOutputs(x)));
        findings.add(new Finding(EventType.UNCHALLENGED_IFE, "ife:" + id, d));
      }
      paidPiggybacks(x, included, findings);
      return;
    }
    if (!older.isEmpty()) {
      Competitor c = older.get(0);
      Map<String, String> d = details(
          "ifeId",
          id,
          "txHash",
          x.started().txHash(),
          "competitor",
          c.competingTx().txHash(),
          "competitorPosition",
          c.position(),
          "exitableAt",
          x.started().exitableAt(),
          "atRisk",
          atRisk(piggybackedOutputs(x)));
      findings.add(new Finding(EventType.NON_CANONICAL_IFE, "ife:" + id, d));
      if (!x.challengedNow() && now >= canonicityWindowClosed(x)) {
        findings.add(new Finding(EventType.UNCHALLENGED_IFE, "ife:" + id, d));
      }
      if (!x.challengedNow()) {
        tasks.add(new ChallengeTask.IfeCanonicityChallenge(
            id,
            txBytes,
            c.inputIndex(),
            c.competingTxBytes(),
            c.competingInputIndex(),
            c.position(),
            c.proof(),
            c.blockTimestamp(),
            c.signature()));
      }
    } else if (x.challengedNow() && oldest.isPresent() && !x.provenOlderThan(own)) {
      // respondToNonCanonicalChallenge reverts unless the inclusion is older than the competitor
      var challenge = x.challenges().get(x.challenges().size() - 1);
      findings.add(new Finding(
          EventType.INVALID_IFE_CHALLENGE,
          "ife:" + id + ":" + challenge.l1Block(),
          details(
              "ifeId",
              id,
              "txHash",
              x.started().txHash(),
              "includedAt",
              own,
              "challenger",
              challenge.challenger(),
              "competitorPosition",
              challenge.competitorPosition())));
      Inclusion at = oldest.get();
      tasks.add(new ChallengeTask.IfeCanonicityResponse(
          id, txBytes, at.position(), at.proof(), at.blockTimestamp(), challenge.l1Block()));
    }
    piggybacks(x, included, findings, tasks);
  }

  /**
   * When the canonicity challenges have closed at the latest: half an exit period after the start,
   * which is no later than exitableAt less half a period (exitableAt is at least a period after the
   * start). With no period known, the unchallenged margin before exitableAt.
   */
  private long canonicityWindowClosed(InFlightExit x) {
    long exitableAt = x.started().exitableAt();
    return minExitPeriod > 0 ? exitableAt - minExitPeriod / 2 : exitableAt - margin;
  }

  /**
   * The outputs a non-canonical in-flight exit would take if it is paid as canonical: its
   * piggybacked outputs not blocked, per token. Once its canonicity window has closed no piggyback
   * can be added.
   */
  private static Map<Address, BigInteger> piggybackedOutputs(InFlightExit x) {
    Map<Address, BigInteger> sum = new LinkedHashMap<>();
    Set<Integer> blocked = x.blocked(true);
    for (int o : x.piggybacked(true)) {
      if (!blocked.contains(o) && o < x.tx().outputs().size()) {
        Output out = x.tx().outputs().get(o);
        sum.merge(out.token(), out.amount(), BigInteger::add);
      }
    }
    return sum;
  }

  /**
   * A settled in-flight exit's invalid piggybacks on the side it paid (inputs if not canonical,
   * outputs if canonical): each was paid although its output was spent.
   */
  private void paidPiggybacks(
      InFlightExit x, Optional<Inclusion> included, List<Finding> findings) {
    Transaction tx = x.tx();
    boolean outputsPaid = x.paidCanonical();
    for (int i = 0; i < tx.inputs().size() && !outputsPaid; i++) {
      OutputPosition input = tx.inputs().get(i);
      if (!x.piggybacked(false).contains(i) || x.blocked(false).contains(i)) {
        continue;
      }
      Optional<Output> spent = ledger.output(input);
      String which = "in:" + i;
      ledger.spendsOf(input).stream()
          .filter(s -> !s.txHash().equals(x.started().txHash()))
          .filter(s -> applied(s.txPosition().encode()))
          .findFirst()
          .ifPresent(s -> paidPiggyback(x, which, spent, s, findings));
    }
    for (int o = 0; o < tx.outputs().size() && outputsPaid && included.isPresent(); o++) {
      if (!x.piggybacked(true).contains(o) || x.blocked(true).contains(o)) {
        continue;
      }
      Optional<Output> out = Optional.of(tx.outputs().get(o));
      int index = o;
      ledger.spendsOf(included.get().outputPosition(o)).stream()
          .filter(s -> applied(s.txPosition().encode()))
          .findFirst()
          .ifPresent(s -> paidPiggyback(x, "out:" + index, out, s, findings));
    }
  }

  /**
   * Whether the transaction at {@code txPosition} was valid and applied (it created its outputs).
   * After a payout only such a spend proves a theft: a spend of a paid output in a later block is
   * an invalid block, reported as such.
   */
  private boolean applied(long txPosition) {
    return txPosition > 0 && ledger.output(OutputPosition.decode(txPosition)).isPresent();
  }

  private void paidPiggyback(
      InFlightExit x, String which, Optional<Output> paid, Spend s, List<Finding> findings) {
    findings.add(new Finding(
        EventType.UNCHALLENGED_PIGGYBACK,
        "ife:" + x.started().ifeId() + ":" + which,
        piggybackDetails(x, which, paid, s)));
  }

  private static Map<String, String> piggybackDetails(
      InFlightExit x, String which, Optional<Output> paid, Spend s) {
    return details(
        "ifeId",
        x.started().ifeId(),
        "piggyback",
        which,
        "owner",
        paid.map(o -> o.owner().toHex()).orElse("unknown"),
        "spentBy",
        s.txHash(),
        "exitableAt",
        x.started().exitableAt(),
        "atRisk",
        atRisk(paid.map(o -> Map.of(o.token(), o.amount())).orElse(Map.of())));
  }

  private void piggybacks(
      InFlightExit x,
      Optional<Inclusion> included,
      List<Finding> findings,
      List<ChallengeTask> tasks) {
    Transaction tx = x.tx();
    BigInteger id = x.started().ifeId();
    for (int i = 0; i < tx.inputs().size(); i++) {
      OutputPosition input = tx.inputs().get(i);
      Optional<Address> owner = ledger.output(input).map(Output::owner);
      if (!x.piggybacked(false).contains(i)) {
        available(x, false, i, owner, findings);
        continue;
      }
      if (x.blocked(false).contains(i)) {
        continue;
      }
      Optional<Spend> other = ledger.spendsOf(input).stream()
          .filter(s -> !s.txHash().equals(x.started().txHash()))
          .findFirst();
      if (other.isPresent()) {
        Spend s = other.get();
        invalidPiggyback(x, "in:" + i, ledger.output(input), s, findings);
        tasks.add(new ChallengeTask.PiggybackInputChallenge(
            id,
            x.started().txBytes(),
            i,
            Bytes.wrap(s.tx().txBytes()),
            s.inputIndex(),
            s.signature()));
      }
    }
    for (int o = 0; o < tx.outputs().size(); o++) {
      Optional<Address> owner = Optional.of(tx.outputs().get(o).owner());
      if (!x.piggybacked(true).contains(o)) {
        available(x, true, o, owner, findings);
        continue;
      }
      if (x.blocked(true).contains(o) || included.isEmpty()) {
        continue;
      }
      Inclusion at = included.get();
      List<Spend> spends = ledger.spendsOf(at.outputPosition(o));
      if (!spends.isEmpty()) {
        Spend s = spends.get(0);
        invalidPiggyback(x, "out:" + o, Optional.of(tx.outputs().get(o)), s, findings);
        tasks.add(new ChallengeTask.PiggybackOutputChallenge(
            id,
            x.started().txBytes(),
            o,
            at.position(),
            at.proof(),
            at.blockTimestamp(),
            Bytes.wrap(s.tx().txBytes()),
            s.inputIndex(),
            s.signature()));
      }
    }
  }

  private void invalidPiggyback(
      InFlightExit x, String which, Optional<Output> paid, Spend s, List<Finding> findings) {
    String subject = "ife:" + x.started().ifeId() + ":" + which;
    Map<String, String> d = piggybackDetails(x, which, paid, s);
    findings.add(new Finding(EventType.INVALID_PIGGYBACK, subject, d));
    if (now >= x.started().exitableAt() - margin) {
      findings.add(new Finding(EventType.UNCHALLENGED_PIGGYBACK, subject, d));
    }
  }

  private void available(
      InFlightExit x, boolean output, int index, Optional<Address> owner, List<Finding> findings) {
    if (owner.isEmpty() || !watched.contains(owner.get())) {
      return;
    }
    String which = (output ? "out:" : "in:") + index;
    findings.add(new Finding(
        EventType.PIGGYBACK_AVAILABLE,
        "ife:" + x.started().ifeId() + ":" + which,
        details(
            "ifeId",
            x.started().ifeId(),
            "piggyback",
            which,
            "owner",
            owner.get(),
            "txHash",
            x.started().txHash())));
  }

  private static Map<String, String> details(Object... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      out.put((String) kv[i], v instanceof Address a ? a.toHex() : String.valueOf(v));
    }
    return out;
  }
}
