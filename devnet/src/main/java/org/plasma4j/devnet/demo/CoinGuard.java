package org.plasma4j.devnet.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinChallengeFinder;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.rootchain.CashGameEvents.CheckpointStarted;
import org.plasma4j.core.rootchain.CashGameEvents.CoinChallenged;
import org.plasma4j.core.rootchain.CashGameEvents.CoinExitStarted;
import org.plasma4j.rootchain.CashGameClient;
import org.plasma4j.rootchain.CashGameClient.OnChainClaim;
import org.plasma4j.rootchain.Web3jCashGameEvents;
import org.plasma4j.wallet.cash.CoinWallet;
import org.plasma4j.wallet.cash.CoinWallet.OwnedCoin;
import org.web3j.protocol.Web3j;

/**
 * A light client's defence in the cash demo and attack tests, polled by hand: it reads the cash game's events since
 * its last poll, and for each coin its wallet holds it challenges every exit or checkpoint that the
 * wallet's verified history contradicts (the core's {@link CoinChallengeFinder} picks after, between,
 * before or before-from-origin) and answers every challenge-before of its own exit from that history.
 * It decides from events and the stored history alone; the stories never tell it what to do.
 *
 * <p>Stand-in for the guardian's coin watch (guardian/cash) until that lands; the tests call it only
 * through {@link #pollOnce()}, the same shape as the guardian's.
 */
public final class CoinGuard {

  private final CoinWallet wallet;
  private final CashGameClient l1;
  private final Web3jCashGameEvents events;
  private final Web3j web3j;
  private final List<String> log = new ArrayList<>();
  private long scannedTo;

  public CoinGuard(CoinWallet wallet, CashGameClient l1, Web3jCashGameEvents events, Web3j web3j) {
    this.wallet = wallet;
    this.l1 = l1;
    this.events = events;
    this.web3j = web3j;
  }

  /** What the guard did, one line per action. */
  public List<String> log() {
    return List.copyOf(log);
  }

  /** One round: the events of the root-chain blocks since the last round, each acted on. */
  public void pollOnce() {
    long head = head();
    long from = scannedTo + 1;
    if (from > head) {
      return;
    }
    for (CoinExitStarted e : events.coinExitsStarted(from, head)) {
      contest(e.slot(), false);
    }
    for (CheckpointStarted e : events.checkpointsStarted(from, head)) {
      contest(e.slot(), true);
    }
    for (CoinChallenged e : events.coinsChallenged(from, head)) {
      answer(e);
    }
    scannedTo = head;
  }

  private Optional<OwnedCoin> held(long slot) {
    return wallet.coins().stream().filter(c -> c.slot() == slot).findFirst();
  }

  private OnChainClaim claim(long slot, boolean onCheckpoint) {
    return onCheckpoint ? l1.checkpointOf(slot) : l1.exitOf(slot);
  }

  private void contest(long slot, boolean onCheckpoint) {
    Optional<OwnedCoin> coin = held(slot);
    OnChainClaim claim = claim(slot, onCheckpoint);
    if (coin.isEmpty() || !claim.exists() || claim.owner().equals(wallet.address())) {
      return;
    }
    CoinChallenge challenge = CoinChallengeFinder.find(coin.get().origin(), coin.get().history(),
        claim.toCoinClaim(slot, onCheckpoint));
    if (challenge.kind() == CoinChallenge.Kind.NONE) {
      return;
    }
    l1.challenge(slot, onCheckpoint, challenge);
    log.add("challenged " + (onCheckpoint ? "checkpoint" : "exit") + " of slot " + slot + " by " + claim.owner()
        + ": " + challenge.kind());
  }

  private void answer(CoinChallenged e) {
    Optional<OwnedCoin> coin = held(e.slot());
    OnChainClaim claim = claim(e.slot(), e.onCheckpoint());
    if (coin.isEmpty() || !claim.owner().equals(wallet.address())
        || !l1.challengeOf(e.slot(), e.onCheckpoint(), e.challengeTxHash()).open()) {
      return;
    }
    Optional<CoinEvidence> response = CoinChallengeFinder.respond(coin.get().origin(), coin.get().history(),
        e.claimedOwner(), e.blk(), claim.prevBlock());
    if (response.isEmpty()) {
      log.add("cannot answer the challenge of slot " + e.slot() + " at block " + e.blk());
      return;
    }
    l1.respondChallengeBefore(e.slot(), e.onCheckpoint(), e.challengeTxHash(), response.get());
    log.add("answered the challenge of slot " + e.slot() + " at block " + e.blk() + " with block "
        + response.get().blk());
  }

  private long head() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
