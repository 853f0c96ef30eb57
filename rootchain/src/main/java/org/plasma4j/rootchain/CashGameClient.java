package org.plasma4j.rootchain;

import java.math.BigInteger;
import org.plasma4j.contracts.generated.CashExitGame;
import org.plasma4j.contracts.generated.DevToken;
import org.plasma4j.contracts.generated.MockErc721;
import org.plasma4j.core.cash.CoinChallenge;
import org.plasma4j.core.cash.CoinClaim;
import org.plasma4j.core.cash.CoinClaimArgs;
import org.plasma4j.core.cash.CoinEvidence;
import org.plasma4j.core.cash.CoinRoots;
import org.plasma4j.core.exit.ExitGameCommitments;
import org.plasma4j.core.types.Address;
import org.plasma4j.core.types.Bytes32;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A user's, watcher's or guardian's actions in the Plasma Cash exit game (CASH.md section 4.2):
 * coin deposits (with the token approval they need), exits, checkpoints, every challenge and the
 * response to a challenge-before, finalization, withdrawal and bonds. Each challenge and the response
 * pay their sender, so they go out as a commitment to the framework first and are revealed in a later
 * block; the {@code reveal*} methods are the second half alone, for callers that committed earlier.
 * Every call waits for its receipt and fails with the game's decoded custom error if it reverted.
 */
public final class CashGameClient extends GameClient {

  private static final String DEPOSITED_TOPIC = EventEncoder.encode(CashExitGame.COINDEPOSITED_EVENT);

  /** A deposit's receipt and the slot the game gave the new coin. */
  public record Deposited(TransactionReceipt receipt, long slot) {}

  /** The game's {@code coin(slot)}; {@code state} 0 deposited, 1 exiting, 2 exited, 3 withdrawn. */
  public record OnChainCoin(
      Address token, int kind, BigInteger value, int state, long originBlock, Address originOwner,
      Address exitedOwner) {}

  /** The game's {@code exitOf} / {@code checkpointOf}; a zero owner means none is pending. */
  public record OnChainClaim(
      Address owner, Address prevOwner, long prevBlock, long exitBlock, long exitableAt, int openChallenges) {

    public boolean exists() {
      return !owner.isZero();
    }

    public CoinClaim toCoinClaim(long slot, boolean checkpoint) {
      return new CoinClaim(slot, owner, prevOwner, prevBlock, exitBlock, checkpoint);
    }
  }

  /** The game's {@code challengeOf}. */
  public record OnChainChallenge(Address challenger, Address claimedOwner, long blk, boolean open) {}

  public CashGameClient(Web3j web3j, Credentials key, Address cashExitGame) {
    super(web3j, key, cashExitGame);
  }

  /** A client of the cash game that {@code framework} has registered. */
  public static CashGameClient forFramework(Web3j web3j, Credentials key, Address framework) {
    return new CashGameClient(web3j, key, Web3jCashGameEvents.cashGameOf(web3j, framework));
  }

  private CashExitGame cash() {
    return CashExitGame.load(game.toHex(), web3j, signer(), gas());
  }

  @Override
  protected String readFramework() throws Exception {
    return cash().framework().send();
  }

