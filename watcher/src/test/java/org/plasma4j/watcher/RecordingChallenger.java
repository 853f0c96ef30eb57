package org.plasma4j.watcher;

import java.util.ArrayList;
import java.util.List;
import org.plasma4j.core.types.Address;
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
  /** Each send's transaction and the block it is mined in ({@link ExitChallenger#PENDING} while pending); a reorg removes it. */
  final java.util.Map<String, Long> chain = new java.util.LinkedHashMap<>();
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
    chain.put(hash, (long) sent.size());
    return List.of(hash);
  }

  @Override
  public long minedIn(String txHash) {
    return chain.getOrDefault(txHash, UNKNOWN);
  }

  RecordingChallenger(Address address) {
    this.address = address;
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
