package org.plasma4j.watcher;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.types.Address;
import org.plasma4j.rootchain.L1TxStatus;
import org.plasma4j.watcher.challenge.ChallengeTask;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.IfeCanonicityResponse;
import org.plasma4j.watcher.challenge.ChallengeTask.MassExitLeafChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackInputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.PiggybackOutputChallenge;
import org.plasma4j.watcher.challenge.ChallengeTask.StandardExitChallenge;
import org.plasma4j.watcher.challenge.ExitChallenger;

/** Records every call the watcher makes instead of sending it. */
final class RecordingChallenger implements ExitChallenger {

  final List<ChallengeTask> sent = new ArrayList<>();
  final Address address;
  /** {@link #chain}'s block of a transaction waiting in the mempool. */
  static final long PENDING = 0;

  /**
   * Each send's transaction and the block it is mined in ({@link #PENDING} while pending); a reorg
   * removes it.
   */
  final java.util.Map<String, Long> chain = new java.util.LinkedHashMap<>();
  /** Mined transactions that reverted. */
  final java.util.Set<String> reverted = new java.util.HashSet<>();
  /** The block a send is mined in: the root chain's next. */
  private final java.util.function.LongSupplier nextBlock;
  /** Sends that fail before anything goes out (e.g. the key has no gas money). */
  int failNext;

  @Override
  public List<String> send(ChallengeTask task) {
    if (failNext > 0) {
      failNext--;
      throw new IllegalStateException("insufficient funds for gas * price + value");
    }
    run(task);
    String hash = "0xc" + sent.size();
    chain.put(hash, nextBlock.getAsLong());
    return List.of(hash);
  }

  @Override
  public L1TxStatus status(String txHash) {
    Long block = chain.get(txHash);
    if (block == null) {
      return new L1TxStatus.Unknown();
    }
    if (block == PENDING) {
      return new L1TxStatus.Pending();
    }
    return reverted.contains(txHash) ? new L1TxStatus.Reverted(block) : new L1TxStatus.Mined(block);
  }

  RecordingChallenger(Address address, java.util.function.LongSupplier nextBlock) {
    this.address = address;
    this.nextBlock = nextBlock;
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public void challenge(StandardExitChallenge c) {
    sent.add(c);
  }

  @Override
  public void challenge(MassExitLeafChallenge c) {
    sent.add(c);
  }

  @Override
  public void challenge(IfeCanonicityChallenge c) {
    sent.add(c);
  }

  @Override
  public void respond(IfeCanonicityResponse r) {
    sent.add(r);
  }

  @Override
  public void challenge(PiggybackInputChallenge c) {
    sent.add(c);
  }

  @Override
  public void challenge(PiggybackOutputChallenge c) {
    sent.add(c);
  }
}