  private static BigInteger u64(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  // ---- deposits

  public Deposited depositEth(BigInteger wei) {
    return deposited(calls.send("depositEth", () -> cash().depositEth(wei).send()));
  }

  /** Approves the game for {@code amount} and deposits it; the coin is worth what arrived. */
  public Deposited depositErc20(Address token, BigInteger amount) {
    calls.send("approve", () -> DevToken.load(token.toHex(), web3j, signer(), gas()).approve(game.toHex(), amount).send());
    return deposited(calls.send("depositErc20", () -> cash().depositErc20(token.toHex(), amount).send()));
  }

  /** Approves the game for {@code tokenId} and deposits it as a coin carrying that id. */
  public Deposited depositErc721(Address token, BigInteger tokenId) {
    calls.send("approve", () -> erc721(token).approve(game.toHex(), tokenId).send());
    return deposited(calls.send("depositErc721", () -> cash().depositErc721(token.toHex(), tokenId).send()));
  }

  private MockErc721 erc721(Address token) {
    return MockErc721.load(token.toHex(), web3j, signer(), gas());
  }

  private static Deposited deposited(TransactionReceipt receipt) {
    for (Log log : receipt.getLogs()) {
      if (!log.getTopics().isEmpty() && DEPOSITED_TOPIC.equals(log.getTopics().get(0))) {
        return new Deposited(receipt, Web3jCashGameEvents.u64(CashExitGame.getCoinDepositedEventFromLog(log).slot));
      }
    }
    throw new Web3jRootChain.RootChainException("the deposit emitted no CoinDeposited", null);
  }

  // ---- exits and checkpoints

  /** Starts an exit of the coin with its last two transfers (or its origin), bonded. */
  public TransactionReceipt startExit(long slot, CoinClaimArgs claim) {
    BigInteger bond = coinExitBond();
    return calls.send("startExit", () -> cash().startExit(u64(slot), struct(claim), bond).send());
  }

  /** Starts a checkpoint of the coin's ownership at {@code claim.exitBlock()}, bonded. */
  public TransactionReceipt startCheckpoint(long slot, CoinClaimArgs claim) {
    BigInteger bond = checkpointBond();
    return calls.send("startCheckpoint", () -> cash().startCheckpoint(u64(slot), struct(claim), bond).send());
  }

  private static CashExitGame.CoinClaim struct(CoinClaimArgs c) {
    return new CashExitGame.CoinClaim(
        c.prevTx().toArray(), c.prevProof().toArray(), c.exitTx().toArray(), c.exitSig().toArray(),
        c.exitProof().toArray(), u64(c.exitBlock()));
  }

  public TransactionReceipt finalizeExit(long slot) {
    return calls.send("finalizeExit", () -> cash().finalizeExit(u64(slot)).send());
  }

  public TransactionReceipt finalizeCheckpoint(long slot) {
    return calls.send("finalizeCheckpoint", () -> cash().finalizeCheckpoint(u64(slot)).send());
  }

  /** Pays the exited coin (ETH, ERC20 or the ERC721 token) to its exited owner, the sender. */
  public TransactionReceipt withdraw(long slot) {
    return calls.send("withdraw", () -> cash().withdraw(u64(slot)).send());
  }

  /** Pulls every bond credited to the sender. */
  public TransactionReceipt withdrawBonds() {
    return calls.send("withdrawBonds", () -> cash().withdrawBonds().send());
  }

  /**
   * Pays a challenge that its claim's close left open (beyond the first 32 the close settles), plus the
   * claim's bond if the close found none of those open; {@code round} is {@link #claimRound} of that claim.
   */
  public TransactionReceipt settleChallenge(long slot, boolean onCheckpoint, long round, Bytes32 challengeTxHash) {
    return calls.send("settleChallenge", () -> cash().settleChallenge(
        u64(slot), onCheckpoint, BigInteger.valueOf(round), challengeTxHash.value()).send());
  }

  /** The round of the coin's current (or last) exit or checkpoint. */
  public long claimRound(long slot, boolean onCheckpoint) {
    return L1Calls.read(() -> cash().claimRound(u64(slot), onCheckpoint).send()).longValue();
  }

  // ---- challenges (commit, then reveal)

  /** Commits to revealing {@code txHash} for {@code slot} (bytes32(0) for the origin variant). */
  public TransactionReceipt commitCoin(long slot, Bytes32 txHash) {
    return commit(ExitGameCommitments.coinChallenge(address(), slot, txHash));
  }

  private Bytes32 txHash(CoinEvidence e) {
    return e.transfer().hash();
  }

  /** Makes {@code challenge} (as the core's CoinChallengeFinder chose it) against the claim on the coin. */
  public TransactionReceipt challenge(long slot, boolean onCheckpoint, CoinChallenge challenge) {
    return switch (challenge.kind()) {
      case AFTER -> challengeAfter(slot, challenge.evidence().orElseThrow());
      case BETWEEN -> challengeBetween(slot, onCheckpoint, challenge.evidence().orElseThrow());
      case BEFORE -> challengeBefore(slot, onCheckpoint, challenge.evidence().orElseThrow());
      case BEFORE_FROM_ORIGIN -> challengeBeforeFromOrigin(slot, onCheckpoint);
      case NONE -> throw new IllegalArgumentException("nothing to challenge");
    };
  }

  public TransactionReceipt challengeAfter(long slot, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealAfter(slot, e);
  }

  public TransactionReceipt revealAfter(long slot, CoinEvidence e) {
    return calls.send("challengeAfter", () -> cash()
        .challengeAfter(u64(slot), e.txBytes().toArray(), e.sig().toArray(), e.proof().toArray(), u64(e.blk()))
        .send());
  }

  /** challengeBetween on an exit, challengeCheckpointBetween on a checkpoint. */
  public TransactionReceipt challengeBetween(long slot, boolean onCheckpoint, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealBetween(slot, onCheckpoint, e);
  }

  public TransactionReceipt revealBetween(long slot, boolean onCheckpoint, CoinEvidence e) {
    byte[] tx = e.txBytes().toArray();
    byte[] sig = e.sig().toArray();
    byte[] proof = e.proof().toArray();
    return onCheckpoint
        ? calls.send("challengeCheckpointBetween",
            () -> cash().challengeCheckpointBetween(u64(slot), tx, sig, proof, u64(e.blk())).send())
        : calls.send("challengeBetween", () -> cash().challengeBetween(u64(slot), tx, sig, proof, u64(e.blk())).send());
  }

  /** An invalid-history challenge with an earlier transfer, bonded with the challenge bond. */
  public TransactionReceipt challengeBefore(long slot, boolean onCheckpoint, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealBefore(slot, onCheckpoint, e);
  }

  public TransactionReceipt revealBefore(long slot, boolean onCheckpoint, CoinEvidence e) {
    BigInteger bond = challengeBond();
    return calls.send("challengeBefore", () -> cash()
        .challengeBefore(u64(slot), onCheckpoint, e.txBytes().toArray(), e.sig().toArray(), e.proof().toArray(),
            u64(e.blk()), bond)
        .send());
  }

  /** An invalid-history challenge with the origin itself, bonded with the challenge bond. */
  public TransactionReceipt challengeBeforeFromOrigin(long slot, boolean onCheckpoint) {
    commitCoin(slot, Bytes32.ZERO);
    return revealBeforeFromOrigin(slot, onCheckpoint);
  }

  public TransactionReceipt revealBeforeFromOrigin(long slot, boolean onCheckpoint) {
    BigInteger bond = challengeBond();
    return calls.send("challengeBeforeFromOrigin",
        () -> cash().challengeBeforeFromOrigin(u64(slot), onCheckpoint, bond).send());
  }

  /** Answers challenge {@code challengeTxHash} with a later spend of its transfer; its bond becomes ours. */
  public TransactionReceipt respondChallengeBefore(
      long slot, boolean onCheckpoint, Bytes32 challengeTxHash, CoinEvidence e) {
    commitCoin(slot, txHash(e));
    return revealResponse(slot, onCheckpoint, challengeTxHash, e);
  }

  public TransactionReceipt revealResponse(long slot, boolean onCheckpoint, Bytes32 challengeTxHash, CoinEvidence e) {
    return calls.send("respondChallengeBefore", () -> cash()
        .respondChallengeBefore(u64(slot), onCheckpoint, challengeTxHash.value(), e.txBytes().toArray(),
            e.sig().toArray(), e.proof().toArray(), u64(e.blk()))
        .send());
  }

  // ---- views

  public OnChainCoin coin(long slot) {
    var t = L1Calls.read(() -> cash().coin(u64(slot)).send());
    return new OnChainCoin(Address.fromHex(t.component1()), t.component2().intValueExact(), t.component3(),
        t.component4().intValueExact(), t.component5().longValue(), Address.fromHex(t.component6()),
        Address.fromHex(t.component7()));
  }

  public OnChainClaim exitOf(long slot) {
    return claim(L1Calls.read(() -> cash().exitOf(u64(slot)).send()));
  }

  public OnChainClaim checkpointOf(long slot) {
    return claim(L1Calls.read(() -> cash().checkpointOf(u64(slot)).send()));
  }

  private static OnChainClaim claim(
      org.web3j.tuples.generated.Tuple6<String, String, BigInteger, BigInteger, BigInteger, BigInteger> t) {
    return new OnChainClaim(Address.fromHex(t.component1()), Address.fromHex(t.component2()),
        t.component3().longValue(), t.component4().longValue(), t.component5().longValueExact(),
        t.component6().intValueExact());
  }

  public OnChainChallenge challengeOf(long slot, boolean onCheckpoint, Bytes32 challengeTxHash) {
    var t = L1Calls.read(() -> cash().challengeOf(u64(slot), onCheckpoint, challengeTxHash.value()).send());
    return new OnChainChallenge(Address.fromHex(t.component1()), Address.fromHex(t.component2()),
        t.component3().longValue(), t.component4());
  }

  /** Bond wei credited to {@code who} and not yet withdrawn. */
  public BigInteger bonds(Address who) {
    return L1Calls.read(() -> cash().bonds(who.toHex()).send());
  }

  public long nextSlot() {
    return L1Calls.read(() -> cash().nextSlot().send()).longValue();
  }

  public BigInteger coinExitBond() {
    return L1Calls.read(() -> cash().coinExitBond().send());
  }

  public BigInteger challengeBond() {
    return L1Calls.read(() -> cash().challengeBond().send());
  }

  public BigInteger checkpointBond() {
    return L1Calls.read(() -> cash().checkpointBond().send());
  }

  /** The framework's coin root of child block {@code blkNum} (zero for a block without coins). */
  public Bytes32 coinRoot(long blkNum) {
    return new Bytes32(L1Calls.read(() -> framework().coinRoot(u64(blkNum)).send()));
  }

  /** The coin roots on the root chain, for the core's history verifier. */
  public CoinRoots coinRoots() {
    return new CoinRoots() {
      @Override
      public Bytes32 coinRoot(long blkNum) {
        return CashGameClient.this.coinRoot(blkNum);
      }

      @Override
      public boolean hasChildBlock(long blkNum) {
        return Long.compareUnsigned(blkNum, L1Calls.read(() -> framework().nextChildBlock().send()).longValue()) < 0;
      }
    };
  }

  /** Who owns ERC721 token {@code tokenId} of {@code token} on the root chain. */
  public Address erc721Owner(Address token, BigInteger tokenId) {
    return Address.fromHex(L1Calls.read(() -> erc721(token).ownerOf(tokenId).send()));
  }
}
