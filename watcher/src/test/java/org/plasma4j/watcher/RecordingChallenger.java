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
